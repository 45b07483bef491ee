import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

const run = promisify(execFile);
let dir: string;
let server: TestServer;

/** `npm run admin -- …` against the database file of a running server. */
async function admin(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], { env: { ...process.env, DATABASE_PATH: join(dir, "knooppunt.db") } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-admin-org-"));
  server = await startTestServer({ dir });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const adminGet = async (path: string) => (await server.api("GET", path, { token: server.adminToken })).body;

describe("npm run admin for sign-in with the school account", { timeout: 90_000 }, () => {
  it("gives a school BRIN codes, a tenant and a domain, then replaces them, as the API shows", async () => {
    const created = await admin("school:create", "--name", "OBS De Linde", "--sector", "po", "--brin", "12ab", "--entra-tenant", "6F1C2A3B-0D4E-4F5A-9B8C-7D6E5F4A3B2C", "--google-domain", "DeLinde.nl");
    expect(created.code).toBe(0);
    const id = JSON.parse(created.out).id as string;
    expect((await adminGet(`/api/v1/admin/schools/${id}`)).school).toMatchObject({ brinCodes: ["12AB"], entraTenants: ["6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b2c"], googleDomains: ["delinde.nl"] });
    expect((await admin("school:update", id, "--brin", "12AB", "--brin", "12AB01", "--no-google-domains")).code).toBe(0);
    expect((await adminGet(`/api/v1/admin/schools/${id}`)).school).toMatchObject({ brinCodes: ["12AB", "12AB01"], entraTenants: ["6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b2c"], googleDomains: [] });
    const taken = await admin("school:create", "--name", "Tweede", "--sector", "po", "--brin", "12AB01");
    expect(taken.code).toBe(1);
    expect(taken.out).toContain("This BRIN code already belongs to another school.");
    const bad = await admin("school:update", id, "--brin", "ABCD");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("brinCodes.0: A BRIN code is two digits and two letters");
  });

  it("creates and changes besturen and institute domains, recorded in the audit log", async () => {
    const bestuur = await admin("bestuur:create", "--name", "Stichting Kempenwijs", "--google-domain", "kempenwijs.nl");
    expect(bestuur.code).toBe(0);
    const bestuurId = JSON.parse(bestuur.out).id as string;
    expect((await admin("bestuur:update", bestuurId, "--entra-tenant", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")).code).toBe(0);
    expect((await adminGet("/api/v1/admin/besturen")).besturen).toEqual([
      { id: bestuurId, name: "Stichting Kempenwijs", entraTenants: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], googleDomains: ["kempenwijs.nl"], schoolCount: 0 },
    ]);
    const institute = await admin("institute:create", "--name", "Fontys Pabo", "--kind", "pabo", "--domain", "fontys.nl");
    const instituteId = JSON.parse(institute.out).id as string;
    expect((await admin("institute:update", instituteId, "--domain", "fontys.nl", "--domain", "student.fontys.nl")).code).toBe(0);
    expect((await adminGet("/api/v1/admin/institutes")).institutes).toEqual([{ id: instituteId, name: "Fontys Pabo", kind: "pabo", domains: ["fontys.nl", "student.fontys.nl"] }]);
    const log = (await adminGet("/api/v1/admin/audit-log?limit=3")).entries.map((e: { action: string; subject: { id: string } }) => [e.action, e.subject.id]);
    expect(log).toEqual([
      ["institute.update", instituteId],
      ["institute.create", instituteId],
      ["bestuur.update", bestuurId],
    ]);
  });
});
