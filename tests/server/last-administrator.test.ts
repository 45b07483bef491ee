import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("the last administrator", () => {
  it("cannot drop their own admin role or be disabled until someone else is an administrator", async () => {
    const me = (await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.id as string;
    const patch = (id: string, body: unknown) => server.api("PATCH", `/api/v1/admin/users/${id}`, { token: server.adminToken, body });

    for (const body of [{ roles: [] }, { roles: ["broker"] }, { disabled: true }]) {
      const refused = await patch(me, body);
      expect([refused.status, refused.body.error.code]).toEqual([409, "last_admin"]);
    }
    expect((await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.roles).toEqual(["admin"]);

    const other = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Tweede beheerder", email: "tweede@test.knooppunt.nl", password: "wachtwoord-tweede-2026", roles: ["admin"] } });
    expect(other.status).toBe(201);
    const stepped = await patch(me, { roles: ["broker"] });
    expect([stepped.status, stepped.body.user.roles]).toEqual([200, ["broker"]]);
  });
});
