import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "../support/oidc-provider";
import { addBestuur, addInstitute, addSchool, census, meWithCookie, signInOverHttp, startSchoolAccountWorld, type SchoolAccountWorld } from "../support/school-accounts";

const TENANT = "4f1c0d2e-7a41-4b8e-9c55-0e6b1d2a3f10";
const OTHER_TENANT = "9a8b7c6d-1111-4222-8333-944455566677";

let world: SchoolAccountWorld;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await startSchoolAccountWorld([
    {
      id: "entree",
      family: "entree",
      accounts: [
        { login: "entree-juf-sanne", claims: { uid: "entree-juf-sanne", givenName: "Sanne", sn: "de Vries", eduPersonAffiliation: ["employee"], nlEduPersonHomeOrganizationId: "12ab", nlEduPersonHomeOrganization: "De Regenboog" } },
        { login: "entree-meester-ali", claims: { givenName: "Ali", sn: "Yilmaz", eduPersonAffiliation: "staff", nlEduPersonHomeOrganizationId: "99ZZ" } },
        { login: "entree-leerling", claims: { givenName: "Tim", eduPersonAffiliation: ["student"], nlEduPersonHomeOrganizationId: "12AB" } },
      ],
    },
    {
      id: "surf",
      family: "surfconext",
      accounts: [{ login: "surf-docent", claims: { name: "Petra Jansen", email: "P.Jansen@pabo.example.nl", email_verified: true, schac_home_organization: "pabo.example.nl", eduperson_affiliation: ["employee"] } }],
    },
    {
      id: "microsoft",
      family: "entra",
      accounts: [
        { login: "entra-pairwise-1", claims: { oid: "oid-karin", tid: TENANT, name: "Karin Bos", preferred_username: "k.bos@kempenland.nl", email: "k.bos@kempenland.nl" } },
        { login: "entra-pairwise-2", claims: { oid: "oid-joost", tid: OTHER_TENANT, name: "Joost Smit", email: "joost@elders.nl" } },
      ],
    },
    {
      id: "google",
      family: "google",
      accounts: [
        { login: "google-1001", claims: { name: "Lotte Visser", email: "lotte@montessori-noord.nl", email_verified: true, hd: "montessori-noord.nl" } },
        { login: "google-1002", claims: { name: "Gmail Gebruiker", email: "iemand@gmail.com", email_verified: true } },
      ],
    },
    { id: "entree-strict", family: "entree", settings: { unmatched: "refuse" }, accounts: [{ login: "entree-onbekend", claims: { givenName: "Onbekend", eduPersonAffiliation: "employee", nlEduPersonHomeOrganizationId: "77QQ" } }] },
  ]);
  const { server } = world;
  ids.regenboog = addSchool(server, "De Regenboog", { brinCodes: ["12AB00"] });
  ids.pabo = addInstitute(server, "Pabo Voorbeeld", ["pabo.example.nl"]);
  const kempenland = addBestuur(server, "Stichting Kempenland", { entraTenants: [TENANT] });
  ids.kempen1 = addSchool(server, "Kempenschool Oost", { bestuurId: kempenland });
  ids.kempen2 = addSchool(server, "Kempenschool West", { bestuurId: kempenland });
  ids.montessori = addSchool(server, "Montessori Noord", { googleDomains: ["montessori-noord.nl"] });
}, 60_000);

afterAll(() => world?.stop());

describe("a first sign-in with a school account", () => {
  it("Entree: makes the person from givenName and sn, without e-mail, in the school whose BRIN code has the claim's four characters", async () => {
    const before = census(world.server);
    const { response, session, jar } = await signInOverHttp(world.server, "entree", "entree-juf-sanne", new CookieJar(), "/privacy");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/privacy");
    expect(session).toMatch(/^kp_/);
    const me = await meWithCookie(world.server, jar);
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ id: me.body.user.id, name: "Sanne de Vries", email: null, roles: [] });
    expect(me.body.schools).toEqual([{ id: ids.regenboog, name: "De Regenboog", role: "member" }]);
    expect(me.body.identities).toEqual([
      { id: me.body.identities[0].id, provider: "entree", family: "entree", email: null, organisation: "12AB", createdAt: me.body.identities[0].createdAt, lastUsedAt: me.body.identities[0].lastUsedAt },
    ]);
    const after = census(world.server);
    expect(after).toEqual({ users: before.users + 1, identities: before.identities + 1, tokens: before.tokens + 1, schoolMembers: before.schoolMembers + 1 });
  });

  it("SURFconext: makes the person with the e-mail address SURFconext vouches for, in the institute of the home organisation", async () => {
    const { response, jar } = await signInOverHttp(world.server, "surf", "surf-docent");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/");
    const me = await meWithCookie(world.server, jar);
    expect(me.body.user.name).toBe("Petra Jansen");
    expect(me.body.user.email).toBe("p.jansen@pabo.example.nl");
    expect(me.body.schools).toEqual([]);
    expect(me.body.institutes).toEqual([{ id: ids.pabo, name: "Pabo Voorbeeld", role: "member" }]);
    expect(me.body.identities.map((i: any) => [i.provider, i.family, i.email, i.organisation])).toEqual([["surf", "surfconext", "p.jansen@pabo.example.nl", "pabo.example.nl"]]);
  });

  it("Entra: a tenant registered for a bestuur of several schools asks the person to choose; the choice makes them a member there", async () => {
    const { response, jar } = await signInOverHttp(world.server, "microsoft", "entra-pairwise-1", new CookieJar(), "/privacy");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/auth/choose-school?returnTo=%2Fprivacy");
    const me = await meWithCookie(world.server, jar);
    expect(me.body.user.name).toBe("Karin Bos");
    // Entra's e-mail claim is whatever the tenant set: shown with the identity, never put on the account.
    expect(me.body.user.email).toBe(null);
    expect(me.body.schools).toEqual([]);
    expect(me.body.identities[0].organisation).toBe(TENANT);

    const page = await jar.fetch(`${world.server.url}/auth/choose-school?returnTo=%2Fprivacy&lang=nl`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Kies je school");
    expect([...html.matchAll(/<label for="school-[^"]+">([^<]+)<\/label>/g)].map((m) => m[1])).toEqual(["Kempenschool Oost", "Kempenschool West"]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

    const chosen = await jar.fetch(`${world.server.url}/auth/choose-school`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: world.server.url },
      body: new URLSearchParams({ _csrf: csrf, schoolId: ids.kempen2!, returnTo: "/privacy" }).toString(),
    });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("Location")).toBe("/privacy");
    expect((await meWithCookie(world.server, jar)).body.schools).toEqual([{ id: ids.kempen2, name: "Kempenschool West", role: "member" }]);

    // A school outside the bestuur is not there to choose, and without the CSRF token nothing is joined.
    const elsewhere = await jar.fetch(`${world.server.url}/auth/choose-school`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, schoolId: ids.regenboog! }).toString(),
    });
    expect(elsewhere.status).toBe(404);
    const forged = await jar.fetch(`${world.server.url}/auth/choose-school`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ schoolId: ids.kempen1! }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await meWithCookie(world.server, jar)).body.schools).toEqual([{ id: ids.kempen2, name: "Kempenschool West", role: "member" }]);

    // Signing in again asks nothing more: the person is in one of the bestuur's schools.
    const again = await signInOverHttp(world.server, "microsoft", "entra-pairwise-1");
    expect(again.response.headers.get("Location")).toBe("/");
  });

  it("Google: a Workspace domain registered for a school places the person there with the verified address", async () => {
    const { response, jar } = await signInOverHttp(world.server, "google", "google-1001");
    expect(response.status).toBe(303);
    const me = await meWithCookie(world.server, jar);
    expect(me.body.user).toEqual({ id: me.body.user.id, name: "Lotte Visser", email: "lotte@montessori-noord.nl", roles: [] });
    expect(me.body.schools).toEqual([{ id: ids.montessori, name: "Montessori Noord", role: "member" }]);
  });

  it("Google: a personal Gmail account (no hd) names no school and, with unmatched: network, gets an account in no school", async () => {
    const { response, jar } = await signInOverHttp(world.server, "google", "google-1002");
    expect(response.status).toBe(303);
    const me = await meWithCookie(world.server, jar);
    expect(me.body.schools).toEqual([]);
    expect(me.body.institutes).toEqual([]);
    expect(me.body.identities[0].organisation).toBe(null);
  });

  it("Entree: an unknown BRIN with unmatched: network makes the person in no school; the provider's name or 'Collega' becomes theirs", async () => {
    const { response, jar } = await signInOverHttp(world.server, "entree", "entree-meester-ali");
    expect(response.status).toBe(303);
    const me = await meWithCookie(world.server, jar);
    expect(me.body.user.name).toBe("Ali Yilmaz");
    expect(me.body.schools).toEqual([]);
    expect(me.body.identities[0].organisation).toBe("99ZZ");
  });
});

describe("what the person sees of their school account", () => {
  it("their export lists the identity with issuer and subject, as the provider named it", async () => {
    const { jar } = await signInOverHttp(world.server, "entree", "entree-juf-sanne");
    const response = await jar.fetch(`${world.server.url}/api/v1/me/export`);
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.identities).toEqual([
      {
        id: data.identities[0].id,
        provider: "entree",
        issuer: world.providers.entree!.issuer,
        subject: "entree-juf-sanne",
        email: null,
        organisation: "12AB",
        createdAt: data.identities[0].createdAt,
        lastUsedAt: data.identities[0].lastUsedAt,
      },
    ]);
  });
});

describe("refused sign-ins create nothing", () => {
  it("an unknown BRIN at a provider set to unmatched: refuse gets a clear page", async () => {
    const before = census(world.server);
    const { response, body, session } = await signInOverHttp(world.server, "entree-strict", "entree-onbekend");
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(body).toContain('data-problem="unmatched"');
    expect(session).toBe(undefined);
    expect(census(world.server)).toEqual(before);
  });

  it("a pupil's Entree account is refused before anything about them is stored", async () => {
    const before = census(world.server);
    const { response, body } = await signInOverHttp(world.server, "entree", "entree-leerling", new CookieJar());
    expect(response.status).toBe(403);
    expect(body).toContain('data-problem="pupil"');
    expect(census(world.server)).toEqual(before);
  });
});
