import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfTokenFor } from "../../server/services/accounts/web-sessions";
import { CookieJar, signInAtProvider, unusedAddress } from "../support/oidc-provider";
import { addSchool, census, flowCount, meWithCookie, signInOverHttp, startSchoolAccountWorld, type SchoolAccountWorld } from "../support/school-accounts";

let world: SchoolAccountWorld;
let downIssuer: string;
let schoolId: string;

const entreeTeacher = (login: string) => ({ login, claims: { givenName: login, sn: "Docent", eduPersonAffiliation: "employee", nlEduPersonHomeOrganizationId: "30XY" } });

beforeAll(async () => {
  downIssuer = await unusedAddress();
  world = await startSchoolAccountWorld(
    [
      { id: "entree", family: "entree", accounts: ["anouk", "bas", "cor", "dirk", "eef", "fien", "gijs", "hans", "ilse"].map(entreeTeacher) },
      { id: "fragile", family: "entree", accounts: [entreeTeacher("jet")] },
      { id: "google", family: "google", accounts: [{ login: "g-anouk", claims: { name: "Anouk G", email: "anouk@school.example", email_verified: true, hd: "school.example" } }] },
    ],
    [{ id: "down", family: "surfconext", issuer: downIssuer, clientId: "knooppunt", clientSecret: "geheim", unmatched: "network" }],
  );
  schoolId = addSchool(world.server, "Het Baken", { brinCodes: ["30XY"], googleDomains: ["school.example"] });
}, 60_000);

afterAll(() => world?.stop());

/** The session's CSRF token, as a page of this site would put it in its forms. */
const csrfOf = (jar: CookieJar) => csrfTokenFor(jar.get(world.server.url, "kp_session")!);

const start = (provider: string, query = "") => `${world.server.url}/auth/oidc/${provider}/start${query}`;

describe("signing in again", () => {
  it("finds the same person by issuer and subject, opens a new session and adds no second account", async () => {
    const first = await signInOverHttp(world.server, "entree", "anouk");
    const before = census(world.server);
    const second = await signInOverHttp(world.server, "entree", "anouk");
    expect(second.response.status).toBe(303);
    expect(second.session).not.toBe(first.session);
    const a = await meWithCookie(world.server, first.jar);
    const b = await meWithCookie(world.server, second.jar);
    expect(b.body.user.id).toBe(a.body.user.id);
    expect(census(world.server)).toEqual({ ...before, tokens: before.tokens + 1 });
  });

  it("a school the claims name that the person lacks is added at the next sign-in; the old one stays", async () => {
    world.providers.entree!.addAccount({ login: "verhuisd", claims: { givenName: "Vera", eduPersonAffiliation: "employee", nlEduPersonHomeOrganizationId: "30XY" } });
    const { jar } = await signInOverHttp(world.server, "entree", "verhuisd");
    const other = addSchool(world.server, "De Nieuwe School", { brinCodes: ["41QQ"] });
    world.providers.entree!.addAccount({ login: "verhuisd", claims: { givenName: "Vera", eduPersonAffiliation: "employee", nlEduPersonHomeOrganizationId: "41QQ" } });
    await signInOverHttp(world.server, "entree", "verhuisd", jar);
    const me = await meWithCookie(world.server, jar);
    expect(me.body.schools.map((s: any) => s.id).sort()).toEqual([schoolId, other].sort());
    expect(me.body.identities[0].organisation).toBe("41QQ");
  });
});

describe("linking a second school account", () => {
  it("adds the Google account to the signed-in Entree person; signing in with either finds them", async () => {
    const entree = await signInOverHttp(world.server, "entree", "bas");
    const me = await meWithCookie(world.server, entree.jar);
    const csrf = csrfOf(entree.jar);
    const linkStart = await signInAtProvider(entree.jar, `${world.server.url}/auth/oidc/google/link`, "g-anouk", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: world.server.url },
      body: new URLSearchParams({ _csrf: csrf, returnTo: "/privacy" }).toString(),
    });
    const linked = await entree.jar.fetch(linkStart);
    expect(linked.status).toBe(303);
    expect(linked.headers.get("Location")).toBe("/privacy");
    const after = await meWithCookie(world.server, entree.jar);
    expect(after.body.identities.map((i: any) => i.provider)).toEqual(["entree", "google"]);
    const viaGoogle = await signInOverHttp(world.server, "google", "g-anouk");
    expect((await meWithCookie(world.server, viaGoogle.jar)).body.user.id).toBe(me.body.user.id);

    // The same Google account cannot be linked to someone else.
    const other = await signInOverHttp(world.server, "entree", "cor");
    const otherCsrf = csrfOf(other.jar);
    const before = census(world.server);
    const stolen = await signInAtProvider(other.jar, `${world.server.url}/auth/oidc/google/link`, "g-anouk", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: otherCsrf }).toString(),
    });
    const refused = await other.jar.fetch(stolen);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('data-problem="identity_taken"');
    expect(census(world.server)).toEqual(before);
  });

  it("needs the CSRF token: a link started without it is refused and no flow is stored", async () => {
    const { jar } = await signInOverHttp(world.server, "entree", "dirk");
    const flows = flowCount(world.server);
    const forged = await jar.fetch(`${world.server.url}/auth/oidc/google/link`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://elders.example" }, body: "returnTo=%2F" });
    expect(forged.status).toBe(403);
    expect(flowCount(world.server)).toBe(flows);
  });
});

describe("removing a school account", () => {
  it("removes one of two; refuses the last way in with 409 last_sign_in_method", async () => {
    const { jar } = await signInOverHttp(world.server, "entree", "bas");
    const me = await meWithCookie(world.server, jar);
    const [entreeId, googleId] = me.body.identities.map((i: any) => i.id);
    const csrf = csrfOf(jar);
    const removed = await jar.fetch(`${world.server.url}/api/v1/me/identities/${googleId}`, { method: "DELETE", headers: { "X-CSRF-Token": csrf } });
    expect(removed.status).toBe(204);
    const last = await jar.fetch(`${world.server.url}/api/v1/me/identities/${entreeId}`, { method: "DELETE", headers: { "X-CSRF-Token": csrf } });
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe("last_sign_in_method");
    const unknown = await jar.fetch(`${world.server.url}/api/v1/me/identities/${googleId}`, { method: "DELETE", headers: { "X-CSRF-Token": csrf } });
    expect(unknown.status).toBe(404);
    expect((await meWithCookie(world.server, jar)).body.identities.map((i: any) => i.id)).toEqual([entreeId]);
  });
});

describe("refusals: a clear page, no session, nothing created", () => {
  it("a disabled person is refused", async () => {
    const { jar } = await signInOverHttp(world.server, "entree", "eef");
    const id = (await meWithCookie(world.server, jar)).body.user.id;
    const disabled = await world.server.api("PATCH", `/api/v1/admin/users/${id}`, { token: world.server.adminToken, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    const before = census(world.server);
    const again = await signInOverHttp(world.server, "entree", "eef");
    expect(again.response.status).toBe(403);
    expect(again.body).toContain('data-problem="account_disabled"');
    expect(again.session).toBe(undefined);
    expect(census(world.server)).toEqual(before);
  });

  it("a provider that is down gives a 503 page at the start, and nothing is stored", async () => {
    const before = census(world.server);
    const flows = flowCount(world.server);
    const response = await fetch(start("down", "?lang=en"), { redirect: "manual" });
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain('data-problem="provider_unavailable"');
    expect(body).toContain("SURFconext is not answering");
    expect(census(world.server)).toEqual(before);
    expect(flowCount(world.server)).toBe(flows);
  });

  it("a provider that goes down while the person is there gives a 503 page at the callback, and nothing is created", async () => {
    const jar = new CookieJar();
    const callback = await signInAtProvider(jar, start("fragile"), "jet");
    await world.providers.fragile!.close();
    const before = census(world.server);
    const response = await jar.fetch(callback);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('data-problem="provider_unavailable"');
    expect(jar.get(world.server.url, "kp_session")).toBe(undefined);
    expect(census(world.server)).toEqual(before);
  });

  it("an unknown provider is a 404 page", async () => {
    const response = await fetch(start("nergens"), { redirect: "manual", headers: { "Accept-Language": "nl" } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Deze inlogmanier bestaat niet");
  });

  it("a tampered state finds no flow", async () => {
    const jar = new CookieJar();
    const callback = new URL(await signInAtProvider(jar, start("entree"), "fien"));
    const before = census(world.server);
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const response = await jar.fetch(callback.href);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-problem="flow_not_found"');
    expect(census(world.server)).toEqual(before);
  });

  it("an answer carrying another flow's state fails that flow's PKCE check at the provider", async () => {
    const jarA = new CookieJar();
    const jarB = new CookieJar();
    const a = new URL(await signInAtProvider(jarA, start("entree"), "gijs"));
    const b = new URL(await signInAtProvider(jarB, start("entree"), "gijs"));
    a.searchParams.set("state", b.searchParams.get("state")!);
    const before = census(world.server);
    const response = await jarA.fetch(a.href);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-problem="answer_rejected"');
    expect(census(world.server)).toEqual(before);
  });

  it("an ID token with another nonce than the flow's is refused", async () => {
    world.providers.entree!.tamper.nonce = "a-nonce-this-flow-never-sent";
    try {
      const before = census(world.server);
      const { response, body, session } = await signInOverHttp(world.server, "entree", "hans");
      expect(response.status).toBe(400);
      expect(body).toContain('data-problem="answer_rejected"');
      expect(session).toBe(undefined);
      expect(census(world.server)).toEqual(before);
    } finally {
      delete world.providers.entree!.tamper.nonce;
    }
  });

  it("an answer that comes back after the flow's ten minutes is refused", async () => {
    world.providers.entree!.addAccount(entreeTeacher("traag"));
    const jar = new CookieJar();
    const callback = await signInAtProvider(jar, start("entree"), "traag");
    const before = census(world.server);
    world.server.clock.advance(10 * 60_000 + 1);
    const response = await jar.fetch(callback);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-problem="flow_not_found"');
    expect(census(world.server)).toEqual(before);
  });

  it("linking without a session is refused with a page, and no flow is stored", async () => {
    const flows = flowCount(world.server);
    const response = await fetch(`${world.server.url}/auth/oidc/google/link`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "returnTo=%2F" });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('data-problem="not_signed_in"');
    expect(flowCount(world.server)).toBe(flows);
  });

  it("a replayed callback finds nothing: the flow was used once", async () => {
    const first = await signInOverHttp(world.server, "entree", "ilse");
    expect(first.response.status).toBe(303);
    const before = census(world.server);
    const replay = await new CookieJar().fetch(first.callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('data-problem="flow_not_found"');
    expect(census(world.server)).toEqual(before);
  });

  for (const [what, tamper] of [
    ["another issuer", { issuer: "http://127.0.0.1:1/someone-else" }],
    ["another audience", { audience: "some-other-client" }],
  ] as const) {
    it(`an ID token from ${what}, validly signed, is refused`, async () => {
      Object.assign(world.providers.entree!.tamper, tamper);
      try {
        world.providers.entree!.addAccount(entreeTeacher("nieuw-" + what.replace(/\\s/g, "-")));
        const before = census(world.server);
        const { response, body, session } = await signInOverHttp(world.server, "entree", "nieuw-" + what.replace(/\\s/g, "-"));
        expect(response.status).toBe(400);
        expect(body).toContain('data-problem="answer_rejected"');
        expect(session).toBe(undefined);
        expect(census(world.server)).toEqual(before);
      } finally {
        delete world.providers.entree!.tamper.issuer;
        delete world.providers.entree!.tamper.audience;
      }
    });
  }

  it("returnTo sends the person only to a path on this site", async () => {
    for (const [given, expected] of [["//elders.example/x", "/"], ["/\\\\elders.example", "/"], ["https://elders.example/", "/"], ["/privacy?lang=en", "/privacy?lang=en"]] as const) {
      const { response } = await signInOverHttp(world.server, "entree", "anouk", new CookieJar(), given);
      expect(response.headers.get("Location")).toBe(expected);
    }
  });
});
