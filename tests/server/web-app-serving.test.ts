/**
 * How the server hands out the web app (built into .output/web by the tests' global setup, as `npm start`
 * does): its page under each of its addresses with the strict CSP, hashed assets cached for ever, nothing
 * outside the build, the share target's redirect, and the CSRF token a cookie session's writes carry.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_APP_CSP, WEB_APP_DIR } from "../../server/routes/pages/web-app";
import { openTestWebSession, type TestWebSession } from "../support/web-session";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let session: TestWebSession;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  session = openTestWebSession(server, net.people.anna.id);
});

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: "manual" });

describe("the web app's files", () => {
  it("answers each of the app's addresses with its one page, under the strict CSP, never cached, in the browser's language", async () => {
    for (const path of ["/app", "/app/", "/app/clip", "/app/help", "/app/questions"]) {
      const res = await get(path, { "Accept-Language": "en-GB,en;q=0.9" });
      const body = await res.text();
      expect([path, res.status, res.headers.get("Content-Security-Policy"), res.headers.get("Cache-Control")]).toEqual([path, 200, WEB_APP_CSP, "no-cache"]);
      expect(body.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      expect(body).toContain('<div id="app"></div>');
    }
    const dutch = await (await get("/app", { "Accept-Language": "nl-NL" })).text();
    expect(dutch.startsWith('<!doctype html>\n<html lang="nl">')).toBe(true);
    expect(WEB_APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("serves the build's hashed assets with their type, cached for a year", async () => {
    const assets = readdirSync(join(WEB_APP_DIR, "assets"));
    // The entry the page names; screens loaded on first use (the bulk actions) are chunks beside it.
    const script = assets.find((name) => name.startsWith("index-") && name.endsWith(".js"))!;
    const style = assets.find((name) => name.endsWith(".css"))!;
    const js = await get(`/app/assets/${script}`, { "Accept-Encoding": "gzip" });
    expect([js.status, js.headers.get("Content-Type"), js.headers.get("Cache-Control"), js.headers.get("Content-Encoding")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
      "public, max-age=31536000, immutable",
      "gzip",
    ]);
    expect(await js.text()).toBe(readFileSync(join(WEB_APP_DIR, "assets", script), "utf8"));
    const plain = await get(`/app/assets/${script}`, { "Accept-Encoding": "identity" });
    expect([plain.headers.get("Content-Encoding"), plain.headers.get("Vary")]).toEqual([null, "Accept-Encoding"]);
    const css = await get(`/app/assets/${style}`);
    expect([css.status, css.headers.get("Content-Type")]).toEqual([200, "text/css; charset=utf-8"]);
    // The page names exactly these files.
    const page = await (await get("/app")).text();
    expect(page).toContain(`src="/app/assets/${script}"`);
  });

  it("lets the service worker answer for /app itself, not only for what is under /app/", async () => {
    const sw = await get("/app/sw.js");
    expect([sw.status, sw.headers.get("Content-Type"), sw.headers.get("Service-Worker-Allowed"), sw.headers.get("Cache-Control")]).toEqual([200, "text/javascript; charset=utf-8", "/app", "no-cache"]);
  });

  it("answers 404 for anything outside the build, also when the path tries to climb out of it", async () => {
    const tries = [
      "/app/niet-bestaand",
      "/app/assets/niet-bestaand.js",
      "/app/assets/../../package.json",
      "/app/..%2f..%2fpackage.json",
      "/app/%2e%2e/%2e%2e/package.json",
      "/app/assets/..%2F..%2F..%2Fserver%2Fapp.ts",
      "/app/index.html.bak",
    ];
    for (const path of tries) {
      const res = await get(path, { Accept: "text/html" });
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('"name": "knooppunt"');
    }
    const json = await get("/app/niet-bestaand");
    expect(await json.json()).toEqual({ error: { code: "not_found", message: "No such page." } });
  });
});

describe("the share target", () => {
  it("sends what a phone shares (a form, the link inside the text as Android apps do) to the clip form, and saves nothing", async () => {
    const form = new FormData();
    form.set("title", "Zachte landing voor nieuwkomers");
    form.set("text", "Lees dit eens https://kennis.example.nl/zachte-landing");
    const res = await fetch(`${server.url}/app/share`, { method: "POST", body: form, redirect: "manual" });
    expect([res.status, res.headers.get("Location")]).toEqual([
      303,
      `/app/clip?${new URLSearchParams({ title: "Zachte landing voor nieuwkomers", text: "Lees dit eens https://kennis.example.nl/zachte-landing" })}`,
    ]);
    const urlencoded = await fetch(`${server.url}/app/share`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "url=https%3A%2F%2Fkennis.example.nl%2Fa&title=&text=",
      redirect: "manual",
    });
    expect([urlencoded.status, urlencoded.headers.get("Location")]).toEqual([303, "/app/clip?url=https%3A%2F%2Fkennis.example.nl%2Fa"]);
    const empty = await fetch(`${server.url}/app/share`, { method: "POST", redirect: "manual" });
    expect([empty.status, empty.headers.get("Location")]).toEqual([303, "/app/clip"]);
    const items = await server.api("GET", "/api/v1/items?savedBy=me", { token: net.people.anna.token });
    expect(items.body.items).toEqual([]);
  });

  it("refuses a share larger than any link and note could be", async () => {
    const form = new FormData();
    form.set("text", "x".repeat(100_000));
    const res = await fetch(`${server.url}/app/share`, { method: "POST", body: form, redirect: "manual" });
    expect(res.status).toBe(413);
  });
});

describe("GET /api/v1/me/web-session", () => {
  it("gives a browser signed in with the cookie its CSRF token, and nobody else one", async () => {
    const own = await server.api("GET", "/api/v1/me/web-session", { headers: { Cookie: session.cookie } });
    expect([own.status, own.body]).toEqual([200, { csrfToken: session.csrfToken }]);
    const bearer = await server.api("GET", "/api/v1/me/web-session", { token: net.people.anna.token });
    expect([bearer.status, bearer.body.error.code]).toEqual([400, "not_web_session"]);
    const nobody = await server.api("GET", "/api/v1/me/web-session");
    expect(nobody.status).toBe(401);
  });

  it("lets the web app write with the cookie and that token, and not without the token", async () => {
    const body = { url: "https://kennis.example.nl/webapp", title: "Bewaard in de webapp", visibility: "private" };
    const without = await server.api("POST", "/api/v1/items", { body, headers: { Cookie: session.cookie } });
    expect([without.status, without.body.error.code]).toEqual([403, "csrf_failed"]);
    const withToken = await server.api("POST", "/api/v1/items", { body, headers: { Cookie: session.cookie, "X-CSRF-Token": session.csrfToken } });
    expect([withToken.status, withToken.body.item.title]).toEqual([201, "Bewaard in de webapp"]);
  });
});
