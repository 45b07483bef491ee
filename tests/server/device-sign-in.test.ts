import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, type TestWebSession } from "../support/web-session";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let anna: TestWebSession;

const CHROME_REDIRECT = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";
const FIREFOX_REDIRECT = "https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/";
const STATE = "s7_Qx-9.k~";
/** The state as a query string carries it (URLSearchParams escapes the tilde). */
const STATE_IN_QUERY = "s7_Qx-9.k%7E";

beforeAll(async () => {
  server = await startTestServer({ loginLimits: { perEmail: 5, perAddress: 1000, windowMs: 15 * 60_000 } });
  net = await buildNetwork(server);
  anna = openTestWebSession(server, net.people.anna.id);
});
afterAll(() => server.stop());

const devicePath = (redirectUri: string, state = STATE, extra = "") =>
  `/auth/device?redirect_uri=${encodeURIComponent(redirectUri)}&state=${encodeURIComponent(state)}${extra}`;

/** A browser's request: no redirects followed, the session's cookie when given, same-origin unless told. */
function browserRequest(path: string, init: { session?: TestWebSession; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Accept: "text/html,application/xhtml+xml", "Sec-Fetch-Site": "same-origin", ...init.headers };
  if (init.session) headers.Cookie = init.session.cookie;
  if (init.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return fetch(`${server.url}${path}`, {
    method: init.form ? "POST" : "GET",
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    redirect: "manual",
  });
}

const confirm = (session: TestWebSession | undefined, form: Partial<Record<string, string>> = {}) =>
  browserRequest("/auth/device", {
    session,
    form: Object.fromEntries(Object.entries({ redirect_uri: CHROME_REDIRECT, state: STATE, _csrf: session?.csrfToken ?? "", ...form }).filter((e): e is [string, string] => e[1] !== undefined)),
  });

/** The code the confirmation sent to the extension, after checking it went to exactly that address with the state. */
async function codeFor(session: TestWebSession, redirectUri = CHROME_REDIRECT): Promise<string> {
  const res = await confirm(session, { redirect_uri: redirectUri });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(redirectUri);
  expect(location.searchParams.get("state")).toBe(STATE);
  expect([...location.searchParams.keys()].sort()).toEqual(["code", "state"]);
  return location.searchParams.get("code")!;
}

const exchange = (code: string, deviceName?: string) => server.api("POST", "/api/v1/auth/code", { body: { code, ...(deviceName ? { deviceName } : {}) } });

const deviceCodesInDatabase = () => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare("SELECT code_hash AS codeHash, user_id AS userId, purpose FROM one_time_codes WHERE purpose = 'device'").all() as { codeHash: string; userId: string; purpose: string }[];
  } finally {
    db.close();
  }
};

describe("the extension's sign-in page", () => {
  it("sends a browser without a web session to /login, with this page's address to come back to", async () => {
    const path = devicePath(CHROME_REDIRECT, STATE, "&lang=en");
    const res = await browserRequest(path);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it("asks a signed-in person to confirm, in Dutch or English, with a form that carries the CSRF token", async () => {
    const nl = await browserRequest(devicePath(CHROME_REDIRECT), { session: anna, headers: { "Accept-Language": "nl-NL" } });
    expect(nl.status).toBe(200);
    const html = await nl.text();
    expect(html).toContain("<h1>Extensie aanmelden als Test anna?</h1>");
    expect(html).toContain(`<input type="hidden" name="_csrf" value="${anna.csrfToken}"/>`);
    expect(html).toContain(`<input type="hidden" name="state" value="${STATE}"/>`);
    expect(html).toContain(`href="${CHROME_REDIRECT}?error=access_denied&amp;state=${STATE_IN_QUERY}"`);
    expect(nl.headers.get("content-security-policy")).toBe(
      "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self' https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org; frame-ancestors 'none'",
    );

    const en = await browserRequest(devicePath(FIREFOX_REDIRECT, STATE, "&lang=en"), { session: anna });
    const english = await en.text();
    expect(english).toContain("<h1>Sign the extension in as Test anna?</h1>");
    expect(english).toContain("extension in Firefox gets a key of its own");
  });

  it("refuses a confirmation without the CSRF token or from another site, with a page and no code", async () => {
    const before = deviceCodesInDatabase().length;
    const without = await confirm(anna, { _csrf: undefined });
    expect(without.status).toBe(403);
    expect(without.headers.get("location")).toBeNull();
    expect(await without.text()).toContain("<h1>Dit formulier is verlopen</h1>");
    const crossSite = await browserRequest("/auth/device", {
      session: anna,
      headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      form: { redirect_uri: CHROME_REDIRECT, state: STATE, _csrf: anna.csrfToken, lang: "en" },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("<h1>This form has expired</h1>");
    expect(deviceCodesInDatabase().length).toBe(before);
  });

  it("sends a confirmation without a web session to /login instead of making a code", async () => {
    const res = await confirm(undefined);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/auth/device?redirect_uri=${encodeURIComponent(CHROME_REDIRECT)}&state=${STATE_IN_QUERY}&lang=nl`)}`);
  });

  it("refuses every address that is not an extension's, on the page and on the form, without making a code", async () => {
    const bad = [
      "http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
      "https://evil.nl/",
      "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.nl/",
      "https://evil.nl/abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
      "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org@evil.nl/",
      "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:x@evil.nl/",
      "https://user@abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
      "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:8443/",
      "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/#fragment",
      "https://abcdefghijklmnopqrstuvwxyzabcdef.chromiumapp.org/",
      "https://abc.chromiumapp.org/",
      "https://chromiumapp.org/",
      "https://evil.extensions.allizom.org/",
      "//abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
      "/auth/device",
      "javascript:alert(1)",
      "",
    ];
    const before = deviceCodesInDatabase().length;
    for (const redirectUri of bad) {
      const page = await browserRequest(devicePath(redirectUri), { session: anna });
      expect([redirectUri, page.status, page.headers.get("location")]).toEqual([redirectUri, 400, null]);
      expect(await page.text()).toContain("<h1>Deze aanmeldlink klopt niet</h1>");
      const posted = await confirm(anna, { redirect_uri: redirectUri });
      expect([redirectUri, posted.status, posted.headers.get("location")]).toEqual([redirectUri, 400, null]);
    }
    for (const state of ["", "a b", "x".repeat(201), "<script>"]) {
      const page = await browserRequest(devicePath(CHROME_REDIRECT, state), { session: anna });
      expect([state, page.status]).toEqual([state, 400]);
      const posted = await confirm(anna, { state });
      expect([state, posted.status, posted.headers.get("location")]).toEqual([state, 400, null]);
    }
    const missing = await browserRequest("/auth/device", { session: anna });
    expect(missing.status).toBe(400);
    // A program rather than a browser gets the contract's error instead of a page.
    const program = await server.api("GET", devicePath("https://evil.nl/"));
    expect(program.status).toBe(400);
    expect(program.body.error.code).toBe("invalid_device_request");
    expect(deviceCodesInDatabase().length).toBe(before);
  });
});

describe("the one-time code", () => {
  it("gives a working bearer token once, as a password sign-in does; a second exchange is refused", async () => {
    const code = await codeFor(anna);
    expect(code).toMatch(/^kpc_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    expect(deviceCodesInDatabase().some((row) => row.codeHash === code)).toBe(false);
    expect(deviceCodesInDatabase().filter((row) => row.userId === net.people.anna.id).length).toBe(1);

    const first = await exchange(code, "Chrome op Linux");
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(["token", "user"]);
    expect(first.body.user).toEqual({ id: net.people.anna.id, name: "Test anna", email: "anna@test.knooppunt.nl", roles: [] });
    expect(first.body.token).toMatch(/^kp_/);
    const me = await server.api("GET", "/api/v1/me", { token: first.body.token });
    expect(me.status).toBe(200);
    expect(me.body.schools).toEqual([{ id: net.schoolA.id, name: "De Regenboog", role: "member" }]);
    const tokens = await server.api("GET", "/api/v1/tokens", { token: first.body.token });
    expect(tokens.body.tokens.find((t: { current: boolean }) => t.current)).toMatchObject({ name: "Chrome op Linux", kind: "login" });
    expect(deviceCodesInDatabase().filter((row) => row.userId === net.people.anna.id)).toEqual([]);

    const second = await exchange(code);
    expect(second.status).toBe(401);
    expect(second.body).toEqual({ error: { code: "unauthenticated", message: "This sign-in code is unknown, used or expired; sign in again from the extension." } });
  });

  it("works from Firefox's redirect address too", async () => {
    const code = await codeFor(anna, FIREFOX_REDIRECT);
    expect((await exchange(code)).status).toBe(200);
  });

  it("expires after two minutes", async () => {
    const stale = await codeFor(anna);
    const fresh = await codeFor(anna);
    server.clock.advance(2 * 60_000 - 1);
    expect((await exchange(fresh)).status).toBe(200);
    server.clock.advance(1);
    const late = await exchange(stale);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("unauthenticated");
  });

  it("refuses an unknown code and malformed bodies with the contract's errors", async () => {
    const unknown = await exchange("kpc_bestaat-niet");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: { code: "unauthenticated", message: "This sign-in code is unknown, used or expired; sign in again from the extension." } });
    const empty = await server.api("POST", "/api/v1/auth/code", { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("invalid_request");
    const tooLong = await server.api("POST", "/api/v1/auth/code", { body: { code: "x".repeat(201) } });
    expect(tooLong.status).toBe(400);
  });

  it("is refused for a person disabled after the code was made", async () => {
    const bram = openTestWebSession(server, net.people.bram.id);
    const code = await codeFor(bram);
    const disabled = await server.api("PATCH", `/api/v1/admin/users/${net.people.bram.id}`, { token: server.adminToken, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect((await exchange(code)).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("counts code exchanges per address against the sign-in limit", async () => {
    const limited = await startTestServer({ loginLimits: { perEmail: 5, perAddress: 3, windowMs: 15 * 60_000 } });
    try {
      // The test server's own admin sign-in used one attempt of this address.
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.api("POST", "/api/v1/auth/code", { body: { code: `kpc_nope-${i}` } })).status);
      expect(statuses).toEqual([401, 401, 429]);
      const blocked = await limited.api("POST", "/api/v1/auth/code", { body: { code: "kpc_nope" } });
      expect(blocked.body.error.code).toBe("rate_limited");
      expect(blocked.headers.get("retry-after")).toBe("900");
    } finally {
      await limited.stop();
    }
  });
});
