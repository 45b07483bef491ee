import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startTestServer, type TestServer } from "../support/server";

const run = promisify(execFile);
let dir: string;
let server: TestServer;
const v1 = (token?: string) => server.client(token).api.v1;

/** `npm run admin -- …` against the server's database file. */
async function adminCommand(...args: string[]) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], { env: { ...process.env, DATABASE_PATH: join(dir, "knooppunt.db") } });
  return stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-audit-"));
  server = await startTestServer({ dir });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the administrators' audit log", () => {
  it("records each administrator action through the API and on the command line, newest first, in pages, by id only", async () => {
    const admin = v1(server.adminToken).admin;
    const me = (await reply(v1(server.adminToken).me.$get())).body.user;
    const school = (await reply(admin.schools.$post({ json: { name: "De Regenboog", sector: "po" } }))).body.school;
    expect((await reply(v1(server.adminToken).themes[":slug"].$patch({ param: { slug: "nt2" }, json: { synonyms: ["tweede taal"] } }))).status).toBe(200);
    const ilse = (await reply(admin.users.$post({ json: { name: "Ilse de Vries", email: "ilse@test.knooppunt.nl", password: "wachtwoord-ilse-2026" } }))).body.user;
    await reply(admin.schools[":id"].members[":userId"].$put({ param: { id: school.id, userId: ilse.id }, json: { role: "coordinator" } }));
    // A refused action changes nothing, so it is no entry.
    expect((await reply(admin.users.$post({ json: { name: "Dubbel", email: "ilse@test.knooppunt.nl", password: "wachtwoord-ilse-2026" } }))).status).toBe(409);
    await adminCommand("user:create", "--name", "Joost Bakker", "--email", "joost@test.knooppunt.nl", "--password", "wachtwoord-joost-2026");
    const joost = (await reply(admin.users.$post({ json: { name: "x", email: "joost@test.knooppunt.nl", password: "wachtwoord-joost-2026" } }))).error;
    expect(joost?.code).toBe("email_taken");
    await adminCommand("user:delete", "joost@test.knooppunt.nl", "--shared-work", "remove");

    const first = await reply(admin["audit-log"].$get({ query: { limit: "3" } }));
    expect(first.status).toBe(200);
    const rest = await reply(admin["audit-log"].$get({ query: { limit: "3", cursor: first.body.nextCursor! } }));
    expect(rest.body.entries).toHaveLength(3);
    expect(rest.body.nextCursor).toBeNull();
    const entries = [...first.body.entries, ...rest.body.entries];
    const joostId = entries[1]!.subject.id;
    expect(entries.map((e) => [e.actor, e.action, e.subject, e.details])).toEqual([
      [
        { kind: "operator", userId: null },
        "user.delete",
        { kind: "user", id: joostId },
        { sharedWork: "remove", savesRemoved: 0, savesHandedOver: 0, bundlesHandedOver: 0, bundlesRemoved: 0, tokens: 0, memberships: 0, idempotencyKeys: 0 },
      ],
      [{ kind: "operator", userId: null }, "user.create", { kind: "user", id: joostId }, {}],
      [{ kind: "admin", userId: me.id }, "school.member.set", { kind: "school", id: school.id }, { userId: ilse.id }],
      [{ kind: "admin", userId: me.id }, "user.create", { kind: "user", id: ilse.id }, {}],
      [{ kind: "admin", userId: me.id }, "theme.update", { kind: "theme", id: "nt2" }, {}],
      [{ kind: "admin", userId: me.id }, "school.create", { kind: "school", id: school.id }, {}],
    ]);
    expect(entries.every((e) => e.at === "2026-11-24T09:00:00.000Z" || /^\d{4}-\d\d-\d\dT/.test(e.at))).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/joost|Joost|ilse@|Ilse/);
  });

  it("is shown to administrators only, and refuses a cursor it did not give out", async () => {
    const anon = await reply(v1().admin["audit-log"].$get({ query: {} }));
    expect(anon.status).toBe(401);
    const bad = await reply(v1(server.adminToken).admin["audit-log"].$get({ query: { cursor: "bogus" } }));
    expect([bad.status, bad.error?.code]).toEqual([400, "invalid_cursor"]);
  });
});
