import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startTestServer, type TestServer } from "../support/server";

const run = promisify(execFile);
let dir: string;
let databasePath: string;

/** `npm run admin -- …` against the same database file the server uses. */
async function admin(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], {
      env: { ...process.env, DATABASE_PATH: databasePath },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-admin-"));
  databasePath = join(dir, "knooppunt.db"); // the file startTestServer opens in `dir`
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run admin", { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  afterAll(async () => server?.stop());
  const v1 = (token?: string) => server!.client(token).api.v1;
  const login = (email: string, password: string) => reply(v1().auth.login.$post({ json: { email, password } }));
  const me = (token: string) => reply(v1(token).me.$get());

  it("creates a school, a person with the broker role and a membership that the API then shows", async () => {
    const school = await admin("school:create", "--name", "OBS De Linde", "--sector", "po", "--region", "Helmond", "--bestuur", "Stichting Peelland");
    expect(school.code).toBe(0);
    const schoolId = JSON.parse(school.out).id as string;
    const user = await admin("user:create", "--name", "Fatima El Amrani", "--email", "F.ElAmrani@school.nl", "--password", "een-lang-wachtwoord", "--role", "broker");
    expect(user.code).toBe(0);
    expect(JSON.parse(user.out)).toMatchObject({ email: "f.elamrani@school.nl", roles: ["broker"] });
    expect((await admin("school:member", schoolId, "f.elamrani@school.nl", "--role", "coordinator")).code).toBe(0);

    server = await startTestServer({ dir });
    const signedIn = await login("f.elamrani@school.nl", "een-lang-wachtwoord");
    expect(signedIn.status).toBe(200);
    const fatima = await me(signedIn.body.token);
    expect(fatima.body.user.roles).toEqual(["broker"]);
    expect(fatima.body.schools).toEqual([{ id: schoolId, name: "OBS De Linde", role: "coordinator" }]);
  });

  it("creates a community with an owner and grants the administrator role, which the running server then honours", async () => {
    expect((await admin("user:create", "--name", "Joris Verbeek", "--email", "j.verbeek@school.nl", "--password", "nog-een-lang-wachtwoord")).code).toBe(0);
    const community = await admin("community:create", "--name", "Werkplaats Helmond", "--kind", "werkplaats");
    expect(community.code).toBe(0);
    const communityId = JSON.parse(community.out).id as string;
    expect((await admin("community:member", communityId, "j.verbeek@school.nl", "--role", "owner")).code).toBe(0);
    expect((await admin("user:update", "j.verbeek@school.nl", "--role", "admin")).code).toBe(0);

    const signedIn = await login("j.verbeek@school.nl", "nog-een-lang-wachtwoord");
    const joris = await me(signedIn.body.token);
    expect(joris.body.user.roles).toEqual(["admin"]);
    expect(joris.body.communities).toEqual([{ id: communityId, name: "Werkplaats Helmond", role: "owner" }]);
    const school = await v1(signedIn.body.token).admin.schools.$post({ json: { name: "Kindcentrum De Bron", sector: "po" } });
    expect(school.status).toBe(201);
  });

  it("disables an account while the server runs, ending its sessions", async () => {
    const signedIn = await login("f.elamrani@school.nl", "een-lang-wachtwoord");
    expect(signedIn.status).toBe(200);
    const result = await admin("user:update", "f.elamrani@school.nl", "--disable");
    expect(result.code).toBe(0);
    expect((await me(signedIn.body.token)).status).toBe(401);
  });

  it("explains bad input instead of crashing", async () => {
    const bad = await admin("school:create", "--name", "X", "--sector", "hbo");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/sector/);
    const unknown = await admin("user:update", "niemand@school.nl", "--disable");
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("No account with e-mail address niemand@school.nl");
    const typo = await admin("scholen");
    expect(typo.code).toBe(2);
    expect(typo.out).toContain("Unknown command");
  });
});
