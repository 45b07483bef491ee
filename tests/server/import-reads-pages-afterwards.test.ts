import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSite, type Site } from "../support/page-facts-site";
import { ADMIN, buildNetwork, startTestServer, type TestServer } from "../support/server";

// An import's links carry what the file held (an address and a title); afterwards the server reads each
// new save's page, politely, and fills in what the save lacks, as the web app's clip form reads a page.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}.html`, import.meta.url), "utf8");
const html = (name: string) => (res: ServerResponse) => void res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(fixture(name));

interface Visit {
  path: string;
  start: number;
  end: number;
}

/** A site that logs when each page was asked for and answered, and how many were asked at once at most. */
async function loggingSite(host: string, pages: Record<string, (res: ServerResponse) => void | Promise<void>>) {
  const visits: Visit[] = [];
  let open = 0;
  let mostAtOnce = 0;
  const site = await startSite(
    Object.fromEntries(
      Object.entries(pages).map(([path, answer]) => [
        path,
        async (_req, res) => {
          const visit = { path, start: performance.now(), end: 0 };
          visits.push(visit);
          mostAtOnce = Math.max(mostAtOnce, ++open);
          res.on("close", () => {
            open--;
            visit.end = performance.now();
          });
          await answer(res);
        },
      ]),
    ),
    host,
  );
  return Object.assign(site, { visits, mostAtOnce: () => mostAtOnce });
}

const bookmarks = (links: [url: string, title: string][]) =>
  `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${links.map(([url, title]) => `<DT><A HREF="${url}" ADD_DATE="1700000000">${title}</A>`).join("\n")}\n</DL>`;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A page that answers only when the test opens it: `asked` resolves when the server has asked for it. */
function held(answer: (res: ServerResponse) => void) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let wasAsked!: () => void;
  const asked = new Promise<void>((resolve) => (wasAsked = resolve));
  return {
    open,
    asked,
    answer: async (res: ServerResponse) => {
      wasAsked();
      await opened;
      answer(res);
    },
  };
}

const servers: TestServer[] = [];
const sites: Site[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

const reading = (overrides: Parameters<typeof startTestServer>[0] = {}) =>
  startTestServer({
    pageFetchAllowHosts: ["127.0.0.1", "127.0.0.2"],
    importReadPages: true,
    importPages: { hostIntervalMs: 200, concurrency: 4, personIntervalMs: 0, pollIntervalMs: 50 },
    ...overrides,
  });

async function importLinks(server: TestServer, token: string, links: [string, string][] | { json: unknown }, start: Record<string, unknown> = {}) {
  const file = Array.isArray(links) ? { raw: bookmarks(links), type: "text/html" } : { raw: JSON.stringify(links.json), type: "application/json" };
  const uploaded = await server.api("POST", "/api/v1/imports", { token, raw: file.raw, headers: { "Content-Type": file.type } });
  expect(uploaded.status).toBe(201);
  const id = uploaded.body.import.id as string;
  const started = await server.api("POST", `/api/v1/imports/${id}/start`, { token, body: start });
  return { id, started };
}

const jobOf = async (server: TestServer, token: string, id: string) => (await server.api("GET", `/api/v1/imports/${id}`, { token })).body.import;

/** The report's lines as cells (no cell in these tests holds a comma or a quote). */
async function report(server: TestServer, token: string, id: string) {
  const res = await fetch(`${server.url}/api/v1/imports/${id}/report.csv`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.text()).trimEnd().split("\r\n").map((line) => line.split(","));
}

describe("an import reads its new saves' pages afterwards", () => {
  it("fills in what each save lacks, as the web app's clip form reads the page, and keeps what the file and the person gave", async () => {
    const a = await loggingSite("127.0.0.1", {
      "/news-article": html("news-article"),
      "/school-video": html("school-video"),
      "/gespreksprotocol": html("gespreksprotocol"),
      "/al-bewaard": html("research-report"),
      "/weg": (res) => void res.writeHead(404, { "Content-Type": "text/plain" }).end("weg"),
    });
    const b = await loggingSite("127.0.0.2", { "/research-report": html("research-report"), "/news-article": html("news-article") });
    sites.push(a, b);
    const server = await reading();
    servers.push(server);
    const token = server.adminToken;

    // Saved before, with the person's own title and note: the import merges it and leaves it as it is.
    const own = await server.api("POST", "/api/v1/items", { token, body: { url: a.url("/al-bewaard"), title: "Eigen titel", note: "mijn eigen notitie" } });
    expect(own.status).toBe(201);

    const links: [string, string][] = [
      [a.url("/news-article"), "Mijn eigen titel"],
      [a.url("/school-video"), ""],
      [a.url("/gespreksprotocol"), "Protocol"],
      [a.url("/weg"), "Weg"],
      [a.url("/al-bewaard"), "Al bewaard"],
      [b.url("/research-report"), "Onderzoek"],
      [b.url("/news-article"), "Nog een keer"],
      ["https://10.1.2.3/intern", "Intern"],
    ];
    const { id, started } = await importLinks(server, token, links);
    expect(started.status).toBe(200);
    expect(started.body.import.canReadPages).toBe(true);

    const job = await until(() => jobOf(server, token, id), (j) => j.status === "done" && j.pages?.due === 0, "every page read");
    expect(job.progress).toEqual({ total: 8, processed: 8, imported: 7, merged: 1, skipped: 0 });
    expect(job.pages).toEqual({ due: 0, read: 5, failed: 2, stopped: false });

    // Politely (before the checks below ask the sites themselves): one page at a time per site, the pause between two.
    for (const site of [a, b]) {
      expect(site.mostAtOnce()).toBe(1);
      const visits = [...site.visits].sort((x, y) => x.start - y.start);
      for (let i = 1; i < visits.length; i++) expect(visits[i]!.start - visits[i - 1]!.end).toBeGreaterThanOrEqual(195);
    }
    expect(a.visits.map((v) => v.path).sort()).toEqual(["/gespreksprotocol", "/news-article", "/school-video", "/weg"]);
    expect(b.visits.map((v) => v.path).sort()).toEqual(["/news-article", "/research-report"]);
    // The save made before the import was not read.
    expect(a.visits.filter((v) => v.path === "/al-bewaard")).toEqual([]);

    const lines = await report(server, token, id);
    expect(lines[0]).toEqual(["position", "url", "title", "folder", "outcome", "reason", "reason_text", "item_id", "page", "page_reason", "page_reason_text"]);
    const byUrl = new Map(lines.slice(1).map((cells) => [cells[1]!, cells]));
    expect(byUrl.get(a.url("/weg"))!.slice(8)).toEqual(["failed", "error_status", "website gaf een foutmelding / the site answered with an error"]);
    expect(byUrl.get("https://10.1.2.3/intern")!.slice(8)).toEqual(["failed", "internal_address", "geen openbaar adres / not a public address"]);
    expect(byUrl.get(a.url("/al-bewaard"))!.slice(8)).toEqual(["", "", ""]);
    expect(byUrl.get(a.url("/news-article"))!.slice(8)).toEqual(["read", "", ""]);

    // Each read save holds what the web app's clip form reads from the same page (the extension's extraction).
    for (const [url, fileTitle] of links.filter(([url]) => byUrl.get(url)![8] === "read")) {
      const expected = (await server.api("POST", "/api/v1/pages/facts", { token, body: { url } })).body.page;
      const item = (await server.api("GET", `/api/v1/items/${byUrl.get(url)![7]}`, { token })).body.item;
      expect({ url, ...pick(item) }).toEqual({
        url,
        title: fileTitle || expected.title,
        kind: expected.kind,
        siteName: expected.meta.siteName,
        author: expected.meta.author,
        publishedAt: expected.meta.publishedAt,
        language: expected.language,
        imageUrl: expected.meta.imageUrl,
        faviconUrl: expected.meta.faviconUrl,
        excerpt: expected.meta.excerpt,
      });
    }
    // The kind came from the page, not from the address (which says "artikel" for every one of these).
    const video = (await server.api("GET", `/api/v1/items/${byUrl.get(a.url("/school-video"))![7]}`, { token })).body.item;
    expect(video.kind).toBe("kennisclip");

    // The page's own text is searchable: a word of the protocol's body that neither its title nor summary holds.
    const protocol = (await server.api("POST", "/api/v1/pages/facts", { token, body: { url: a.url("/gespreksprotocol") } })).body.page;
    const shown = `${protocol.title} ${protocol.meta.excerpt ?? ""} Protocol`.toLowerCase();
    const elsewhere = ["news-article", "school-video", "research-report"].map(fixture).join(" ").toLowerCase();
    const word = (protocol.text as string)
      .toLowerCase()
      .match(/[a-z]{9,}/g)!
      .find((w) => !shown.includes(w) && !elsewhere.includes(w))!;
    const found = await server.api("GET", `/api/v1/items?q=${word}`, { token });
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([byUrl.get(a.url("/gespreksprotocol"))![7]]);

    // The save made before the import kept its person's title and note.
    const kept = (await server.api("GET", `/api/v1/items/${own.body.item.id}`, { token })).body.item;
    expect([kept.title, kept.mySave.note, kept.excerpt]).toEqual(["Eigen titel", "mijn eigen notitie", null]);


    // The facet counts follow the kinds the pages gave.
    const facets = (await server.api("GET", "/api/v1/items/facets", { token })).body;
    const items = (await server.api("GET", "/api/v1/items?limit=100", { token })).body.items as { kind: string }[];
    const kinds = new Map<string, number>();
    for (const item of items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
    expect(Object.fromEntries(facets.kinds.map((k: { kind: string; count: number }) => [k.kind, k.count]))).toEqual(Object.fromEntries(kinds));
  });

  it("keeps what the person changed meanwhile, skips a save they removed, and stops when asked", async () => {
    const first = held(html("news-article"));
    const last = held(html("research-report"));
    const site = await loggingSite("127.0.0.1", {
      "/eerste": first.answer,
      "/tweede": html("school-video"),
      "/derde": html("gespreksprotocol"),
      "/vierde": last.answer,
    });
    sites.push(site);
    const server = await reading({ importPages: { hostIntervalMs: 20, concurrency: 4, personIntervalMs: 0, pollIntervalMs: 50 } });
    servers.push(server);
    const token = server.adminToken;
    const { id } = await importLinks(server, token, [
      [site.url("/eerste"), "Eerste"],
      [site.url("/tweede"), "Tweede"],
      [site.url("/derde"), "Derde"],
      [site.url("/vierde"), "Vierde"],
    ]);
    await until(() => jobOf(server, token, id), (j) => j.status === "done", "the import");
    await until(async () => site.visits.length, (n) => n === 1, "the first page asked for");
    const itemOf = new Map((await report(server, token, id)).slice(1).map((cells) => [cells[2]!, cells[7]!]));

    // While the first page is being read, the person edits the second save and removes the third.
    expect((await server.api("PATCH", `/api/v1/items/${itemOf.get("Tweede")}`, { token, body: { title: "Door mij aangepast", kind: "protocol" } })).status).toBe(200);
    expect((await server.api("DELETE", `/api/v1/items/${itemOf.get("Derde")}`, { token })).status).toBe(204);
    first.open();

    // The last page is asked for; the person stops the reading before it arrives.
    await last.asked;
    const stopped = await server.api("POST", `/api/v1/imports/${id}/pages/stop`, { token });
    expect(stopped.status).toBe(200);
    expect(stopped.body.import.pages).toEqual({ due: 0, read: 2, failed: 0, stopped: true });
    last.open();
    await until(async () => site.visits.every((v) => v.end > 0), (done) => done, "the last answer");
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect((await jobOf(server, token, id)).pages).toEqual({ due: 0, read: 2, failed: 0, stopped: true });
    expect(site.visits.map((v) => v.path)).toEqual(["/eerste", "/tweede", "/vierde"]);
    const edited = (await server.api("GET", `/api/v1/items/${itemOf.get("Tweede")}`, { token })).body.item;
    const video = (await server.api("POST", "/api/v1/pages/facts", { token, body: { url: site.url("/tweede") } })).body.page;
    expect([edited.title, edited.kind, edited.excerpt]).toEqual(["Door mij aangepast", "protocol", video.meta.excerpt]);
    expect(video.meta.excerpt).not.toBeNull();
    const notFilled = (await server.api("GET", `/api/v1/items/${itemOf.get("Vierde")}`, { token })).body.item;
    expect([notFilled.title, notFilled.excerpt, notFilled.siteName]).toEqual(["Vierde", null, null]);
    const pages = (await report(server, token, id)).slice(1).map((cells) => [cells[2], cells[8]]);
    expect(pages).toEqual([
      ["Eerste", "read"],
      ["Tweede", "read"],
      ["Derde", "dropped"],
      ["Vierde", "dropped"],
    ]);
  });

  it("leaves out page text that looks like pupil data, as the extension asks its person to, and fills in the rest", async () => {
    const site = await loggingSite("127.0.0.1", {
      "/leerling": (res) =>
        void res
          .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
          .end(
            `<!DOCTYPE html><html lang="nl"><head><title>Overdracht</title><meta name="description" content="Een overdrachtsformulier als voorbeeld."></head>` +
              `<body><article><h1>Overdracht</h1><p>${"Het zonnebloemveld van de bovenbouw staat in dit formulier. ".repeat(8)}</p><p>BSN: 123456782</p></article></body></html>`,
          ),
    });
    sites.push(site);
    const server = await reading();
    servers.push(server);
    const token = server.adminToken;
    const { id } = await importLinks(server, token, [[site.url("/leerling"), "Overdracht"]]);
    await until(() => jobOf(server, token, id), (j) => j.status === "done" && j.pages?.due === 0, "the page read");
    const [, line] = await report(server, token, id);
    expect(line!.slice(8)).toEqual(["read", "text_left_out", "paginatekst weggelaten: leek leerlinggegevens te bevatten / page text left out: it looked like pupil data"]);
    const item = (await server.api("GET", `/api/v1/items/${line![7]}`, { token })).body.item;
    expect([item.title, item.excerpt]).toEqual(["Overdracht", "Een overdrachtsformulier als voorbeeld."]);
    expect((await server.api("GET", "/api/v1/items?q=zonnebloemveld", { token })).body.items).toEqual([]);
  });

  it("reads on after a restart, the page that was being read once more and the others once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-import-pages-"));
    const slow = held(html("news-article"));
    const site = await loggingSite("127.0.0.1", { "/langzaam": slow.answer, "/snel": html("school-video") });
    const other = await loggingSite("127.0.0.2", { "/elders": html("gespreksprotocol") });
    sites.push(site, other);
    try {
      let server = await reading({ dir });
      const { id } = await importLinks(server, server.adminToken, [
        [site.url("/langzaam"), "Langzaam"],
        [site.url("/snel"), "Snel"],
        [other.url("/elders"), "Elders"],
      ]);
      await slow.asked;
      await until(() => jobOf(server, server.adminToken, id), (j) => j.pages?.read === 1, "the other site's page");
      await server.stop();

      server = await reading({ dir });
      servers.push(server);
      const token = (await server.api("POST", "/api/v1/auth/login", { body: ADMIN })).body.token as string;
      slow.open();
      const job = await until(() => jobOf(server, token, id), (j) => j.status === "done" && j.pages?.due === 0, "every page read");
      expect(job.pages).toEqual({ due: 0, read: 3, failed: 0, stopped: false });
      expect(site.visits.map((v) => v.path)).toEqual(["/langzaam", "/langzaam", "/snel"]);
      expect(other.visits.map((v) => v.path)).toEqual(["/elders"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops while the import still runs: the links it saves afterwards are not read either", async () => {
    const first = held(html("news-article"));
    const pages: Record<string, (res: ServerResponse) => void | Promise<void>> = { "/p0": first.answer };
    for (let i = 1; i < 60; i++) pages[`/p${i}`] = html("news-article");
    const site = await loggingSite("127.0.0.1", pages);
    sites.push(site);
    // Slowed down (five links a batch, a pause between: about two seconds in all) so the reading can be
    // stopped in the middle of the import, also on a busy machine.
    const server = await reading({ jobs: { pollIntervalMs: 50, importBatchSize: 5, importPauseMs: 150 }, importPages: { hostIntervalMs: 20, concurrency: 4, personIntervalMs: 0, pollIntervalMs: 50 } });
    servers.push(server);
    const token = server.adminToken;
    const { id } = await importLinks(
      server,
      token,
      Object.keys(pages).map((path): [string, string] => [site.url(path), path]),
    );
    await first.asked;
    const stopped = await server.api("POST", `/api/v1/imports/${id}/pages/stop`, { token });
    expect(stopped.body.import.status).toBe("running");
    expect(stopped.body.import.pages).toMatchObject({ due: 0, read: 0, failed: 0, stopped: true });
    first.open();
    const done = await until(() => jobOf(server, token, id), (j) => j.status === "done", "the import");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done.pages).toEqual({ due: 0, read: 0, failed: 0, stopped: true });
    expect((await jobOf(server, token, id)).pages).toEqual({ due: 0, read: 0, failed: 0, stopped: true });
    expect(site.visits.map((v) => v.path)).toEqual(["/p0"]);
    const states = (await report(server, token, id)).slice(1).map((cells) => cells[8]);
    // Saved before the stop: dropped; saved after it: never due.
    expect(states.slice(0, 5)).toEqual(["dropped", "dropped", "dropped", "dropped", "dropped"]);
    expect(states.at(-1)).toBe("");
    expect(states.every((state) => state === "dropped" || state === "")).toBe(true);
  });

  it("keeps the kind a Knooppunt export gave its save, and fills in the rest", async () => {
    const site = await loggingSite("127.0.0.1", { "/video": html("school-video") });
    sites.push(site);
    const server = await reading();
    servers.push(server);
    const token = server.adminToken;
    const { id } = await importLinks(server, token, {
      json: { format: "knooppunt-export/1", saves: [{ url: site.url("/video"), title: "Mijn les", kind: "praktijkvoorbeeld", note: "", tags: [], themes: [] }] },
    });
    await until(() => jobOf(server, token, id), (j) => j.status === "done" && j.pages?.due === 0, "the page read");
    const [, line] = await report(server, token, id);
    const item = (await server.api("GET", `/api/v1/items/${line![7]}`, { token })).body.item;
    const page = (await server.api("POST", "/api/v1/pages/facts", { token, body: { url: site.url("/video") } })).body.page;
    expect(page.kind).toBe("kennisclip");
    expect([item.title, item.kind, item.excerpt]).toEqual(["Mijn les", "praktijkvoorbeeld", page.meta.excerpt]);
  });

  it("reads an allow-listed private host only for a private or school save, and one person's pages a pause apart", async () => {
    const intranet = await loggingSite("127.0.0.1", { "/intranet": html("news-article"), "/ook-intranet": html("gespreksprotocol") });
    const other = await loggingSite("127.0.0.2", { "/elders": html("research-report") });
    sites.push(intranet, other);
    const server = await reading({ importPages: { hostIntervalMs: 0, concurrency: 4, personIntervalMs: 250, pollIntervalMs: 50 } });
    servers.push(server);
    const token = server.adminToken;
    const shared = await importLinks(server, token, [[intranet.url("/intranet"), "Intranet"]], { visibility: "network" });
    expect(shared.started.status).toBe(200);
    await until(() => jobOf(server, token, shared.id), (j) => j.status === "done" && j.pages?.due === 0, "the network import's page");
    const [, line] = await report(server, token, shared.id);
    // Refused as any private address is (this one is plain http as well): not read.
    expect(line!.slice(8, 10)).toEqual(["failed", "https_required"]);
    expect(intranet.visits).toEqual([]);

    const own = await importLinks(server, token, [
      [intranet.url("/ook-intranet"), "Ook intranet"],
      [other.url("/elders"), "Elders"],
    ]);
    const job = await until(() => jobOf(server, token, own.id), (j) => j.status === "done" && j.pages?.due === 0, "the private import's pages");
    expect(job.pages).toEqual({ due: 0, read: 2, failed: 0, stopped: false });
    // Two sites, but one person: the second page started a pause after the first.
    expect(other.visits[0]!.start - intranet.visits[0]!.start).toBeGreaterThanOrEqual(245);
  });

  it("lets nobody but the importer stop the reading: another person gets the 404 of an import that does not exist", async () => {
    const site = await loggingSite("127.0.0.1", { "/news-article": html("news-article") });
    sites.push(site);
    const server = await reading();
    servers.push(server);
    const net = await buildNetwork(server);
    const { id } = await importLinks(server, net.people.anna.token, [[site.url("/news-article"), "Artikel"]]);
    const other = await server.api("POST", `/api/v1/imports/${id}/pages/stop`, { token: net.people.bram.token });
    const unknown = await server.api("POST", "/api/v1/imports/nietbestaand0000/pages/stop", { token: net.people.bram.token });
    expect([other.status, other.body.error.code]).toEqual([404, unknown.body.error.code]);
    expect(unknown.status).toBe(404);
    const job = await until(() => jobOf(server, net.people.anna.token, id), (j) => j.status === "done" && j.pages?.due === 0, "the page read");
    expect(job.pages).toEqual({ due: 0, read: 1, failed: 0, stopped: false });
  });

  it("reads nothing on a server whose operator switched it off, and says so", async () => {
    const site = await loggingSite("127.0.0.1", { "/news-article": html("news-article") });
    sites.push(site);
    const server = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"], importReadPages: false, importPages: { pollIntervalMs: 50 } });
    servers.push(server);
    const token = server.adminToken;
    const refused = await importLinks(server, token, [[site.url("/news-article"), "Artikel"]], { readPages: true });
    expect(refused.started.status).toBe(400);
    expect(refused.started.body.error.code).toBe("page_reading_off");
    const started = await server.api("POST", `/api/v1/imports/${refused.id}/start`, { token, body: {} });
    expect([started.status, started.body.import.canReadPages, started.body.import.pages]).toEqual([200, false, null]);
    await until(() => jobOf(server, token, refused.id), (j) => j.status === "done", "the import");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(site.visits).toEqual([]);
  });

  it("reads nothing when the person leaves it out", async () => {
    const site = await loggingSite("127.0.0.1", { "/news-article": html("news-article") });
    sites.push(site);
    const server = await reading();
    servers.push(server);
    const token = server.adminToken;
    const { id, started } = await importLinks(server, token, [[site.url("/news-article"), "Artikel"]], { readPages: false });
    expect([started.status, started.body.import.canReadPages, started.body.import.pages]).toEqual([200, true, null]);
    await until(() => jobOf(server, token, id), (j) => j.status === "done", "the import");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(site.visits).toEqual([]);
  });
});

const pick = (item: Record<string, unknown>) => ({
  title: item.title,
  kind: item.kind,
  siteName: item.siteName,
  author: item.author,
  publishedAt: item.publishedAt,
  language: item.language,
  imageUrl: item.imageUrl,
  faviconUrl: item.faviconUrl,
  excerpt: item.excerpt,
});
