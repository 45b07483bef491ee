import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { openTestWebSession } from "../support/web-session";
import { startSite, type Site } from "../support/page-facts-site";

// Reading a page makes Knooppunt fetch from elsewhere on someone's behalf: only for people signed in,
// within a budget each, and only for a request that says which page.

let server: TestServer;
let site: Site;

beforeAll(async () => {
  site = await startSite({
    "/pagina": (_req, res) => void res.writeHead(200, { "Content-Type": "text/html" }).end("<!DOCTYPE html><html><head><title>Een pagina</title></head><body></body></html>"),
  });
  server = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"], pageFactsLimit: { perPerson: 3, windowMs: 60_000 } });
});
afterAll(async () => {
  await server.stop();
  await site.close();
});

const facts = (body: unknown, token: string | null = server.adminToken) => server.api("POST", "/api/v1/pages/facts", { token: token ?? undefined, body });

describe("POST /api/v1/pages/facts", () => {
  it("answers 401 to someone not signed in and fetches nothing", async () => {
    const res = await facts({ url: site.url("/pagina") }, null);
    expect([res.status, res.body.error.code]).toEqual([401, "unauthenticated"]);
    expect(site.requests).toEqual([]);
  });

  it("reads the page for the web app's session cookie with its CSRF token, and not without the token", async () => {
    const me = await server.api("GET", "/api/v1/me", { token: server.adminToken });
    const session = openTestWebSession(server, me.body.user.id);
    const body = { url: site.url("/pagina") };
    const withToken = await server.api("POST", "/api/v1/pages/facts", { body, headers: { Cookie: session.cookie, "X-CSRF-Token": session.csrfToken } });
    expect([withToken.status, withToken.body.page?.title]).toEqual([200, "Een pagina"]);
    const before = site.requests.length;
    const forged = await server.api("POST", "/api/v1/pages/facts", { body, headers: { Cookie: session.cookie } });
    expect(forged.status).toBe(403);
    expect(site.requests.length).toBe(before);
    server.clock.advance(60_000); // a fresh budget for the tests that count it
  });

  it("answers 400 to a body that is not a request for a page", async () => {
    const before = site.requests.length;
    const garbage = await server.api("POST", "/api/v1/pages/facts", { token: server.adminToken, raw: "url=https://x", headers: { "Content-Type": "application/json" } });
    expect([garbage.status, garbage.body.error.code]).toEqual([400, "malformed_request"]);
    for (const body of [{}, { url: 42 }, { url: "" }, { url: `https://www.voorbeeld.nl/${"a".repeat(5000)}` }]) {
      const res = await facts(body);
      expect([res.status, res.body.error.code, res.body.error.issues[0].path]).toEqual([400, "invalid_request", ["url"]]);
    }
    expect(site.requests.length).toBe(before);
  });

  it("lets a person read three pages a minute, then answers 429 with Retry-After until the minute is over", async () => {
    const before = site.requests.length;
    for (let i = 0; i < 3; i++) expect((await facts({ url: site.url("/pagina") })).status).toBe(200);
    const refused = await facts({ url: site.url("/pagina") });
    expect([refused.status, refused.body.error.code, refused.headers.get("retry-after")]).toEqual([429, "rate_limited", "60"]);
    expect(site.requests.length - before).toBe(3);

    server.clock.advance(60_000);
    const again = await facts({ url: site.url("/pagina") });
    expect([again.status, again.body.page.title]).toEqual([200, "Een pagina"]);
  });
});
