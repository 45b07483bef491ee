import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function person(key: string) {
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-1`;
  const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: `Test ${key}`, email, password } });
  const token = (await server.api("POST", "/api/v1/auth/login", { body: { email, password } })).body.token as string;
  return { id: created.body.user.id as string, email, password, token };
}

const resetLink = (userId: string, token = server.adminToken) => server.api("POST", `/api/v1/admin/users/${userId}/password-reset`, { token });
const pathOf = (url: string) => new URL(url).pathname;
const openPage = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { redirect: "manual", headers: { Accept: "text/html", ...headers } });
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html", ...headers }, body: new URLSearchParams(fields).toString() });

describe("POST /api/v1/admin/users/:id/password-reset", () => {
  it("gives an administrator a one-time link valid 72 hours, and records it in the audit log", async () => {
    const mira = await person("mira");
    const res = await resetLink(mira.id);
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(new RegExp(`^${server.url}/reset/kpr_[\\w-]{43}$`));
    expect(res.body.expiresAt).toBe("2026-11-27T09:00:00.000Z");
    const log = await server.api("GET", "/api/v1/admin/audit-log", { token: server.adminToken });
    expect(log.body.entries[0]).toMatchObject({ action: "user.password-reset", subject: { kind: "user", id: mira.id } });
  });

  it("is for administrators only, and 404s for an unknown person", async () => {
    const nora = await person("nora");
    expect((await resetLink(nora.id, nora.token)).status).toBe(403);
    const unknown = await resetLink("no-such-person");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("voids the older link when a new one is made", async () => {
    const otto = await person("otto");
    const first = pathOf((await resetLink(otto.id)).body.url);
    const second = pathOf((await resetLink(otto.id)).body.url);
    expect((await openPage(first)).status).toBe(404);
    expect((await openPage(second)).status).toBe(200);
  });
});

describe("/reset/<code>", () => {
  it("sets the new password once, ends every session and token of the person, and sends them to /login with a notice", async () => {
    const pien = await person("pien");
    const path = pathOf((await resetLink(pien.id)).body.url);
    const page = await openPage(`${path}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await page.text()).toContain("Choose a new password for pien@test.knooppunt.nl.");
    const mismatch = await postForm(path, { newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-2" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("De twee nieuwe wachtwoorden zijn niet gelijk.");
    const short = await postForm(path, { newPassword: "kort", repeatPassword: "kort" });
    expect(short.status).toBe(400);
    const done = await postForm(path, { newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-1" });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/login?notice=password-reset&lang=nl");
    expect((await server.api("GET", "/api/v1/me", { token: pien.token })).status).toBe(401);
    expect((await server.api("POST", "/api/v1/auth/login", { body: { email: pien.email, password: pien.password } })).status).toBe(401);
    expect((await server.api("POST", "/api/v1/auth/login", { body: { email: pien.email, password: "nieuw-wachtwoord-1" } })).status).toBe(200);
    const again = await postForm(path, { newPassword: "nog-een-wachtwoord", repeatPassword: "nog-een-wachtwoord" });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("Deze link om je wachtwoord te herstellen is onbekend of al gebruikt.");
  });

  it("says an expired link has expired (410) and sets nothing", async () => {
    const quinten = await person("quinten");
    const path = pathOf((await resetLink(quinten.id)).body.url);
    server.clock.advance(73 * 3_600_000);
    try {
      const page = await openPage(`${path}?lang=en`);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain("A password reset link works for 72 hours.");
      expect((await postForm(path, { newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-1" })).status).toBe(410);
    } finally {
      server.clock.advance(-73 * 3_600_000);
    }
    expect((await server.api("POST", "/api/v1/auth/login", { body: { email: quinten.email, password: quinten.password } })).status).toBe(200);
  });

  it("answers an unknown code with a page for a browser and the contract's error for other clients", async () => {
    const page = await openPage("/reset/kpr_bestaatniet0000000000000000000000000000000");
    expect(page.status).toBe(404);
    expect(page.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
    const api = await fetch(`${server.url}/reset/%FF%00`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
  });

  it("refuses a form posted from another site", async () => {
    const roos = await person("roos");
    const path = pathOf((await resetLink(roos.id)).body.url);
    const res = await postForm(path, { newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-1" }, { "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(403);
    expect((await openPage(path)).status).toBe(200);
  });

  it("limits posts per address", async () => {
    const limited = await startTestServer({ loginLimits: { perEmail: 10, perAddress: 5, windowMs: 60_000 } });
    try {
      const post = () => fetch(`${limited.url}/reset/kpr_onbekend000000000000000000000000000000000`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" }, body: "newPassword=a&repeatPassword=a" });
      for (let i = 0; i < 5; i++) expect((await post()).status).toBe(404);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("60");
    } finally {
      await limited.stop();
    }
  });
});

describe("who gets a page", () => {
  it("answers browsers' Accept headers with a page, and malformed or non-HTML ones with the contract's error", async () => {
    const unknown = "/reset/kpr_bestaatniet0000000000000000000000000000000";
    const cases: [string, string][] = [
      ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html; charset=UTF-8"],
      ["application/xhtml+xml", "text/html; charset=UTF-8"],
      ["text/html;q=0.5, application/json", "text/html; charset=UTF-8"],
      ["*/*;q=foo, text/html;q=9", "application/json"],
      ["text/html;q=0", "application/json"],
      ["application/json", "application/json"],
      ["*/*", "application/json"],
    ];
    for (const [accept, type] of cases) {
      const res = await fetch(`${server.url}${unknown}`, { headers: { Accept: accept } });
      expect(res.status, accept).toBe(404);
      expect(res.headers.get("Content-Type"), accept).toBe(type);
    }
  });
});
