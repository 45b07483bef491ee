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
});
