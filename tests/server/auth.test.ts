import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, buildNetwork, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer({ loginLimits: { perEmail: 5, perAddress: 1000, windowMs: 15 * 60_000 } });
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

describe("signing in", () => {
  it("gives a token that identifies the person with their schools and communities", async () => {
    const login = await server.api("POST", "/api/v1/auth/login", { body: { email: "ANNA@test.knooppunt.nl", password: net.people.anna.password, deviceName: "Chrome op laptop" } });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^kp_/);
    expect(login.body.user).toMatchObject({ email: "anna@test.knooppunt.nl", roles: [] });
    const me = await server.api("GET", "/api/v1/me", { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.schools).toEqual([{ id: net.schoolA.id, name: "De Regenboog", role: "member" }]);
    expect(me.body.communities).toEqual([{ id: net.community.id, name: "PLG Meertaligheid", role: "member" }]);
    expect(me.body.institutes).toEqual([]);
    const tokens = await server.api("GET", "/api/v1/tokens", { token: login.body.token });
    expect(tokens.body.tokens.find((t: any) => t.current)).toMatchObject({ name: "Chrome op laptop", kind: "login" });
  });

  it("refuses a wrong password and an unknown address alike, with the contract's error shape", async () => {
    const wrong = await server.api("POST", "/api/v1/auth/login", { body: { email: net.people.bram.email, password: "niet-het-wachtwoord" } });
    const unknown = await server.api("POST", "/api/v1/auth/login", { body: { email: "niemand@test.knooppunt.nl", password: "wat-dan-ook-123" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("unauthenticated");
  });

  it("rate-limits repeated attempts for one e-mail address with Retry-After", async () => {
    const email = net.people.chris.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await server.api("POST", "/api/v1/auth/login", { body: { email, password: "fout-wachtwoord-123" } })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const blocked = await server.api("POST", "/api/v1/auth/login", { body: { email, password: net.people.chris.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    // The clock stood still since the first attempt: the whole 15-minute window is left.
    expect(blocked.headers.get("retry-after")).toBe("900");
    server.clock.advance(16 * 60_000);
    const later = await server.api("POST", "/api/v1/auth/login", { body: { email, password: net.people.chris.password } });
    expect(later.status).toBe(200);
  });

  it("logs out by revoking exactly the calling token", async () => {
    const a = (await server.api("POST", "/api/v1/auth/login", { body: { email: net.people.bram.email, password: net.people.bram.password } })).body.token;
    const b = (await server.api("POST", "/api/v1/auth/login", { body: { email: net.people.bram.email, password: net.people.bram.password } })).body.token;
    expect((await server.api("POST", "/api/v1/auth/logout", { token: a })).status).toBe(204);
    expect((await server.api("GET", "/api/v1/me", { token: a })).status).toBe(401);
    expect((await server.api("GET", "/api/v1/me", { token: b })).status).toBe(200);
  });

  it("creates named API tokens whose secret is shown once and which can be revoked", async () => {
    const created = await server.api("POST", "/api/v1/tokens", { token: net.people.dewi.token, body: { name: "Teams-koppeling" } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kp_/);
    expect((await server.api("GET", "/api/v1/me", { token: created.body.secret })).body.user.email).toBe(net.people.dewi.email);
    const list = await server.api("GET", "/api/v1/tokens", { token: net.people.dewi.token });
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    expect(list.body.tokens.map((t: any) => t.name)).toContain("Teams-koppeling");
    // Someone else cannot revoke it, and does not learn that it exists.
    expect((await server.api("DELETE", `/api/v1/tokens/${created.body.token.id}`, { token: net.people.anna.token })).status).toBe(404);
    expect((await server.api("DELETE", `/api/v1/tokens/${created.body.token.id}`, { token: net.people.dewi.token })).status).toBe(204);
    expect((await server.api("GET", "/api/v1/me", { token: created.body.secret })).status).toBe(401);
  });

  it("answers 401 for a malformed or unknown bearer token", async () => {
    expect((await server.api("GET", "/api/v1/me", { headers: { Authorization: "Bearer kp_bestaatniet" } })).status).toBe(401);
    expect((await server.api("GET", "/api/v1/me", { headers: { Authorization: "Basic abc" } })).status).toBe(401);
    expect((await server.api("GET", "/api/v1/me")).status).toBe(401);
  });
});

describe("administration", () => {
  it("creates the first administrator from the environment", async () => {
    const me = await server.api("GET", "/api/v1/me", { token: server.adminToken });
    expect(me.body.user).toMatchObject({ email: ADMIN.email, roles: ["admin"] });
  });

  it("refuses a duplicate e-mail address regardless of case", async () => {
    const dup = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Anna 2", email: "Anna@Test.Knooppunt.nl", password: "nog-een-wachtwoord" } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("email_taken");
  });

  it("keeps administration to administrators", async () => {
    const attempt = await server.api("POST", "/api/v1/admin/schools", { token: net.people.dewi.token, body: { name: "X", sector: "po" } });
    expect(attempt.status).toBe(403);
    expect((await server.api("POST", "/api/v1/admin/schools", { body: { name: "X", sector: "po" } })).status).toBe(401);
  });

  it("disabling an account ends its sessions and blocks sign-in", async () => {
    const eva = net.people.eva;
    const patch = await server.api("PATCH", `/api/v1/admin/users/${eva.id}`, { token: server.adminToken, body: { disabled: true } });
    expect(patch.status).toBe(200);
    expect(patch.body.user.disabled).toBe(true);
    expect((await server.api("GET", "/api/v1/me", { token: eva.token })).status).toBe(401);
    expect((await server.api("POST", "/api/v1/auth/login", { body: { email: eva.email, password: eva.password } })).status).toBe(401);
    await server.api("PATCH", `/api/v1/admin/users/${eva.id}`, { token: server.adminToken, body: { disabled: false } });
    eva.token = (await server.api("POST", "/api/v1/auth/login", { body: { email: eva.email, password: eva.password } })).body.token;
    expect((await server.api("GET", "/api/v1/me", { token: eva.token })).status).toBe(200);
  });

  it("grants the broker role", async () => {
    const patch = await server.api("PATCH", `/api/v1/admin/users/${net.people.bram.id}`, { token: server.adminToken, body: { roles: ["broker"] } });
    expect(patch.body.user.roles).toEqual(["broker"]);
    expect((await server.api("GET", "/api/v1/me", { token: net.people.bram.token })).body.user.roles).toEqual(["broker"]);
  });

  it("creates teacher-education institutes and their members, shown in /me and the directory", async () => {
    const created = await server.api("POST", "/api/v1/admin/institutes", { token: server.adminToken, body: { name: "Pabo Kempenland", kind: "pabo" } });
    expect(created.status).toBe(201);
    const id = created.body.institute.id;
    const member = await server.api("PUT", `/api/v1/admin/institutes/${id}/members/${net.people.dewi.id}`, { token: server.adminToken, body: { role: "member" } });
    expect(member.status).toBe(200);
    const me = await server.api("GET", "/api/v1/me", { token: net.people.dewi.token });
    expect(me.body.institutes).toEqual([{ id, name: "Pabo Kempenland", role: "member" }]);
    const list = await server.api("GET", "/api/v1/institutes", { token: net.people.eva.token });
    expect(list.body.institutes).toEqual([{ id, name: "Pabo Kempenland", kind: "pabo" }]);
    expect((await server.api("POST", "/api/v1/admin/institutes", { token: server.adminToken, body: { name: "X", kind: "mbo" } })).status).toBe(400);
    expect((await server.api("POST", "/api/v1/admin/institutes", { token: net.people.dewi.token, body: { name: "X", kind: "pabo" } })).status).toBe(403);
    expect((await server.api("DELETE", `/api/v1/admin/institutes/${id}/members/${net.people.dewi.id}`, { token: server.adminToken })).status).toBe(204);
    expect((await server.api("GET", "/api/v1/me", { token: net.people.dewi.token })).body.institutes).toEqual([]);
  });

  it("lists schools with their bestuur and communities by membership or openness", async () => {
    const schools = await server.api("GET", "/api/v1/schools", { token: net.people.eva.token });
    expect(schools.body.schools).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "De Regenboog", sector: "po", bestuur: "Stichting Kempenland", region: "Eindhoven" })]),
    );
    expect((await server.api("GET", "/api/v1/communities", { token: net.people.eva.token })).body.communities).toEqual([]);
    const annas = await server.api("GET", "/api/v1/communities", { token: net.people.anna.token });
    expect(annas.body.communities).toEqual([expect.objectContaining({ name: "PLG Meertaligheid", myRole: "member", memberCount: 2 })]);
  });
});

describe("the per-address login limit behind a reverse proxy", () => {
  it("counts the address the proxy appended, however the client fills X-Forwarded-For", async () => {
    const proxied = await startTestServer({ trustProxy: true, loginLimits: { perEmail: 1000, perAddress: 3, windowMs: 15 * 60_000 } });
    try {
      // Header values only: nothing connects to these documentation addresses.
      const attempt = (spoofed: string, appended: string) =>
        proxied.api("POST", "/api/v1/auth/login", {
          body: { email: `iemand-${spoofed}@test.knooppunt.nl`, password: "fout-wachtwoord-123" },
          headers: { "X-Forwarded-For": `${spoofed}, ${appended}` },
        });
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) statuses.push((await attempt(`198.51.100.${i}`, "203.0.113.7")).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another client behind the same proxy has its own budget.
      expect((await attempt("198.51.100.9", "203.0.113.8")).status).toBe(401);
    } finally {
      await proxied.stop();
    }
  });
});
