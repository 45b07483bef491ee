import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractPage, type ExtractedPage } from "../../shared/extract";
import { startTestServer, type TestServer } from "../support/server";
import { startSite, type Site } from "../support/page-facts-site";

// The web app's clip form must get what the extension reads from the same page in a browser: the same
// shared extraction, on linkedom on the server, compared with jsdom (the extension's tests' stand-in).

const FIXTURES = ["news-article", "school-video", "gespreksprotocol", "research-report"];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}.html`, import.meta.url), "utf8");
const inBrowser = (html: string, url: string): ExtractedPage => extractPage(new JSDOM(html, { url }).window.document, url);

let server: TestServer;
let site: Site;

beforeAll(async () => {
  const html = (name: string, type = "text/html; charset=utf-8") => (_req: unknown, res: import("node:http").ServerResponse) =>
    void res.writeHead(200, { "Content-Type": type }).end(fixture(name));
  site = await startSite({
    ...Object.fromEntries(FIXTURES.map((name) => [`/${name}`, html(name)])),
    "/oud-adres": (_req, res) => void res.writeHead(302, { Location: "/artikelen/nieuw-adres" }).end(),
    "/artikelen/nieuw-adres": html("news-article"),
    "/ingepakt": (_req, res) =>
      void res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip" }).end(gzipSync(fixture("gespreksprotocol"))),
    "/latin1": (_req, res) =>
      void res
        .writeHead(200, { "Content-Type": "text/html" })
        .end(Buffer.from('<!DOCTYPE html><html lang="nl"><head><meta charset="windows-1252"><title>Ideeën voor één privéles</title></head><body></body></html>', "latin1")),
    // The header wins over a <meta> that says otherwise, as in a browser.
    "/iso-kop": (_req, res) =>
      void res
        .writeHead(200, { "Content-Type": "text/html; charset=ISO-8859-1" })
        .end(Buffer.from('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Café-overleg über één thema</title></head><body></body></html>', "latin1")),
  });
  server = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await server.stop();
  await site.close();
});

const facts = (url: string) => server.api("POST", "/api/v1/pages/facts", { token: server.adminToken, body: { url } });

describe("POST /api/v1/pages/facts on an allow-listed site", () => {
  it.each(FIXTURES)("gives the facts the extension reads from %s in the browser", async (name) => {
    const res = await facts(site.url(`/${name}`));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ page: inBrowser(fixture(name), site.url(`/${name}`)) });
  });

  it("reads the video page as the kennisclip it is, not as an article", async () => {
    const res = await facts(site.url("/school-video"));
    expect(res.body.page.kind).toBe("kennisclip");
    expect(res.body.page.meta.video).toEqual({ provider: "127.0.0.1", id: null, durationSeconds: 200, embedUrl: null });
  });

  it("follows a redirect and answers with the address the page was found at", async () => {
    const res = await facts(site.url("/oud-adres"));
    expect(res.status).toBe(200);
    expect(res.body.page.url).toBe(site.url("/artikelen/nieuw-adres"));
    expect(res.body).toEqual({ page: inBrowser(fixture("news-article"), site.url("/artikelen/nieuw-adres")) });
  });

  it("unpacks a gzip-compressed page", async () => {
    const res = await facts(site.url("/ingepakt"));
    expect(res.body).toEqual({ page: inBrowser(fixture("gespreksprotocol"), site.url("/ingepakt")) });
  });

  it("reads the page in the charset its <meta> names", async () => {
    const res = await facts(site.url("/latin1"));
    expect(res.body.page.title).toBe("Ideeën voor één privéles");
  });

  it("reads the page in the charset its Content-Type names", async () => {
    const res = await facts(site.url("/iso-kop"));
    expect(res.body.page.title).toBe("Café-overleg über één thema");
  });

  it("introduces itself to the site and asks for HTML or PDF", async () => {
    const before = site.requests.length;
    await facts(site.url("/news-article"));
    const seen = site.requests.slice(before);
    expect(seen.map((r) => [r.path, r.headers["user-agent"], r.headers.accept])).toEqual([
      ["/news-article", `Knooppunt/0.1 (+${server.url})`, "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8"],
    ]);
  });
});
