import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { startSite, streamHtml, type Site } from "../support/page-facts-site";

// What a site sends back is bounded before it is read: a huge, endless or slow answer costs the server a
// few megabytes and a few seconds at most, and an answer that is not a page costs nothing but its headers.

const MB = 1024 * 1024;
let server: TestServer; // production sizes (5 MB for HTML); short time limits so the slow cases stay quick
let site: Site;
const fresh = () => Object.assign(site.written, { bytes: 0, finished: false, closedEarly: false });
/** Resolves when the site saw the client hang up on the answer in progress. */
let hungUp: Promise<void> = Promise.resolve();

beforeAll(async () => {
  const hangUpWatch = (res: import("node:http").ServerResponse) => {
    hungUp = new Promise((done) => res.on("close", () => done()));
  };
  // Made before the site opens: compressing 40 MB takes long enough to trip the idle limit by itself.
  const bomb = gzipSync(Buffer.alloc(40 * MB, 0x20));
  site = await startSite({
    "/vijftig-mb": (_req, res, s) => streamHtml(res, s, 50 * MB),
    "/zegt-vijftig-mb": (_req, res, s) => {
      hangUpWatch(res);
      // Says how large it is and then sends nothing: the refusal must come from the header alone.
      res.writeHead(200, { "Content-Type": "text/html", "Content-Length": String(50 * MB) });
      res.flushHeaders();
      void s;
    },
    "/bom": (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "gzip" }).end(bomb);
    },
    "/druppel": (_req, res, s) => {
      hangUpWatch(res);
      res.writeHead(200, { "Content-Type": "text/html" });
      res.write("<!DOCTYPE html><html><head><title>Druppel</title></head><body>");
      // A byte every 100 ms: never silent long enough for the idle limit, never done before the deadline.
      const drip = setInterval(() => {
        if (res.writableEnded || res.destroyed) return clearInterval(drip);
        s.written.bytes += 1;
        res.write(".");
      }, 100);
      res.on("close", () => clearInterval(drip));
    },
    "/stil": (_req, res) => {
      hangUpWatch(res);
      res.writeHead(200, { "Content-Type": "text/html" });
      res.write("<!DOCTYPE html><html><head><title>Stil</title>");
    },
    "/plaatje.png": (_req, res) => {
      hangUpWatch(res);
      // Only the headers: a server that waited for this body would hit the idle limit instead.
      res.writeHead(200, { "Content-Type": "image/png", "Content-Length": "1048576" });
      res.flushHeaders();
    },
    "/gegevens.json": (_req, res) => {
      hangUpWatch(res);
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      res.flushHeaders();
    },
    "/weg": (_req, res) => void res.writeHead(410, { "Content-Type": "text/html" }).end("<h1>Deze pagina bestaat niet meer</h1>"),
  });
  server = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"], pageFetch: { timeoutMs: 2_000, idleTimeoutMs: 600 } });
});
afterAll(async () => {
  await server.stop();
  await site.close();
});

const facts = (url: string) => server.api("POST", "/api/v1/pages/facts", { token: server.adminToken, body: { url } });
const errorOf = (res: { status: number; body: any }) => [res.status, res.body.error?.code, res.body.error?.reason];

describe("POST /api/v1/pages/facts bounds what it reads", () => {
  it("refuses a 50 MB page and stops the site sending it long before the end", async () => {
    fresh();
    const res = await facts(site.url("/vijftig-mb"));
    expect(errorOf(res)).toEqual([422, "page_too_large", "too_large"]);
    expect(res.body.error.message).toBe("The page is larger than 5 MB; Knooppunt stopped reading it.");
    await expect.poll(() => site.written.closedEarly).toBe(true);
    expect(site.written.finished).toBe(false);
    // 5 MB read, plus what was already under way in the sockets' buffers: a fraction of the 50 MB.
    expect(site.written.bytes).toBeLessThan(12 * MB);
  });

  it("refuses a page that says it is 50 MB on its headers, without waiting for the body", async () => {
    const res = await facts(site.url("/zegt-vijftig-mb"));
    expect(errorOf(res)).toEqual([422, "page_too_large", "too_large"]);
    await hungUp;
  });

  it("refuses a small compressed answer that unpacks to more than the limit", async () => {
    const res = await facts(site.url("/bom"));
    expect(errorOf(res)).toEqual([422, "page_too_large", "too_large"]);
  });

  it("cuts a body that drips in slower than the deadline allows", async () => {
    fresh();
    const res = await facts(site.url("/druppel"));
    expect(errorOf(res)).toEqual([422, "page_too_slow", "too_slow"]);
    await hungUp;
  });

  it("cuts a site that falls silent halfway through the page", async () => {
    const res = await facts(site.url("/stil"));
    expect(errorOf(res)).toEqual([422, "page_too_slow", "too_slow"]);
    await hungUp;
  });

  it.each([
    ["/plaatje.png", "image/png"],
    ["/gegevens.json", "application/json"],
  ])("refuses %s on its Content-Type alone, without reading a body", async (path, type) => {
    const res = await facts(site.url(path));
    expect(errorOf(res)).toEqual([422, "page_unsupported_content_type", "unsupported_content_type"]);
    expect(res.body.error.message).toBe(`Knooppunt reads web pages and PDFs; this address gives ${type}.`);
    await hungUp;
  });

  it("says so when nothing answers at the address", async () => {
    const closed = await startSite({});
    const url = closed.url("/pagina");
    await closed.close();
    const res = await facts(url);
    expect(errorOf(res)).toEqual([422, "page_unreachable", "unreachable"]);
    expect(res.body.error.message).toBe("The site could not be reached (ECONNREFUSED).");
  });

  it("passes on that the site answered with an error status", async () => {
    const res = await facts(site.url("/weg"));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: { code: "page_error_status", reason: "error_status", siteStatus: 410, message: "The site answered with status 410 instead of the page." },
    });
  });
});
