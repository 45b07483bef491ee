import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../shared/schemas";
import { insertUser } from "../../server/db/repositories/accounts";
import { insertIdentity } from "../../server/db/repositories/sign-in/identities";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token?: string) => server.client(token).api.v1;
const raw = <T = ErrorBody>(method: string, path: string, body?: unknown, token = server.adminToken) => server.api<T>(method, path, { token, body });
const TENANT = "6F1C2A3B-0D4E-4F5A-9B8C-7D6E5F4A3B2C";

describe("schools' BRIN codes, Entra tenants and Google domains", () => {
  it("creates a school with codes stored upper-case, tenants and domains lower-case, each once", async () => {
    const created = await reply(
      v1(server.adminToken).admin.schools.$post({
        json: { name: "OBS De Linde", sector: "po", bestuur: "Stichting Peelland", brinCodes: ["12ab", "12AB01", "12ab"], entraTenants: [TENANT], googleDomains: ["DeLinde.NL"] },
      }),
    );
    expect(created.status).toBe(201);
    const { id, bestuurId } = created.body.school;
    expect(created.body.school).toEqual({
      id,
      name: "OBS De Linde",
      sector: "po",
      region: null,
      bestuur: "Stichting Peelland",
      bestuurId,
      brinCodes: ["12AB", "12AB01"],
      entraTenants: [TENANT.toLowerCase()],
      googleDomains: ["delinde.nl"],
    });
    const listed = await reply(v1(server.adminToken).admin.schools.$get());
    expect(listed.body.schools.find((s) => s.id === id)?.brinCodes).toEqual(["12AB", "12AB01"]);
  });

  it("changes a school's codes with PATCH, leaving the fields not sent as they were", async () => {
    const school = net.schoolB;
    const patched = await reply(v1(server.adminToken).admin.schools[":id"].$patch({ param: { id: school.id }, json: { brinCodes: ["07XY"], region: null } }));
    expect(patched.status).toBe(200);
    expect(patched.body.school).toEqual({
      id: school.id,
      name: "Het Stedelijk College",
      sector: "vo",
      region: null,
      bestuur: null,
      bestuurId: null,
      brinCodes: ["07XY"],
      entraTenants: [],
      googleDomains: [],
    });
    const moved = await reply(v1(server.adminToken).admin.schools[":id"].$patch({ param: { id: school.id }, json: { bestuur: "Stichting Peelland", name: "Stedelijk College" } }));
    expect(moved.body.school).toMatchObject({ name: "Stedelijk College", bestuur: "Stichting Peelland", brinCodes: ["07XY"] });
  });

  it("refuses a BRIN code, tenant or domain that another school or a bestuur holds with 409, changing nothing", async () => {
    const taken = await raw("PATCH", `/api/v1/admin/schools/${net.schoolA.id}`, { brinCodes: ["33CC", "12AB"], name: "Nieuwe naam" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("brin_code_taken");
    expect((taken.body.error as unknown as { value: string }).value).toBe("12AB");
    const school = await raw<{ school: { name: string; brinCodes: string[] } }>("GET", `/api/v1/admin/schools/${net.schoolA.id}`);
    expect([school.body.school.name, school.body.school.brinCodes]).toEqual(["De Regenboog", []]);
    expect((await raw("POST", "/api/v1/admin/schools", { name: "X", sector: "po", entraTenants: [TENANT] })).body.error.code).toBe("entra_tenant_taken");
    const bestuur = await raw("POST", "/api/v1/admin/besturen", { name: "Stichting Eigenwijs", googleDomains: ["delinde.nl"] });
    expect([bestuur.status, bestuur.body.error.code]).toEqual([409, "google_domain_taken"]);
  });

  it("answers malformed codes with 400 and an issue at each bad entry", async () => {
    const bad = await raw("PATCH", `/api/v1/admin/schools/${net.schoolA.id}`, { brinCodes: ["12AB", "1234", "ABCD"], entraTenants: ["not-a-guid"], googleDomains: ["school"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues!.map((i) => i.path.join("."))).toEqual(["brinCodes.1", "brinCodes.2", "entraTenants.0", "googleDomains.0"]);
    expect((await raw("PATCH", "/api/v1/admin/schools/nope", { name: "X" })).status).toBe(404);
  });
});

describe("besturen and institutes", () => {
  it("creates, lists and changes a bestuur with its tenants and domains", async () => {
    const created = await raw<{ bestuur: { id: string } }>("POST", "/api/v1/admin/besturen", { name: "Stichting Kempenwijs", entraTenants: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], googleDomains: ["kempenwijs.nl"] });
    expect(created.status).toBe(201);
    const id = created.body.bestuur.id;
    expect(created.body.bestuur).toEqual({ id, name: "Stichting Kempenwijs", entraTenants: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], googleDomains: ["kempenwijs.nl"], schoolCount: 0 });
    const patched = await raw<{ bestuur: unknown }>("PATCH", `/api/v1/admin/besturen/${id}`, { googleDomains: ["kempenwijs.nl", "leerling.kempenwijs.nl"] });
    expect(patched.body.bestuur).toEqual({ id, name: "Stichting Kempenwijs", entraTenants: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], googleDomains: ["kempenwijs.nl", "leerling.kempenwijs.nl"], schoolCount: 0 });
    // The tenant belongs to the bestuur now, so no school may claim it as well.
    const school = await raw("PATCH", `/api/v1/admin/schools/${net.schoolA.id}`, { entraTenants: ["0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"] });
    expect([school.status, school.body.error.code]).toEqual([409, "entra_tenant_taken"]);
    const listed = await raw<{ besturen: { name: string; schoolCount: number }[] }>("GET", "/api/v1/admin/besturen");
    expect(listed.body.besturen.map((b) => [b.name, b.schoolCount])).toEqual([
      ["Stichting Kempenland", 1],
      ["Stichting Kempenwijs", 0],
      ["Stichting Peelland", 2],
    ]);
    expect((await raw("POST", "/api/v1/admin/besturen", { name: "Stichting Kempenwijs" })).body.error.code).toBe("bestuur_exists");
  });

  it("gives institutes their SURFconext domains on create and PATCH; a domain belongs to one institute", async () => {
    const created = await raw<{ institute: { id: string } }>("POST", "/api/v1/admin/institutes", { name: "Fontys Pabo", kind: "pabo", domains: ["Fontys.NL"] });
    expect(created.status).toBe(201);
    const id = created.body.institute.id;
    expect(created.body.institute).toEqual({ id, name: "Fontys Pabo", kind: "pabo", domains: ["fontys.nl"] });
    const patched = await raw<{ institute: unknown }>("PATCH", `/api/v1/admin/institutes/${id}`, { domains: ["fontys.nl", "student.fontys.nl"] });
    expect(patched.body.institute).toEqual({ id, name: "Fontys Pabo", kind: "pabo", domains: ["fontys.nl", "student.fontys.nl"] });
    const other = await raw("POST", "/api/v1/admin/institutes", { name: "Fontys Lerarenopleiding", kind: "lerarenopleiding", domains: ["fontys.nl"] });
    expect([other.status, other.body.error.code]).toEqual([409, "institute_domain_taken"]);
    // The directory's public shape is unchanged: no domains for everyone.
    const directory = await reply(v1(net.people.eva.token).institutes.$get());
    expect(directory.body.institutes).toEqual([{ id, name: "Fontys Pabo", kind: "pabo" }]);
  });

  it("is for administrators only", async () => {
    const anna = net.people.anna.token;
    expect((await raw("GET", "/api/v1/admin/besturen", undefined, anna)).status).toBe(403);
    expect((await raw("POST", "/api/v1/admin/besturen", { name: "X" }, anna)).status).toBe(403);
    expect((await raw("PATCH", `/api/v1/admin/schools/${net.schoolA.id}`, { brinCodes: ["44DD"] }, anna)).status).toBe(403);
    expect((await raw("PATCH", "/api/v1/admin/institutes/x", { domains: [] }, anna)).status).toBe(403);
    expect((await raw("GET", "/api/v1/admin/users?q=anna", undefined, anna)).status).toBe(403);
    expect((await raw("GET", "/api/v1/admin/schools", undefined, "")).status).toBe(401);
  });
});

describe("finding people", () => {
  it("searches by name or e-mail, in name order, a page at a time, with password and school accounts", async () => {
    const now = "2026-11-24T09:00:00.000Z";
    insertUser(server.ctx, { id: "school-account-sanne", name: "Sanne Test", email: null, passwordHash: null, displayName: null, roles: [], disabled: false, createdAt: now, updatedAt: now });
    insertIdentity(server.ctx, {
      id: "identity-sanne",
      userId: "school-account-sanne",
      provider: "entree",
      issuer: "https://entree.test",
      subject: "pseudoniem-123",
      email: null,
      organisation: "12AB",
      createdAt: now,
      lastUsedAt: now,
    });
    const first = await raw<{ users: { name: string; email: string | null }[]; nextCursor: string | null }>("GET", "/api/v1/admin/users?q=TEST&limit=4");
    // The administrator matches by e-mail (beheer@test.knooppunt.nl), the others by name.
    expect(first.body.users.map((u) => u.name)).toEqual(["Beheerder", "Sanne Test", "Test anna", "Test bram"]);
    const second = await raw<typeof first.body>("GET", `/api/v1/admin/users?q=test&limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.users.map((u) => u.name)).toEqual(["Test chris", "Test dewi", "Test eva"]);
    expect(second.body.nextCursor).toBe(null);
    const byEmail = await raw<{ users: unknown[] }>("GET", "/api/v1/admin/users?q=bram%40test");
    expect(byEmail.body.users).toEqual([
      { id: net.people.bram.id, name: "Test bram", email: "bram@test.knooppunt.nl", roles: [], disabled: false, createdAt: expect.any(String), hasPassword: true, identities: [] },
    ]);
    const sanne = await raw<{ users: unknown[] }>("GET", "/api/v1/admin/users?q=sanne");
    expect(sanne.body.users).toEqual([
      { id: "school-account-sanne", name: "Sanne Test", email: null, roles: [], disabled: false, createdAt: now, hasPassword: false, identities: [{ provider: "entree", email: null, organisation: "12AB", lastUsedAt: now }] },
    ]);
    // A wildcard typed in the box is a letter, not "everyone".
    expect((await raw<{ users: unknown[] }>("GET", "/api/v1/admin/users?q=%25")).body.users).toEqual([]);
    expect((await raw("GET", "/api/v1/admin/users?cursor=rommel")).body.error.code).toBe("invalid_cursor");
  });

  it("changes a person without e-mail (a school account) without asking for one, and still requires e-mail and password to create", async () => {
    const patched = await raw<{ user: unknown }>("PATCH", "/api/v1/admin/users/school-account-sanne", { roles: ["broker"] });
    expect(patched.status).toBe(200);
    expect(patched.body.user).toMatchObject({ id: "school-account-sanne", email: null, roles: ["broker"], hasPassword: false });
    const missing = await raw("POST", "/api/v1/admin/users", { name: "Zonder" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues!.map((i) => i.path.join("."))).toEqual(["email", "password"]);
    const one = await raw<{ user: unknown; memberships: unknown }>("GET", `/api/v1/admin/users/${net.people.anna.id}`);
    expect(one.body.memberships).toEqual({
      schools: [{ id: net.schoolA.id, name: "De Regenboog", role: "member" }],
      institutes: [],
      communities: [{ id: net.community.id, name: "PLG Meertaligheid", role: "member" }],
    });
  });
});
