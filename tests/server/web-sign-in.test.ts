import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertIdentity } from "../../server/db/repositories/sign-in/identities";
import { openTestWebSession } from "../support/web-session";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer({
    signInProviders: [
      { id: "entree", family: "entree", issuer: "https://entree.example", clientId: "knooppunt", clientSecret: "geheim", unmatched: "network" },
      { id: "pabo", family: "surfconext", label: { nl: "Inloggen via de pabo", en: "Sign in through the pabo" }, issuer: "https://surf.example", clientId: "k", clientSecret: "g", unmatched: "refuse" },
    ],
  });
  net = await buildNetwork(server);
});
afterAll(() => server?.stop());

const FORM = "application/x-www-form-urlencoded";

/** A browser's form post: a page is asked for, redirects are not followed. */
function postForm(target: TestServer, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${target.url}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": FORM, Accept: "text/html", ...headers }, body: new URLSearchParams(fields).toString() });
}

const getPage = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { redirect: "manual", headers: { Accept: "text/html", ...headers } });

/** The session cookie the answer set, as `name=value` for the next request's Cookie header. */
function sessionCookie(res: Response): { pair: string; line: string } {
  const line = res.headers.getSetCookie().find((l) => /^(__Host-)?kp_session=/.test(l));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return { pair: line.split(";")[0]!, line };
}

const whoAmI = async (cookie: string) => {
  const res = await server.api("GET", "/api/v1/me", { headers: { Cookie: cookie } });
  return res.status === 200 ? (res.body.user.email as string) : res.status;
};

async function signIn(email: string, password: string, next?: string) {
  const res = await postForm(server, "/login", { email, password, ...(next ? { next } : {}) });
  expect(res.status).toBe(303);
  return { res, cookie: sessionCookie(res).pair };
}

describe("signing in on /login with a password", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie (not Secure over http) and sends the person on to next", async () => {
    const anna = net.people.anna;
    const { res, cookie } = await signIn(anna.email, anna.password, "/b/een-bundel?lang=en");
    expect(res.headers.get("Location")).toBe("/b/een-bundel?lang=en");
    const { line } = sessionCookie(res);
    expect(line).toMatch(/^kp_session=kp_[\w-]+; Max-Age=1209600; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(await whoAmI(cookie)).toBe(anna.email);
  });

  it("marks the cookie Secure with the __Host- prefix when PUBLIC_URL is https", async () => {
    const secure = await startTestServer({ publicUrl: "https://knooppunt.example.nl" });
    try {
      const res = await postForm(secure, "/login", { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" }, { Origin: "https://knooppunt.example.nl" });
      expect(res.status).toBe(303);
      expect(sessionCookie(res).line).toMatch(/^__Host-kp_session=kp_[\w-]+; Max-Age=1209600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    } finally {
      await secure.stop();
    }
  });

  it("rotates the session: a cookie planted before sign-in opens nothing afterwards", async () => {
    const planted = openTestWebSession(server, net.people.bram.id);
    expect(await whoAmI(planted.cookie)).toBe(net.people.bram.email);
    const res = await postForm(server, "/login", { email: net.people.bram.email, password: net.people.bram.password }, { Cookie: planted.cookie });
    const fresh = sessionCookie(res).pair;
    expect(fresh).not.toBe(planted.cookie);
    expect(await whoAmI(planted.cookie)).toBe(401);
    expect(await whoAmI(fresh)).toBe(net.people.bram.email);
  });

  it("shows the page again with a clear message and the e-mail kept for a wrong password or an unknown address, and sets no cookie", async () => {
    for (const [email, lang, sentence] of [
      [net.people.chris.email, "nl", "Dit e-mailadres en wachtwoord horen niet bij elkaar."],
      ["niemand@test.knooppunt.nl", "en", "This e-mail address and password do not match."],
    ] as const) {
      const res = await postForm(server, `/login?lang=${lang}`, { email, password: "niet-het-wachtwoord" });
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie()).toEqual([]);
      const page = await res.text();
      expect(page).toContain(sentence);
      expect(page).toContain(`value="${email}"`);
      expect(page).toContain(`<html lang="${lang}">`);
    }
  });

  it("answers with 429 and a wait after too many attempts for one e-mail address, like the API's login", async () => {
    const limited = await startTestServer({ loginLimits: { perEmail: 3, perAddress: 1000, windowMs: 60_000 } });
    try {
      const attempt = () => postForm(limited, "/login?lang=nl", { email: "beheer@test.knooppunt.nl", password: "fout-fout-fout" });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const refused = await attempt();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("60");
      expect(await refused.text()).toContain("Te veel pogingen. Wacht 1 minuten");
      // The right password is refused too while the limit holds.
      const right = await postForm(limited, "/login", { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" });
      expect(right.status).toBe(429);
      // The API's login shares the budget.
      expect((await limited.api("POST", "/api/v1/auth/login", { body: { email: "beheer@test.knooppunt.nl", password: "beheer-wachtwoord-1" } })).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it("refuses a sign-in form posted from another site (login CSRF) and sets no cookie", async () => {
    const anna = net.people.anna;
    const crossSite: Record<string, string>[] = [{ "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site" }, { Origin: "http://evil.example" }];
    for (const headers of crossSite) {
      const res = await postForm(server, "/login", { email: anna.email, password: anna.password }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const sameOrigin = await postForm(server, "/login", { email: anna.email, password: anna.password }, { "Sec-Fetch-Site": "same-origin", Origin: server.url });
    expect(sameOrigin.status).toBe(303);
    // Under the pages' Referrer-Policy: no-referrer, Chromium sends its own form posts with Origin: null.
    const nullOrigin = await postForm(server, "/login", { email: anna.email, password: anna.password }, { "Sec-Fetch-Site": "same-origin", Origin: "null" });
    expect(nullOrigin.status).toBe(303);
  });

  it("goes only to a path on this site after sign-in, else to /me", async () => {
    const anna = net.people.anna;
    const cases: [string, string][] = [
      ["//evil.example/steal", "/me"],
      ["/\\evil.example", "/me"],
      ["https://evil.example/", "/me"],
      ["javascript:alert(1)", "/me"],
      ["/me\r\nSet-Cookie: x=y", "/me"],
      ["/t/nt2?lang=en", "/t/nt2?lang=en"],
    ];
    for (const [next, expected] of cases) {
      const res = await postForm(server, "/login", { email: anna.email, password: anna.password, next });
      expect(res.headers.get("Location"), next).toBe(expected);
    }
    const page = await (await getPage(`/login?next=${encodeURIComponent("//evil.example")}`)).text();
    expect(page).toContain('name="next" value="/me"');
  });

  it("offers each configured school-account provider as a button that carries next, in nl and en", async () => {
    const nl = await (await getPage("/login?next=%2Ft%2Fnt2", { "Accept-Language": "nl-NL,nl;q=0.9" })).text();
    expect(nl).toContain('<a href="/auth/oidc/entree/start?returnTo=%2Ft%2Fnt2">Inloggen met Entree</a>');
    expect(nl).toContain('<a href="/auth/oidc/pabo/start?returnTo=%2Ft%2Fnt2">Inloggen via de pabo</a>');
    const en = await getPage("/login?lang=en");
    expect(en.headers.get("Cache-Control")).toBe("private, no-store");
    expect(en.headers.get("Content-Security-Policy")).toContain("form-action 'self'");
    const text = await en.text();
    expect(text).toContain('<a href="/auth/oidc/entree/start?returnTo=%2Fme">Sign in with Entree</a>');
    expect(text).toContain("Sign in through the pabo");
  });

  it("shows a signed-in person who they are and a sign-out button instead of the form", async () => {
    const session = openTestWebSession(server, net.people.chris.id);
    const page = await (await getPage("/login?lang=en", { Cookie: session.cookie })).text();
    expect(page).toContain("You are signed in as Test chris.");
    expect(page).toContain(`<input type="hidden" name="_csrf" value="${session.csrfToken}"/>`);
    expect(page).not.toContain('name="password"');
  });
});

describe("signing out and expiry", () => {
  it("ends the session on the server at sign-out and clears the cookie", async () => {
    const { cookie } = await signIn(net.people.eva.email, net.people.eva.password);
    const page = await (await getPage("/me", { Cookie: cookie })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await postForm(server, "/logout", { _csrf: csrf }, { Cookie: cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/login?notice=signed-out&lang=nl");
    expect(res.headers.getSetCookie()[0]).toMatch(/^kp_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
    // A copy of the cookie kept elsewhere opens nothing either.
    expect(await whoAmI(cookie)).toBe(401);
  });

  it("treats a session as anonymous once its 14 days are over", async () => {
    const { cookie } = await signIn(net.people.dewi.email, net.people.dewi.password);
    expect(await whoAmI(cookie)).toBe(net.people.dewi.email);
    server.clock.advance(15 * 86_400_000);
    try {
      expect(await whoAmI(cookie)).toBe(401);
      const me = await getPage("/me", { Cookie: cookie });
      expect(me.status).toBe(303);
      expect(me.headers.get("Location")).toBe("/login?next=%2Fme");
    } finally {
      server.clock.advance(-15 * 86_400_000);
    }
  });
});

describe("CSRF on writes made with the cookie", () => {
  it("refuses ending a session through the API without the token, with a wrong one, or from a foreign origin, and changes nothing", async () => {
    const anna = openTestWebSession(server, net.people.anna.id);
    const other = openTestWebSession(server, net.people.anna.id, "Firefox (Windows)");
    const del = (headers: Record<string, string>) => server.api("DELETE", `/api/v1/me/sessions/${other.sessionId}`, { headers: { Cookie: anna.cookie, ...headers } });
    const attempts: Record<string, string>[] = [{}, { "X-CSRF-Token": "verkeerd" }, { "X-CSRF-Token": other.csrfToken }, { "X-CSRF-Token": anna.csrfToken, Origin: "http://localhost:1" }, { "X-CSRF-Token": anna.csrfToken, "Sec-Fetch-Site": "cross-site" }];
    for (const headers of attempts) {
      const res = await del(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("csrf_failed");
    }
    expect(await whoAmI(other.cookie)).toBe(net.people.anna.email);
    expect((await del({ "X-CSRF-Token": anna.csrfToken })).status).toBe(204);
    expect(await whoAmI(other.cookie)).toBe(401);
  });

  it("refuses sign-out and ending a session by form without the token or from another site, and changes nothing", async () => {
    const bram = openTestWebSession(server, net.people.bram.id);
    const victim = openTestWebSession(server, net.people.bram.id, "Edge (Windows)");
    const attempts: [string, Record<string, string>, Record<string, string>][] = [
      ["/logout", {}, { Cookie: bram.cookie }],
      ["/logout", { _csrf: "verkeerd" }, { Cookie: bram.cookie }],
      ["/logout", { _csrf: bram.csrfToken }, { Cookie: bram.cookie, Origin: "http://localhost:9" }],
      ["/logout", {}, { "Sec-Fetch-Site": "cross-site" }],
      [`/me/sessions/${victim.sessionId}/end`, {}, { Cookie: bram.cookie }],
      [`/me/sessions/${victim.sessionId}/end`, { _csrf: bram.csrfToken }, { Cookie: bram.cookie, "Sec-Fetch-Site": "cross-site" }],
    ];
    for (const [path, fields, headers] of attempts) {
      const res = await postForm(server, path, fields, headers);
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(await res.text()).toContain("Dit formulier is verlopen of kwam van een andere website.");
    }
    expect(await whoAmI(bram.cookie)).toBe(net.people.bram.email);
    expect(await whoAmI(victim.cookie)).toBe(net.people.bram.email);
    const ended = await postForm(server, `/me/sessions/${victim.sessionId}/end`, { _csrf: bram.csrfToken }, { Cookie: bram.cookie });
    expect(ended.status).toBe(303);
    expect(ended.headers.get("Location")).toBe("/me?notice=session-ended&lang=nl");
    expect(await whoAmI(victim.cookie)).toBe(401);
    expect(await whoAmI(bram.cookie)).toBe(net.people.bram.email);
  });
});

describe("a person's sessions and devices", () => {
  it("lists browser sessions, devices and API tokens with the current one marked, and ends one of them", async () => {
    const created = await startTestServer();
    try {
      const admin = await created.api("POST", "/api/v1/admin/users", { token: created.adminToken, body: { name: "Fenna", email: "fenna@test.knooppunt.nl", password: "wachtwoord-fenna-1" } });
      const id = admin.body.user.id as string;
      const device = (await created.api("POST", "/api/v1/auth/login", { body: { email: "fenna@test.knooppunt.nl", password: "wachtwoord-fenna-1", deviceName: "Knooppunt-extensie" } })).body.token as string;
      const apiToken = (await created.api("POST", "/api/v1/tokens", { token: device, body: { name: "Rooster-script" } })).body.token.id as string;
      const browser = openTestWebSession(created, id, "Chrome (Linux)");
      const list = await created.api("GET", "/api/v1/me/sessions", { headers: { Cookie: browser.cookie } });
      expect(list.status).toBe(200);
      const at = "2026-11-24T09:00:00.000Z";
      expect(list.body.sessions.map((s: any) => ({ ...s, id: s.id === apiToken || s.id === browser.sessionId ? s.id : "device" }))).toEqual([
        { id: "device", kind: "login", name: "Knooppunt-extensie", createdAt: at, lastUsedAt: at, expiresAt: null, current: false },
        { id: apiToken, kind: "api", name: "Rooster-script", createdAt: at, lastUsedAt: null, expiresAt: null, current: false },
        { id: browser.sessionId, kind: "web", name: "Chrome (Linux)", createdAt: at, lastUsedAt: at, expiresAt: "2026-12-08T09:00:00.000Z", current: true },
      ]);
      // Someone else's session is not found, whatever its id.
      expect((await created.api("DELETE", `/api/v1/me/sessions/${browser.sessionId}`, { token: created.adminToken })).status).toBe(404);
      expect((await created.api("DELETE", `/api/v1/me/sessions/${apiToken}`, { token: device })).status).toBe(204);
      const after = await created.api("GET", "/api/v1/me/sessions", { token: device });
      expect(after.body.sessions.map((s: any) => [s.kind, s.current])).toEqual([["login", true], ["web", false]]);
    } finally {
      await created.stop();
    }
  });

  it("shows the person on /me where they are placed, their sessions with an end button each, and export links", async () => {
    const anna = openTestWebSession(server, net.people.anna.id, "Safari (macOS)");
    const res = await getPage("/me?lang=en", { Cookie: anna.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Vary")).toBe("Cookie, Accept-Language");
    const page = await res.text();
    expect(page).toContain("De Regenboog <span class=\"muted\">(member)</span>");
    expect(page).toContain("PLG Meertaligheid <span class=\"muted\">(member)</span>");
    expect(page).toContain(`action="/me/sessions/${anna.sessionId}/end?lang=en"`);
    expect(page).toContain('<a href="/api/v1/me/export?format=csv">');
    expect(page).toContain('action="/auth/oidc/entree/link"');
    expect(page).toContain("Link another school account: Entree");
    expect(page).toContain('name="currentPassword"');
  });

  it("lists the person's linked school accounts on /me with the provider's name, organisation and e-mail", async () => {
    const at = server.clock.now().toISOString();
    insertIdentity(server.ctx, { id: "identity-entree-chris", userId: net.people.chris.id, provider: "entree", issuer: "https://entree.example", subject: "pseudo-8f2c", email: null, organisation: "12AB", createdAt: at, lastUsedAt: at });
    insertIdentity(server.ctx, { id: "identity-pabo-chris", userId: net.people.chris.id, provider: "pabo", issuer: "https://surf.example", subject: "s-77", email: "c.student@pabo.example.nl", organisation: "pabo.example.nl", createdAt: at, lastUsedAt: null });
    const chris = openTestWebSession(server, net.people.chris.id);
    const page = await (await getPage("/me?lang=nl", { Cookie: chris.cookie })).text();
    expect(page).toContain("<li>Entree · 12AB <span class=\"muted\">(laatst gebruikt 24 nov 2026, 10:00)</span></li>");
    expect(page).toContain("<li>de pabo · pabo.example.nl · c.student@pabo.example.nl <span class=\"muted\">(gekoppeld 24 nov 2026, 10:00)</span></li>");
    // Another person's page shows none of them.
    const eva = openTestWebSession(server, net.people.eva.id);
    expect(await (await getPage("/me?lang=nl", { Cookie: eva.cookie })).text()).toContain("Je hebt nog geen schoolaccount gekoppeld.");
  });

  it("sends a signed-out browser from /me to /login?next=/me", async () => {
    const res = await getPage("/me");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/login?next=%2Fme");
  });
});

describe("network bundle pages with a session", () => {
  it("open for their broker and for members signed in with the cookie, vary on Cookie, are not cached, and 404 signed out", async () => {
    const item = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.example.nl/netwerk-bron", title: "Netwerkbron", visibility: "network" } });
    const draft = (await server.api("POST", "/api/v1/bundles", { token: net.people.dewi.token, body: { title: "Voor het netwerk", about: "Over", use: "Gebruik", themes: ["nt2"], audience: "network" } })).body.bundle;
    await server.api("PUT", `/api/v1/bundles/${draft.id}/items`, { token: net.people.dewi.token, body: { version: draft.version, items: [{ itemId: item.body.item.id, note: "Lees" }] } });
    const slug = (await server.api("POST", `/api/v1/bundles/${draft.id}/publish`, { token: net.people.dewi.token })).body.bundle.slug;
    for (const who of [net.people.dewi, net.people.chris]) {
      const session = openTestWebSession(server, who.id);
      const res = await getPage(`/b/${slug}`, { Cookie: session.cookie });
      expect(res.status, who.email).toBe(200);
      expect(res.headers.get("Vary")).toBe("Accept-Language, Authorization, Cookie");
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
      expect(await res.text()).toContain("Voor het netwerk");
    }
    const anonymous = await getPage(`/b/${slug}`);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("Cache-Control")).toBe("no-store");
  });
});
