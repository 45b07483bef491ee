import { parseHTML } from "linkedom";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let bundleId: string;
let draftId: string;
const v1 = (token?: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const anna = v1(net.people.anna.token).items;
  await reply(anna.$post({ json: { url: "https://www.voorbeeld.nl/welkom", title: "Welkom in de klas", themes: ["nieuwkomers", "thuistalen"], tags: ["start"], note: "Eerste week, \"maatje\"", visibility: "private" } }));
  await reply(anna.$post({ json: { url: "https://www.voorbeeld.nl/plg", title: "Samen leren", themes: [], note: "", visibility: "community", communityId: net.community.id } }));
  // Bram's private save must never reach anyone else's file.
  await reply(v1(net.people.bram.token).items.$post({ json: { url: "https://www.voorbeeld.nl/geheim", title: "Bram privé", note: "Alleen voor Bram", visibility: "private" } }));

  const dewi = v1(net.people.dewi.token);
  const first = await reply(dewi.items.$post({ json: { url: "https://www.voorbeeld.nl/bron-1", title: "Bron één", themes: ["nt2"], visibility: "network" } }));
  const second = await reply(dewi.items.$post({ json: { url: "https://www.voorbeeld.nl/bron-2", title: "Bron twee", visibility: "network" } }));
  const draft = await reply(dewi.bundles.$post({ json: { title: "Zachte landing: de eerste week", about: "Over nieuwkomers", use: "Voor het team", themes: ["zachte-landing"], audience: "network" } }));
  bundleId = draft.body.bundle.id;
  await reply(dewi.bundles[":id"].items.$put({ param: { id: bundleId }, json: { version: 1, items: [{ itemId: second.body.item.id, note: "Begin hier" }, { itemId: first.body.item.id, note: "Dan dit" }] } }));
  await reply(dewi.bundles[":id"].publish.$post({ param: { id: bundleId }, json: {} }));
  // A later change in the working copy that is not published: the published export does not show it.
  await reply(dewi.bundles[":id"].items.$put({ param: { id: bundleId }, json: { version: 2, items: [{ itemId: first.body.item.id, note: "Alleen dit nog" }] } }));
  const offered = await reply(dewi.bundles[":id"].offers.$post({ param: { id: bundleId }, json: { schoolIds: [net.schoolA.id] } }));
  await reply(v1(net.people.bram.token).offers[":id"].accept.$post({ param: { id: offered.body.offers[0]!.id } }));
  await reply(v1(net.people.bram.token).schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["nt2", "burgerschap"] } }));
  draftId = (await reply(dewi.bundles.$post({ json: { title: "Nog niet af", about: "", themes: [], audience: "public" } }))).body.bundle.id;
});
afterAll(() => server.stop());

/** linkedom keeps attribute names as written, and bookmark files write them in capitals. */
const attr = (el: Element, name: string) => el.getAttribute(name.toUpperCase());
const download = (path: string, token: string) => fetch(`${server.url}/api/v1/exports/${path}`, { headers: { Authorization: `Bearer ${token}` } });

describe("a person exports their own saves", () => {
  it("as versioned JSON with every circle, private included, and nobody else's saves", async () => {
    const res = await download("saves", net.people.anna.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bewaard-2026-11-24.json"');
    const text = await res.text();
    const data = JSON.parse(text);
    expect([data.format, data.scope, data.bundles, data.school]).toEqual(["knooppunt-export/1", "saves", [], null]);
    expect(data.saves.map((s: any) => [s.url, s.title, s.kind, s.themes, s.tags, s.note, s.circle])).toEqual([
      ["https://www.voorbeeld.nl/welkom", "Welkom in de klas", "artikel", ["nieuwkomers", "thuistalen"], ["start"], 'Eerste week, "maatje"', { visibility: "private", schoolId: net.schoolA.id, schoolName: "De Regenboog", communityId: null, communityName: null }],
      ["https://www.voorbeeld.nl/plg", "Samen leren", "artikel", [], [], "", { visibility: "community", schoolId: net.schoolA.id, schoolName: "De Regenboog", communityId: net.community.id, communityName: "PLG Meertaligheid" }],
    ]);
    expect(data.feeds).toEqual([
      { title: "Nieuwkomers", url: `${server.url}/feeds/themes/nieuwkomers.atom`, kind: "theme", carriesSecret: false },
      { title: "Thuistalen", url: `${server.url}/feeds/themes/thuistalen.atom`, kind: "theme", carriesSecret: false },
    ]);
    expect(text).not.toContain("Bram");
  });

  it("as CSV under the import's own header", async () => {
    const res = await download("saves?format=csv", net.people.anna.token);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bewaard-2026-11-24.csv"');
    const [header, ...rows] = (await res.text()).trimEnd().split("\r\n");
    expect(header).toBe("url,title,folder,tags,note,added_at,themes,kind,visibility,school,community,updated_at");
    expect(rows).toEqual([
      'https://www.voorbeeld.nl/welkom,Welkom in de klas,NT2 (Nederlands als tweede taal)/Nieuwkomers,start,"Eerste week, ""maatje""",2026-11-24T09:00:00.000Z,"nieuwkomers,thuistalen",artikel,private,De Regenboog,,2026-11-24T09:00:00.000Z',
      "https://www.voorbeeld.nl/plg,Samen leren,,,,2026-11-24T09:00:00.000Z,,artikel,community,De Regenboog,PLG Meertaligheid,2026-11-24T09:00:00.000Z",
    ]);
  });

  it("as a bookmark file with the themes as nested folders, themes and tags in TAGS and the note beside", async () => {
    const res = await download("saves?format=html", net.people.anna.token);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bewaard-2026-11-24.html"');
    const { document } = parseHTML(await res.text());
    const links = [...document.querySelectorAll("a")].map((a) => {
      const folders: string[] = [];
      for (let dl = a.closest("dl"); dl; dl = dl.parentElement?.closest("dl") ?? null) {
        const h3 = dl.previousElementSibling?.querySelector?.("h3") ?? (dl.previousElementSibling?.tagName === "H3" ? dl.previousElementSibling : null);
        if (h3) folders.unshift(h3.textContent!);
      }
      return [attr(a, "href"), a.textContent, attr(a, "tags"), attr(a, "add_date"), folders];
    });
    expect(links).toEqual([
      ["https://www.voorbeeld.nl/plg", "Samen leren", null, "1795510800", []],
      ["https://www.voorbeeld.nl/welkom", "Welkom in de klas", "nieuwkomers,thuistalen,start", "1795510800", ["NT2 (Nederlands als tweede taal)", "Nieuwkomers"]],
    ]);
    expect([...document.querySelectorAll("dd")].map((dd) => dd.textContent!.trim())).toEqual(['Eerste week, "maatje"']);
  });

  it("as OPML of the feeds of their themes", async () => {
    const res = await download("saves?format=opml", net.people.anna.token);
    expect(res.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    const doc = new new JSDOM("").window.DOMParser().parseFromString(await res.text(), "application/xml");
    expect(doc.getElementsByTagName("parsererror").length).toBe(0);
    expect([...doc.querySelectorAll("outline")].map((o) => [o.getAttribute("text"), o.getAttribute("xmlUrl")])).toEqual([
      ["Nieuwkomers", `${server.url}/feeds/themes/nieuwkomers.atom`],
      ["Thuistalen", `${server.url}/feeds/themes/thuistalen.atom`],
    ]);
  });

  it("imports back: the CSV and the bookmark file are read as the import's own formats, folders and all", async () => {
    const reviewOf = async (format: string) => {
      const file = await (await download(`saves?format=${format}`, net.people.anna.token)).text();
      const res = await fetch(`${server.url}/api/v1/imports`, { method: "POST", headers: { Authorization: `Bearer ${net.people.anna.token}`, "Content-Type": "application/octet-stream" }, body: file });
      const job = ((await res.json()) as any).import;
      return [job.format, job.review.links, job.review.importable, job.review.alreadySaved, job.review.folders];
    };
    const folders = [{ path: ["NT2 (Nederlands als tweede taal)", "Nieuwkomers"], links: 1 }];
    expect(await reviewOf("csv")).toEqual(["csv", 2, 2, 2, folders]);
    expect(await reviewOf("html")).toEqual(["netscape", 2, 2, 2, folders]);
  });

  it("needs sign-in", async () => {
    expect((await fetch(`${server.url}/api/v1/exports/saves`)).status).toBe(401);
  });
});

describe("a curator exports a bundle", () => {
  it("as its published snapshot by default, items in order with the curator's notes", async () => {
    const res = await download(`bundles/${bundleId}`, net.people.dewi.token);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bundel-zachte-landing-de-eerste-week-2026-11-24.json"');
    const data = JSON.parse(await res.text());
    expect(data.bundles.map((b: any) => [b.title, b.copy, b.version, b.items.map((i: any) => [i.position, i.url, i.title, i.note])])).toEqual([
      ["Zachte landing: de eerste week", "published", 1, [[0, "https://www.voorbeeld.nl/bron-2", "Bron twee", "Begin hier"], [1, "https://www.voorbeeld.nl/bron-1", "Bron één", "Dan dit"]]],
    ]);
  });

  it("as the working copy when the curator asks for it", async () => {
    const data = await (await download(`bundles/${bundleId}?copy=working`, net.people.dewi.token)).json();
    expect(data.bundles.map((b: any) => [b.copy, b.version, b.items.map((i: any) => [i.url, i.note])])).toEqual([["working", null, [["https://www.voorbeeld.nl/bron-1", "Alleen dit nog"]]]]);
  });

  it("as a bookmark folder named after the bundle, and CSV that lists the items in order", async () => {
    const { document } = parseHTML(await (await download(`bundles/${bundleId}?format=html`, net.people.dewi.token)).text());
    expect([...document.querySelectorAll("h3")].map((h) => h.textContent)).toEqual(["Zachte landing: de eerste week"]);
    expect([...document.querySelectorAll("a")].map((a) => attr(a, "href"))).toEqual(["https://www.voorbeeld.nl/bron-2", "https://www.voorbeeld.nl/bron-1"]);
    const csv = (await (await download(`bundles/${bundleId}?format=csv`, net.people.dewi.token)).text()).trimEnd().split("\r\n");
    expect(csv.slice(1).map((line) => line.split(",").slice(0, 5))).toEqual([
      ["https://www.voorbeeld.nl/bron-2", "Bron twee", "Zachte landing: de eerste week", "", "Begin hier"],
      ["https://www.voorbeeld.nl/bron-1", "Bron één", "Zachte landing: de eerste week", "", "Dan dit"],
    ]);
  });

  it("is a 404 for a draft of someone else, and the working copy is for curators only", async () => {
    expect((await download(`bundles/${draftId}`, net.people.anna.token)).status).toBe(404);
    expect((await download(`bundles/${bundleId}?copy=working`, net.people.anna.token)).status).toBe(403);
    expect((await download(`bundles/${draftId}?copy=published`, net.people.dewi.token)).status).toBe(403);
    expect((await download(`bundles/${draftId}?format=xml`, net.people.dewi.token)).status).toBe(400);
  });
});

describe("a school coordinator exports the school", () => {
  it("gives the accepted bundles at the accepted version and the subscriptions", async () => {
    const res = await download(`schools/${net.schoolA.id}`, net.people.bram.token);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-school-de-regenboog-2026-11-24.json"');
    const data = await res.json();
    expect(data.school).toEqual({ id: net.schoolA.id, name: "De Regenboog", subscriptions: { themes: ["nt2", "burgerschap"], sector: [] } });
    expect(data.bundles.map((b: any) => [b.title, b.version, b.items.map((i: any) => i.note)])).toEqual([["Zachte landing: de eerste week", 1, ["Begin hier", "Dan dit"]]]);
    expect(data.feeds.map((f: any) => [f.kind, f.carriesSecret])).toEqual([["school", true], ["theme", false], ["theme", false]]);
  });

  it("gives OPML whose school feed carries the token the feed-url gives, and says it is secret", async () => {
    const urls = (await reply(v1(net.people.bram.token).schools[":id"]["feed-url"].$get({ param: { id: net.schoolA.id } }))).body;
    const text = await (await download(`schools/${net.schoolA.id}?format=opml`, net.people.bram.token)).text();
    const doc = new new JSDOM("").window.DOMParser().parseFromString(text, "application/xml");
    expect(doc.getElementsByTagName("parsererror").length).toBe(0);
    expect([...doc.querySelectorAll("outline")].map((o) => [o.getAttribute("text"), o.getAttribute("xmlUrl")])).toEqual([
      ["De Regenboog", urls.atom],
      ["NT2 (Nederlands als tweede taal)", `${server.url}/feeds/themes/nt2.atom`],
      ["Burgerschap", `${server.url}/feeds/themes/burgerschap.atom`],
    ]);
    const head = doc.querySelector("head")!;
    const comments = [...head.childNodes].filter((n) => n.nodeType === 8).map((n) => n.textContent!.trim());
    expect(comments[0]!.startsWith("Let op: het adres van de schoolfeed bevat een geheime sleutel.")).toBe(true);
  });

  it("is a 404 to people outside the school and a 403 to its members who are not coordinators", async () => {
    expect((await download(`schools/${net.schoolA.id}`, net.people.chris.token)).status).toBe(404);
    expect((await download(`schools/${net.schoolA.id}`, net.people.anna.token)).status).toBe(403);
  });
});
