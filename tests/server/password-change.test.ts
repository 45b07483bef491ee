import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../server/db/repositories/accounts";
import { openTestWebSession } from "../support/web-session";
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
  return { id: created.body.user.id as string, email, password };
}

const login = async (email: string, password: string) => server.api("POST", "/api/v1/auth/login", { body: { email, password } });
const meWith = async (headers: Record<string, string>) => (await server.api("GET", "/api/v1/me", { headers })).status;

describe("PUT /api/v1/me/password", () => {
  it("changes the password and ends every other session and device of the person, keeping the calling one", async () => {
    const gijs = await person("gijs");
    const caller = (await login(gijs.email, gijs.password)).body.token as string;
    const otherDevice = (await login(gijs.email, gijs.password)).body.token as string;
    const apiToken = (await server.api("POST", "/api/v1/tokens", { token: caller, body: { name: "script" } })).body.secret as string;
    const browser = openTestWebSession(server, gijs.id);
    const res = await server.api("PUT", "/api/v1/me/password", { token: caller, body: { currentPassword: gijs.password, newPassword: "een-nieuw-wachtwoord" } });
    expect(res.status).toBe(204);
    expect(await meWith({ Authorization: `Bearer ${caller}` })).toBe(200);
    expect(await meWith({ Authorization: `Bearer ${otherDevice}` })).toBe(401);
    expect(await meWith({ Authorization: `Bearer ${apiToken}` })).toBe(401);
    expect(await meWith({ Cookie: browser.cookie })).toBe(401);
    expect((await login(gijs.email, gijs.password)).status).toBe(401);
    expect((await login(gijs.email, "een-nieuw-wachtwoord")).status).toBe(200);
  });

  it("works from a browser session with the CSRF token, and keeps that browser signed in", async () => {
    const hanna = await person("hanna");
    const device = (await login(hanna.email, hanna.password)).body.token as string;
    const browser = openTestWebSession(server, hanna.id);
    const body = { currentPassword: hanna.password, newPassword: "hanna-haar-nieuwe" };
    expect((await server.api("PUT", "/api/v1/me/password", { body, headers: { Cookie: browser.cookie } })).status).toBe(403);
    expect((await server.api("PUT", "/api/v1/me/password", { body, headers: { Cookie: browser.cookie, "X-CSRF-Token": browser.csrfToken } })).status).toBe(204);
    expect(await meWith({ Cookie: browser.cookie })).toBe(200);
    expect(await meWith({ Authorization: `Bearer ${device}` })).toBe(401);
  });

  it("refuses a wrong current password (403 wrong_password) and a short new one (400), changing nothing", async () => {
    const ilse = await person("ilse");
    const token = (await login(ilse.email, ilse.password)).body.token as string;
    const wrong = await server.api("PUT", "/api/v1/me/password", { token, body: { currentPassword: "niet-het-goede", newPassword: "een-nieuw-wachtwoord" } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("wrong_password");
    const short = await server.api("PUT", "/api/v1/me/password", { token, body: { currentPassword: ilse.password, newPassword: "kort" } });
    expect(short.status).toBe(400);
    expect(short.body.error.issues.map((i: any) => i.path)).toEqual([["newPassword"]]);
    expect((await login(ilse.email, ilse.password)).status).toBe(200);
  });

  it("answers 400 no_password for a person who signs in with a school account only", async () => {
    const now = server.clock.now().toISOString();
    insertUser(server.ctx, { id: "school-account-person", name: "Jet", email: null, passwordHash: null, displayName: null, roles: [], disabled: false, createdAt: now, updatedAt: now });
    const browser = openTestWebSession(server, "school-account-person");
    const res = await server.api("PUT", "/api/v1/me/password", { body: { currentPassword: "iets", newPassword: "een-nieuw-wachtwoord" }, headers: { Cookie: browser.cookie, "X-CSRF-Token": browser.csrfToken } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("no_password");
    // The account page offers no password form to them.
    const page = await (await fetch(`${server.url}/me`, { headers: { Cookie: browser.cookie } })).text();
    expect(page).not.toContain('name="currentPassword"');
  });

  it("is rate limited like sign-in: guessing the current password runs into 429", async () => {
    const limited = await startTestServer({ loginLimits: { perEmail: 3, perAddress: 1000, windowMs: 60_000 } });
    try {
      const created = await limited.api("POST", "/api/v1/admin/users", { token: limited.adminToken, body: { name: "Kees", email: "kees@test.knooppunt.nl", password: "wachtwoord-kees-1" } });
      const browser = openTestWebSession(limited, created.body.user.id);
      const guess = (currentPassword: string) =>
        limited.api("PUT", "/api/v1/me/password", { body: { currentPassword, newPassword: "een-nieuw-wachtwoord" }, headers: { Cookie: browser.cookie, "X-CSRF-Token": browser.csrfToken } });
      for (let i = 0; i < 3; i++) expect((await guess(`gok-${i}`)).status).toBe(403);
      const refused = await guess("wachtwoord-kees-1");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("60");
    } finally {
      await limited.stop();
    }
  });
});

describe("the change-password form on /me", () => {
  const postForm = (path: string, fields: Record<string, string>, cookie: string) =>
    fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html", Cookie: cookie }, body: new URLSearchParams(fields).toString() });

  it("changes the password, signs out the other sessions and says so; mismatched or wrong passwords get the page again with a message", async () => {
    const lotte = await person("lotte");
    const browser = openTestWebSession(server, lotte.id);
    const other = openTestWebSession(server, lotte.id, "Firefox (Windows)");
    const mismatch = await postForm("/me/password?lang=nl", { _csrf: browser.csrfToken, currentPassword: lotte.password, newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-2" }, browser.cookie);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain("De twee nieuwe wachtwoorden zijn niet gelijk.");
    const wrong = await postForm("/me/password?lang=en", { _csrf: browser.csrfToken, currentPassword: "fout-wachtwoord", newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-1" }, browser.cookie);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("Your current password is not right.");
    expect(await meWith({ Cookie: other.cookie })).toBe(200);
    const done = await postForm("/me/password", { _csrf: browser.csrfToken, currentPassword: lotte.password, newPassword: "nieuw-wachtwoord-1", repeatPassword: "nieuw-wachtwoord-1" }, browser.cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/me?notice=password-changed&lang=nl");
    expect(await meWith({ Cookie: browser.cookie })).toBe(200);
    expect(await meWith({ Cookie: other.cookie })).toBe(401);
    const page = await (await fetch(`${server.url}/me?notice=password-changed`, { headers: { Cookie: browser.cookie } })).text();
    expect(page).toContain("Je wachtwoord is gewijzigd. Je andere sessies en apparaten zijn uitgelogd.");
  });
});
