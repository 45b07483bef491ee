import { extractFromJson } from "@extractus/feed-extractor";
import { parseFeed } from "@rowanmanning/feed-parser";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, offerKey, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const ids: Record<string, string> = {};

const HOSTILE_TITLE = `Rekenen < 10 & "taal" 'x' 😀 \u0007<script>alert(1)</script>`;
// What a reader must see: everything but the BEL character, which XML 1.0 cannot carry.
const HOSTILE_TITLE_CLEAN = `Rekenen < 10 & "taal" 'x' 😀 <script>alert(1)</script>`;
const PUBLIC_NOTE = `Wat kan ik ermee? <b>Start</b> met één les & bespreek het.`;
const FORMATS = ["atom", "rss", "json"] as const;
type Format = (typeof FORMATS)[number];

interface Entry {
  id: string;
  title: string;
  url: string;
  summary: string | null;
  categories: string[];
  authors: string[];
  media: string[];
}

const domParser = new new JSDOM("").window.DOMParser();

/** A strict XML parser (jsdom's, on saxes) first: the feed parser below forgives what real readers may not. */
function expectWellFormedXml(text: string) {
  const doc = domParser.parseFromString(text, "application/xml");
  expect(doc.getElementsByTagName("parsererror").length, text.slice(0, 300)).toBe(0);
}

function parse(format: Format, text: string): { title: string; entries: Entry[] } {
  if (format === "json") {
    const raw = JSON.parse(text);
    expect(raw.version).toBe("https://jsonfeed.org/version/1.1");
    const feed = extractFromJson(raw, {
      normalization: true,
      getExtraEntryFields: (e: any) => ({ summary: e.summary ?? null, tags: e.tags ?? [], authors: e.authors ?? [], attachments: e.attachments ?? [] }),
    }) as any;
    for (const item of raw.items) expect(item.content_html ?? item.content_text, "JSON Feed items need content").toBeTruthy();
    return {
      title: feed.title,
      entries: feed.entries.map((e: any) => ({
        id: e.id,
        title: e.title,
        url: e.link,
        summary: e.summary,
        categories: e.tags,
        authors: e.authors.map((a: any) => a.name),
        media: e.attachments.map((a: any) => a.url),
      })),
    };
  }
  expectWellFormedXml(text);
  const feed = parseFeed(text).toJSON();
  expect(feed.meta.type).toBe(format);
  return {
    title: feed.title ?? "",
    entries: feed.items.map((item) => ({
      id: item.id ?? "",
      title: item.title ?? "",
      url: item.url ?? "",
      // RSS descriptions are HTML: line breaks travel as <br>.
      summary: format === "rss" ? (item.description?.replace(/<br>/g, "\n") ?? null) : item.description,
      categories: item.categories.map((c) => c.label ?? c.term),
      authors: item.authors.map((a) => a.name ?? ""),
      media: item.media.map((m) => m.url),
    })),
  };
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function feed(path: string, format: Format) {
  const res = await get(path);
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
  return { ...parse(format, res.text), headers: res.headers, text: res.text };
}

const v1 = (token?: string) => server.client(token).api.v1;
type Routes = ApiClient["api"]["v1"];
type ClipRequest = Parameters<Routes["items"]["$post"]>[0]["json"];
type SubscriptionsRequest = Parameters<Routes["schools"][":id"]["subscriptions"]["$put"]>[0]["json"];
const subscribe = (schoolId: string, token: string, json: SubscriptionsRequest) =>
  reply(v1(token).schools[":id"].subscriptions.$put({ param: { id: schoolId }, json }));

async function save(person: Person, key: string, body: Omit<ClipRequest, "url">) {
  server.clock.advance(60_000);
  const res = await reply(v1(person.token).items.$post({ json: { url: `https://voorbeeld.nl/${key}`, ...body } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[key] = res.body.item.id;
  return res.body.item;
}

const titles = (entries: Entry[]) => entries.map((e) => e.title);

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const { anna, chris } = net.people;
  // Oldest first; the feeds must show them newest first.
  await save(anna, "publiek-oud", { title: "Openbaar NT2 oud", themes: ["nt2"], visibility: "public" });
  await save(anna, "netwerk", { title: "Netwerk NT2", themes: ["nt2"], visibility: "network", note: "netwerknotitie" });
  await save(anna, "school", { title: "School NT2", themes: ["nt2"], visibility: "school" });
  await save(anna, "community", { title: "Community NT2", themes: ["nt2"], visibility: "community", communityId: net.community.id });
  await save(anna, "prive", { title: "Privé NT2", themes: ["nt2"], visibility: "private" });
  await save(anna, "meertalig", { title: "Openbaar meertaligheid", themes: ["meertaligheid"], visibility: "public" });
  await save(anna, "clip", {
    title: "Kennisclip nieuwkomers",
    kind: "kennisclip",
    themes: ["nieuwkomers"],
    visibility: "public",
    meta: { video: { provider: "youtube", id: "abc123", embedUrl: "https://www.youtube-nocookie.com/embed/abc123" } },
  });
  await save(anna, "hostile", {
    title: HOSTILE_TITLE,
    themes: ["nt2"],
    visibility: "public",
    note: PUBLIC_NOTE,
    meta: { author: "Jan de Vries" },
  });
  // Other people's notes on the public item: one only school A may read, one the network may read.
  await v1(net.people.bram.token).items.$post({ json: { url: "https://voorbeeld.nl/hostile", note: "geheime schoolnotitie", visibility: "school" } });
  await v1(chris.token).items.$post({ json: { url: "https://voorbeeld.nl/hostile", note: "netwerknotitie van chris", visibility: "network" } });
});
afterAll(() => server.stop());

describe("theme feeds", () => {
  it.each(FORMATS)("%s: public items of the theme and its sub-themes, newest first, and nothing else", async (format) => {
    const { entries, headers } = await feed(`/feeds/themes/nt2.${format}`, format);
    expect(titles(entries)).toEqual([HOSTILE_TITLE_CLEAN, "Kennisclip nieuwkomers", "Openbaar NT2 oud"]);
    expect(headers.get("content-type")).toMatch(format === "json" ? /^application\/feed\+json/ : format === "atom" ? /^application\/atom\+xml/ : /^application\/rss\+xml/);
  });

  it.each(FORMATS)("%s: never carries a network, school, community or private item, nor a note from those circles", async (format) => {
    const { text } = await feed(`/feeds/themes/nt2.${format}`, format);
    for (const hidden of ["Netwerk NT2", "School NT2", "Community NT2", "Privé NT2", "Priv\\u00e9 NT2", "geheime schoolnotitie", "netwerknotitie"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it.each(FORMATS)("%s: escapes titles and notes so a real parser reads them back exactly", async (format) => {
    const { entries, text } = await feed(`/feeds/themes/nt2.${format}`, format);
    const hostile = entries.find((e) => e.id.endsWith(ids.hostile!))!;
    expect(hostile.title).toBe(HOSTILE_TITLE_CLEAN);
    expect(hostile.summary).toBe(PUBLIC_NOTE);
    expect(text).not.toContain("\u0007");
    if (format !== "json") expect(text).not.toContain("<script>");
  });

  it.each(FORMATS)("%s: entries carry link, themes as categories, the page's author, and the kennisclip's player", async (format) => {
    const { entries } = await feed(`/feeds/themes/nt2.${format}`, format);
    const hostile = entries.find((e) => e.id.endsWith(ids.hostile!))!;
    expect(hostile.url).toBe("https://voorbeeld.nl/hostile");
    expect(hostile.categories).toEqual(["NT2 (Nederlands als tweede taal)"]);
    expect(hostile.authors).toEqual(["Jan de Vries"]);
    const clip = entries.find((e) => e.id.endsWith(ids.clip!))!;
    expect(clip.media).toEqual(["https://www.youtube-nocookie.com/embed/abc123"]);
    expect(clip.categories).toEqual(["Nieuwkomers"]);
  });

  it("a sub-theme's feed holds only that sub-theme", async () => {
    const { entries } = await feed("/feeds/themes/nieuwkomers.atom", "atom");
    expect(titles(entries)).toEqual(["Kennisclip nieuwkomers"]);
  });

  it("an unknown theme is a 404, a bad file name too", async () => {
    expect((await get("/feeds/themes/bestaat-niet.atom")).status).toBe(404);
    expect((await get("/feeds/themes/nt2.xml")).status).toBe(404);
  });

  it("?limit= cuts the newest entries; beyond 200 is refused", async () => {
    const { entries } = await feed("/feeds/themes/nt2.json?limit=2", "json");
    expect(titles(entries)).toEqual([HOSTILE_TITLE_CLEAN, "Kennisclip nieuwkomers"]);
    expect((await get("/feeds/themes/nt2.json?limit=201")).status).toBe(400);
    expect((await get("/feeds/themes/nt2.json?limit=0")).status).toBe(400);
  });

  it("may be cached publicly for a reader's 15-minute rhythm", async () => {
    const res = await get("/feeds/themes/nt2.rss");
    expect(res.headers.get("cache-control")).toBe("public, max-age=900");
  });
});

describe("conditional requests", () => {
  it("answer 304 to a matching If-None-Match or If-Modified-Since, and 200 once the feed changed", async () => {
    const first = await get("/feeds/themes/burgerschap.atom");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);

    const byTag = await get("/feeds/themes/burgerschap.atom", { "If-None-Match": etag });
    expect(byTag.status).toBe(304);
    expect(byTag.text).toBe("");
    expect(byTag.headers.get("etag")).toBe(etag);
    expect((await get("/feeds/themes/burgerschap.atom", { "If-Modified-Since": lastModified })).status).toBe(304);
    // Another format is another document.
    expect((await get("/feeds/themes/burgerschap.rss", { "If-None-Match": etag })).status).toBe(200);

    await save(net.people.anna, "burgerschap-1", { title: "Burgerschap in de klas", themes: ["burgerschap"], visibility: "public" });
    const changed = await get("/feeds/themes/burgerschap.atom", { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain("Burgerschap in de klas");
    expect((await get("/feeds/themes/burgerschap.atom", { "If-Modified-Since": lastModified })).status).toBe(200);
  });

  it("a changed note changes the ETag, though no entry was added", async () => {
    const before = await get("/feeds/themes/burgerschap.json");
    server.clock.advance(60_000);
    const patched = await v1(net.people.anna.token).items[":id"].$patch({ param: { id: ids["burgerschap-1"]! }, json: { note: "Nieuwe notitie" } });
    expect(patched.status).toBe(200);
    const after = await get("/feeds/themes/burgerschap.json", { "If-None-Match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    expect(parse("json", after.text).entries[0]!.summary).toBe("Nieuwe notitie");
  });

  it("a narrowed save takes its item out of the feed and changes the ETag", async () => {
    const before = await get("/feeds/themes/burgerschap.atom");
    expect(before.text).toContain("Burgerschap in de klas");
    await v1(net.people.anna.token).items[":id"].$patch({ param: { id: ids["burgerschap-1"]! }, json: { visibility: "network" } });
    const after = await get("/feeds/themes/burgerschap.atom", { "If-None-Match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Burgerschap in de klas");
  });
});

describe("the default limit", () => {
  it("is 50 entries", async () => {
    for (let n = 0; n < 52; n++) {
      const res = await v1(net.people.anna.token).items.$post({
        json: { url: `https://voorbeeld.nl/veel/${n}`, title: `Duurzaam ${n}`, themes: ["duurzaamheid"], visibility: "public" },
      });
      expect(res.status).toBe(201);
    }
    expect((await feed("/feeds/themes/duurzaamheid.json", "json")).entries).toHaveLength(50);
    expect((await feed("/feeds/themes/duurzaamheid.json?limit=200", "json")).entries).toHaveLength(52);
  });
});

describe("school feeds", () => {
  let urls: { atom: string; rss: string; json: string };
  const local = (url: string) => url.slice(server.url.length);

  beforeAll(async () => {
    const put = await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["nt2"] });
    expect(put.status).toBe(200);
    urls = (await reply(v1(net.people.bram.token).schools[":id"]["feed-url"].$get({ param: { id: net.schoolA.id } }))).body;
  });

  it.each(FORMATS)("%s: items of subscribed themes (sub-themes too) that the network may see, never smaller circles", async (format) => {
    const { entries, text } = await feed(local(urls[format]), format);
    expect(titles(entries)).toEqual([HOSTILE_TITLE_CLEAN, "Kennisclip nieuwkomers", "Netwerk NT2", "Openbaar NT2 oud"]);
    for (const hidden of ["School NT2", "Community NT2", "Privé NT2", "Priv\\u00e9 NT2", "geheime schoolnotitie", "Openbaar meertaligheid"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("shows notes the network may read", async () => {
    const { entries } = await feed(local(urls.json), "json");
    const hostile = entries.find((e) => e.id.endsWith(ids.hostile!))!;
    expect(hostile.summary).toBe(`${PUBLIC_NOTE}\n\nnetwerknotitie van chris`);
  });

  it("is private: not for shared caches", async () => {
    const res = await get(local(urls.atom));
    expect(res.headers.get("cache-control")).toBe("private, max-age=900");
  });

  it("is a 404 with a missing or wrong token, or another school's id", async () => {
    expect((await get(`/feeds/schools/${net.schoolA.id}.atom`)).status).toBe(404);
    expect((await get(`/feeds/schools/${net.schoolA.id}.atom?token=kpf_verkeerd`)).status).toBe(404);
    const token = new URL(urls.atom).searchParams.get("token")!;
    expect((await get(`/feeds/schools/${net.schoolB.id}.atom?token=${token}`)).status).toBe(404);
  });

  it("narrows to the school's sectors, keeping items without a sector label", async () => {
    const { anna } = net.people;
    await save(anna, "sector-vo", { title: "Alleen vo", themes: ["zachte-landing"], visibility: "network", sector: ["vo"] });
    await save(anna, "sector-po", { title: "Po en vo", themes: ["zachte-landing"], visibility: "network", sector: ["po", "vo"] });
    await save(anna, "sector-geen", { title: "Zonder sector", themes: ["zachte-landing"], visibility: "network" });
    const put = await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["zachte-landing"], sector: ["po"] });
    expect(put.body).toEqual({ themes: ["zachte-landing"], sector: ["po"] });
    const { entries } = await feed(local(urls.atom), "atom");
    expect(titles(entries)).toEqual(["Zonder sector", "Po en vo"]);
    await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["nt2"] });
  });

  it("changing the subscriptions changes the ETag", async () => {
    const before = await get(local(urls.rss));
    server.clock.advance(60_000);
    await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["nt2", "meertaligheid"] });
    const after = await get(local(urls.rss), { "If-None-Match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    expect(after.text).toContain("Openbaar meertaligheid");
    await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["nt2"] });
  });

  it("stops working at once when the token is rotated; the new URL works", async () => {
    const rotated = await reply(v1(net.people.bram.token).schools[":id"]["feed-url"].rotate.$post({ param: { id: net.schoolA.id } }));
    expect(rotated.status).toBe(200);
    expect(rotated.body.atom).not.toBe(urls.atom);
    expect((await get(local(urls.atom))).status).toBe(404);
    expect((await get(local(urls.json))).status).toBe(404);
    expect((await get(local(rotated.body.atom))).status).toBe(200);
    urls = rotated.body;
  });
});

describe("the theme page", () => {
  it("lists the theme's public items, escaped, and links its feeds as alternates", async () => {
    const res = await get("/t/nt2");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const doc = new JSDOM(res.text).window.document;
    const alternates = [...doc.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute("type"), l.getAttribute("href")]);
    expect(alternates).toEqual([
      ["application/atom+xml", `${server.url}/feeds/themes/nt2.atom`],
      ["application/rss+xml", `${server.url}/feeds/themes/nt2.rss`],
      ["application/feed+json", `${server.url}/feeds/themes/nt2.json`],
    ]);
    const headings = [...doc.querySelectorAll("article h3")].map((h) => h.textContent);
    // The page leaves out the control character as the feeds do.
    expect(headings).toEqual([HOSTILE_TITLE_CLEAN, "Kennisclip nieuwkomers", "Openbaar NT2 oud"]);
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(res.text).not.toContain("Netwerk NT2");
    expect(res.text).not.toContain("geheime schoolnotitie");
  });

  it("speaks Dutch by default, English by Accept-Language, and ?lang= wins", async () => {
    const heading = async (path: string, headers: Record<string, string> = {}) => {
      const doc = new JSDOM((await get(path, headers)).text).window.document;
      return { lang: doc.documentElement.lang, h1: doc.querySelector("h1")?.textContent, items: doc.querySelector("#items")?.textContent };
    };
    expect(await heading("/t/nt2")).toMatchObject({ lang: "nl", items: "Gedeelde kennis" });
    expect(await heading("/t/nt2", { "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5" })).toMatchObject({ lang: "en", items: "Shared knowledge" });
    expect(await heading("/t/nt2?lang=nl", { "Accept-Language": "en" })).toMatchObject({ lang: "nl", items: "Gedeelde kennis" });
  });

  it("is a 404 for an unknown theme", async () => {
    expect((await get("/t/bestaat-niet")).status).toBe(404);
  });
});

describe("bundles in feeds", () => {
  const dewi = () => v1(net.people.dewi.token);
  let publicBundle: Awaited<ReturnType<typeof publish>>;
  let networkBundle: Awaited<ReturnType<typeof publish>>;
  let itemIds: string[] = [];

  async function publish(title: string, audience: "public" | "network", items: { itemId: string; note: string }[]) {
    server.clock.advance(60_000);
    const draft = await reply(
      dewi().bundles.$post({ json: { title, about: `Over ${title} & meer`, use: "Bespreek het in de werkgroep", themes: ["taaldenkgesprekken"], audience } }),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const param = { id: draft.body.bundle.id };
    const filled = await reply(dewi().bundles[":id"].items.$put({ param, json: { version: draft.body.bundle.version, items } }));
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    const published = await reply(dewi().bundles[":id"].publish.$post({ param, json: {} }));
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body.bundle;
  }

  beforeAll(async () => {
    const first = await save(net.people.anna, "taaldenk-1", { title: "Taaldenkgesprek in groep 5", themes: ["taaldenkgesprekken"], visibility: "public", note: "annas eigen notitie" });
    const second = await save(net.people.anna, "taaldenk-2", {
      title: "Kennisclip taaldenkgesprek",
      kind: "kennisclip",
      themes: ["taaldenkgesprekken"],
      visibility: "public",
      meta: { video: { provider: "vimeo", id: "42", embedUrl: "https://player.vimeo.com/video/42" } },
    });
    itemIds = [first.id, second.id];
    publicBundle = await publish("Taaldenken <start>", "public", [
      { itemId: second.id, note: "Eerst kijken" },
      { itemId: first.id, note: "Dan lezen" },
    ]);
    networkBundle = await publish("Taaldenken netwerk", "network", [{ itemId: first.id, note: "Voor het netwerk" }]);
  });

  it.each(FORMATS)("%s: a theme feed carries published public bundles with their page link, never network ones", async (format) => {
    const { entries, text } = await feed(`/feeds/themes/taaldenkgesprekken.${format}`, format);
    expect(titles(entries)).toEqual(["Taaldenken <start>", "Kennisclip taaldenkgesprek", "Taaldenkgesprek in groep 5"]);
    const bundle = entries[0]!;
    expect(bundle.url).toBe(`${server.url}/b/${publicBundle.slug}`);
    expect(bundle.summary).toBe("Over Taaldenken <start> & meer\n\nWat kan ik ermee? Bespreek het in de werkgroep");
    // A public feed names curators as the public sees them: first name (and school, which Dewi has none of).
    expect(bundle.authors).toEqual(["Test"]);
    expect(bundle.categories).toEqual(["Taaldenkgesprekken"]);
    expect(text).not.toContain("Taaldenken netwerk");
  });

  it("also reach the feed of the parent theme and the theme page", async () => {
    const { entries } = await feed("/feeds/themes/meertaligheid.atom", "atom");
    expect(titles(entries)).toContain("Taaldenken <start>");
    const page = await get("/t/taaldenkgesprekken");
    const doc = new JSDOM(page.text).window.document;
    expect([...doc.querySelectorAll("section[aria-labelledby=bundles] h3 a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Taaldenken <start>", `${server.url}/b/${publicBundle.slug}`],
    ]);
  });

  it.each(["atom", "json"] as const)("%s: a public bundle's feed lists its items in the broker's order with the broker's notes only", async (format) => {
    const { entries, text, headers } = await feed(`/feeds/bundles/${publicBundle.slug}.${format}`, format);
    expect(titles(entries)).toEqual(["Kennisclip taaldenkgesprek", "Taaldenkgesprek in groep 5"]);
    expect(entries.map((e) => e.summary)).toEqual(["Eerst kijken", "Dan lezen"]);
    expect(entries.map((e) => e.id)).toEqual(itemIds.slice().reverse().map((id) => `urn:knooppunt:item:${id}`));
    expect(entries[0]!.media).toEqual(["https://player.vimeo.com/video/42"]);
    expect(text).not.toContain("annas eigen notitie");
    expect(headers.get("cache-control")).toBe("public, max-age=900");
  });

  it("a network bundle's feed needs an offer's key: without or with a wrong one it is a 404", async () => {
    expect((await get(`/feeds/bundles/${networkBundle.slug}.atom`)).status).toBe(404);
    expect((await get(`/feeds/bundles/${networkBundle.slug}.atom?key=verkeerd`)).status).toBe(404);
    expect((await get("/feeds/bundles/bestaat-niet.atom")).status).toBe(404);
    const offered = await dewi().bundles[":id"].offers.$post({ param: { id: networkBundle.id }, json: { schoolIds: [net.schoolB.id] } });
    expect(offered.status).toBe(201);
    const inbox = await reply(v1(net.people.chris.token).schools[":id"].offers.$get({ param: { id: net.schoolB.id }, query: {} }));
    const key = new URL(inbox.body.offers[0]!.bundle.url).searchParams.get("key")!;
    const withKey = await feed(`/feeds/bundles/${networkBundle.slug}.atom?key=${key}`, "atom");
    expect(titles(withKey.entries)).toEqual(["Taaldenkgesprek in groep 5"]);
    expect(withKey.headers.get("cache-control")).toBe("private, max-age=900");
  });

  it("a school's feed gets a bundle once the school accepts it, with a link that carries the school's key", async () => {
    const bram = v1(net.people.bram.token);
    const urls = (await reply(bram.schools[":id"]["feed-url"].rotate.$post({ param: { id: net.schoolA.id } }))).body;
    const local = (url: string) => url.slice(server.url.length);
    const offered = await reply(dewi().bundles[":id"].offers.$post({ param: { id: networkBundle.id }, json: { schoolIds: [net.schoolA.id] } }));
    const offerId = offered.body.offers[0]!.id;
    const before = await feed(local(urls.rss), "rss");
    expect(titles(before.entries)).not.toContain("Taaldenken netwerk");

    server.clock.advance(60_000);
    const accepted = await reply(bram.offers[":id"].accept.$post({ param: { id: offerId } }));
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const after = await get(local(urls.rss), { "If-None-Match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    const entries = parse("rss", after.text).entries;
    expect(entries[0]!.title).toBe("Taaldenken netwerk");
    expect(entries[0]!.url).toBe(accepted.body.offer.bundle.url);
    expect(new URL(entries[0]!.url).searchParams.get("key")).toBe(offerKey(server, offerId));
    // School B was offered the same bundle but did not accept it.
    const b = await v1(net.people.chris.token).schools[":id"]["feed-url"].$get({ param: { id: net.schoolB.id } });
    expect(b.status).toBe(403);
  });
});
