import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { hashPassword } from "../../server/core/passwords";
import { startServer, type RunningServer } from "../../server/server";
import { ADMIN, apiClient, reply, startTestServer, TEST_PASSWORD_COST, type TestServer } from "../support/server";

const PRODUCTION_N = 32768;

/** The scrypt N written into a stored hash (`scrypt$N$r$p$salt$key`). */
const costOf = (hash: string) => Number(hash.split("$")[1]);

function storedN(databasePath: string, email: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    const row = db.prepare("SELECT password_hash AS hash FROM users WHERE email = ?").get(email) as { hash: string } | undefined;
    if (!row) throw new Error(`no account ${email}`);
    return costOf(row.hash);
  } finally {
    db.close();
  }
}

let dir: string;
const running: (RunningServer | TestServer)[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await ("stop" in server ? server.stop() : server.close());
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

/** A server as `npm start` makes it: settings from the environment, nothing else. */
async function startFromEnvironment(databasePath: string) {
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: databasePath,
    KNOOPPUNT_ADMIN_EMAIL: ADMIN.email,
    KNOOPPUNT_ADMIN_PASSWORD: ADMIN.password,
    KNOOPPUNT_DEMO: "0",
  });
  const server = await startServer(config);
  running.push(server);
  return server;
}

const signIn = (url: string, email: string, password: string) => reply(apiClient(url).api.v1.auth.login.$post({ json: { email, password } }));

describe("the cost of password hashes", () => {
  it("is N=32768 for a password hashed without a cost and for a server started from the environment", async () => {
    expect(costOf(await hashPassword("een-wachtwoord-2026"))).toBe(PRODUCTION_N);

    dir = mkdtempSync(join(tmpdir(), "knooppunt-cost-"));
    const databasePath = join(dir, "knooppunt.db");
    const server = await startFromEnvironment(databasePath);
    expect(storedN(databasePath, ADMIN.email)).toBe(PRODUCTION_N);

    const login = await signIn(server.url, ADMIN.email, ADMIN.password);
    expect(login.status).toBe(200);
    const created = await apiClient(server.url, login.body.token).api.v1.admin.users.$post({
      json: { name: "Productie", email: "productie@test.knooppunt.nl", password: "productie-wachtwoord-1" },
    });
    expect(created.status).toBe(201);
    expect(storedN(databasePath, "productie@test.knooppunt.nl")).toBe(PRODUCTION_N);
  });

  it("is the low cost on a test server, for the administrator and for accounts made through the API", async () => {
    const server = await startTestServer();
    running.push(server);
    const created = await server.client(server.adminToken).api.v1.admin.users.$post({
      json: { name: "Goedkoop", email: "goedkoop@test.knooppunt.nl", password: "goedkoop-wachtwoord-1" },
    });
    expect(created.status).toBe(201);
    expect(storedN(server.databasePath, ADMIN.email)).toBe(2 ** TEST_PASSWORD_COST);
    expect(storedN(server.databasePath, "goedkoop@test.knooppunt.nl")).toBe(2 ** TEST_PASSWORD_COST);
    expect((await signIn(server.url, "goedkoop@test.knooppunt.nl", "goedkoop-wachtwoord-1")).status).toBe(200);
  });

  it("is read from each stored hash when signing in, so a server at another cost still accepts it", async () => {
    dir = mkdtempSync(join(tmpdir(), "knooppunt-cost-"));
    const databasePath = join(dir, "knooppunt.db");
    await (await startFromEnvironment(databasePath)).close();
    running.length = 0;

    // startTestServer signs the administrator in, whose hash was made at the production cost.
    const server = await startTestServer({ dir });
    running.push(server);
    expect(storedN(databasePath, ADMIN.email)).toBe(PRODUCTION_N);
    expect((await signIn(server.url, ADMIN.email, "een-ander-wachtwoord")).status).toBe(401);
  });

  it("refuses a cost scrypt cannot use before the server opens its database", async () => {
    dir = mkdtempSync(join(tmpdir(), "knooppunt-cost-"));
    const databasePath = join(dir, "knooppunt.db");
    await expect(startTestServer({ dir, passwordCost: 0 })).rejects.toThrow(RangeError);
    await expect(startTestServer({ dir, passwordCost: 10.5 })).rejects.toThrow(/whole number/);
    expect(existsSync(databasePath)).toBe(false);
  });
});
