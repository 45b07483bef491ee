import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../shared/schemas";
import { ADMIN, buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer({ loginLimits: { perEmail: 5, perAddress: 1000, windowMs: 15 * 60_000 } });
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token?: string) => server.client(token).api.v1;
const login = (json: { email: string; password: string; deviceName?: string }) => reply(v1().auth.login.$post({ json }));
const me = (token?: string) => reply(v1(token).me.$get());

describe("signing in", () => {
  it("gives a token that identifies the person with their schools and communities", async () => {
    const signedIn = await login({ email: "ANNA@test.knooppunt.nl", password: net.people.anna.password, deviceName: "Chrome op laptop" });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toMatch(/^kp_/);
    expect(signedIn.body.user).toMatchObject({ email: "anna@test.knooppunt.nl", roles: [] });
    const anna = await me(signedIn.body.token);
    expect(anna.status).toBe(200);
    expect(anna.body.schools).toEqual([{ id: net.schoolA.id, name: "De Regenboog", role: "member" }]);
    expect(anna.body.communities).toEqual([{ id: net.community.id, name: "PLG Meertaligheid", role: "member" }]);
    expect(anna.body.institutes).toEqual([]);
    const tokens = await reply(v1(signedIn.body.token).tokens.$get());
    expect(tokens.body.tokens.find((t) => t.current)).toMatchObject({ name: "Chrome op laptop", kind: "login" });
  });

  it("refuses a wrong password and an unknown address alike, with the contract's error shape", async () => {
    const wrong = await login({ email: net.people.bram.email, password: "niet-het-wachtwoord" });
    const unknown = await login({ email: "niemand@test.knooppunt.nl", password: "wat-dan-ook-123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.error?.code).toBe("unauthenticated");
  });

  it("rate-limits repeated attempts for one e-mail address with Retry-After", async () => {
    const email = net.people.chris.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await login({ email, password: "fout-wachtwoord-123" })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const blocked = await login({ email, password: net.people.chris.password });
    expect(blocked.status).toBe(429);
    expect(blocked.error?.code).toBe("rate_limited");
    // The clock stood still since the first attempt: the whole 15-minute window is left.
    expect(blocked.headers.get("retry-after")).toBe("900");
    server.clock.advance(16 * 60_000);
    const later = await login({ email, password: net.people.chris.password });
    expect(later.status).toBe(200);
  });

  it("logs out by revoking exactly the calling token", async () => {
    const a = (await login({ email: net.people.bram.email, password: net.people.bram.password })).body.token;
    const b = (await login({ email: net.people.bram.email, password: net.people.bram.password })).body.token;
    expect((await v1(a).auth.logout.$post()).status).toBe(204);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(200);
  });

  it("creates named API tokens whose secret is shown once and which can be revoked", async () => {
    const created = await reply(v1(net.people.dewi.token).tokens.$post({ json: { name: "Teams-koppeling" } }));
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^kp_/);
    expect((await me(created.body.secret)).body.user.email).toBe(net.people.dewi.email);
    const list = await reply(v1(net.people.dewi.token).tokens.$get());
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    expect(list.body.tokens.map((t) => t.name)).toContain("Teams-koppeling");
    // Someone else cannot revoke it, and does not learn that it exists.
    const param = { id: created.body.token.id };
    expect((await v1(net.people.anna.token).tokens[":id"].$delete({ param })).status).toBe(404);
    expect((await v1(net.people.dewi.token).tokens[":id"].$delete({ param })).status).toBe(204);
    expect((await me(created.body.secret)).status).toBe(401);
  });

  it("answers 401 for a malformed or unknown bearer token", async () => {
    expect((await server.api<ErrorBody>("GET", "/api/v1/me", { headers: { Authorization: "Bearer kp_bestaatniet" } })).status).toBe(401);
    expect((await server.api<ErrorBody>("GET", "/api/v1/me", { headers: { Authorization: "Basic abc" } })).status).toBe(401);
    expect((await me()).status).toBe(401);
  });
});

describe("administration", () => {
  it("creates the first administrator from the environment", async () => {
    const admin = await me(server.adminToken);
    expect(admin.body.user).toMatchObject({ email: ADMIN.email, roles: ["admin"] });
  });

  it("refuses a duplicate e-mail address regardless of case", async () => {
    const dup = await reply(v1(server.adminToken).admin.users.$post({ json: { name: "Anna 2", email: "Anna@Test.Knooppunt.nl", password: "nog-een-wachtwoord" } }));
    expect(dup.status).toBe(409);
    expect(dup.error?.code).toBe("email_taken");
  });

  it("keeps administration to administrators", async () => {
    const attempt = await v1(net.people.dewi.token).admin.schools.$post({ json: { name: "X", sector: "po" } });
    expect(attempt.status).toBe(403);
    expect((await v1().admin.schools.$post({ json: { name: "X", sector: "po" } })).status).toBe(401);
  });

  it("disabling an account ends its sessions and blocks sign-in", async () => {
    const eva = net.people.eva;
    const user = v1(server.adminToken).admin.users[":id"];
    const patch = await reply(user.$patch({ param: { id: eva.id }, json: { disabled: true } }));
    expect(patch.status).toBe(200);
    expect(patch.body.user.disabled).toBe(true);
    expect((await me(eva.token)).status).toBe(401);
    expect((await login({ email: eva.email, password: eva.password })).status).toBe(401);
    await user.$patch({ param: { id: eva.id }, json: { disabled: false } });
    eva.token = (await login({ email: eva.email, password: eva.password })).body.token;
    expect((await me(eva.token)).status).toBe(200);
  });

  it("grants the broker role", async () => {
    const patch = await reply(v1(server.adminToken).admin.users[":id"].$patch({ param: { id: net.people.bram.id }, json: { roles: ["broker"] } }));
    expect(patch.body.user.roles).toEqual(["broker"]);
    expect((await me(net.people.bram.token)).body.user.roles).toEqual(["broker"]);
  });

  it("creates teacher-education institutes and their members, shown in /me and the directory", async () => {
    const admin = v1(server.adminToken).admin.institutes;
    const created = await reply(admin.$post({ json: { name: "Pabo Kempenland", kind: "pabo" } }));
    expect(created.status).toBe(201);
    const id = created.body.institute.id;
    const membership = { param: { id, userId: net.people.dewi.id } };
    const member = await admin[":id"].members[":userId"].$put({ ...membership, json: { role: "member" } });
    expect(member.status).toBe(200);
    const dewi = await me(net.people.dewi.token);
    expect(dewi.body.institutes).toEqual([{ id, name: "Pabo Kempenland", role: "member" }]);
    const list = await reply(v1(net.people.eva.token).institutes.$get());
    expect(list.body.institutes).toEqual([{ id, name: "Pabo Kempenland", kind: "pabo" }]);
    // An institute kind the contract does not know: sent raw, as the typed client would not let it through.
    expect((await server.api<ErrorBody>("POST", "/api/v1/admin/institutes", { token: server.adminToken, body: { name: "X", kind: "mbo" } })).status).toBe(400);
    expect((await v1(net.people.dewi.token).admin.institutes.$post({ json: { name: "X", kind: "pabo" } })).status).toBe(403);
    expect((await admin[":id"].members[":userId"].$delete(membership)).status).toBe(204);
    expect((await me(net.people.dewi.token)).body.institutes).toEqual([]);
  });

  it("lists schools with their bestuur and communities by membership or openness", async () => {
    const schools = await reply(v1(net.people.eva.token).schools.$get());
    expect(schools.body.schools).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "De Regenboog", sector: "po", bestuur: "Stichting Kempenland", region: "Eindhoven" })]),
    );
    expect((await reply(v1(net.people.eva.token).communities.$get({ query: {} }))).body.communities).toEqual([]);
    const annas = await reply(v1(net.people.anna.token).communities.$get({ query: {} }));
    expect(annas.body.communities).toEqual([expect.objectContaining({ name: "PLG Meertaligheid", myRole: "member", memberCount: 2 })]);
  });
});

describe("the per-address login limit behind a reverse proxy", () => {
  it("counts the address the proxy appended, however the client fills X-Forwarded-For", async () => {
    const proxied = await startTestServer({ trustProxy: true, loginLimits: { perEmail: 1000, perAddress: 3, windowMs: 15 * 60_000 } });
    try {
      // Header values only: nothing connects to these documentation addresses.
      const attempt = (spoofed: string, appended: string) =>
        proxied.api<ErrorBody>("POST", "/api/v1/auth/login", {
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

  it("does not count attempts refused for their address against the e-mail address they named", async () => {
    const proxied = await startTestServer({ trustProxy: true, loginLimits: { perEmail: 3, perAddress: 2, windowMs: 15 * 60_000 } });
    try {
      const attempt = (from: string) =>
        proxied.api<ErrorBody>("POST", "/api/v1/auth/login", {
          body: { email: "chris@test.knooppunt.nl", password: "fout-wachtwoord-123" },
          headers: { "X-Forwarded-For": from },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt("203.0.113.7")).status);
      expect(statuses).toEqual([401, 401, 429, 429, 429]);
      // Two of Chris's three attempts are used; the refused ones from that address did not count.
      const elsewhere = [(await attempt("203.0.113.8")).status, (await attempt("203.0.113.9")).status];
      expect(elsewhere).toEqual([401, 429]);
    } finally {
      await proxied.stop();
    }
  });
});
