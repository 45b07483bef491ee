import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { reply, startTestServer, type TestServer } from "../support/server";

const DAY = 24 * 60 * 60 * 1000;
let server: TestServer;
const v1 = (token?: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer({ retention: { sessionDays: 1, apiTokenDays: 2, deliveryLogDays: 3 }, jobs: { pollIntervalMs: 100, retentionIntervalMs: 50 } });
});
afterAll(() => server.stop());

const rows = <T>(query: string) => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
};
const write = (statements: string) => {
  const db = new Database(server.databasePath);
  try {
    db.exec(statements);
  } finally {
    db.close();
  }
};
/** The purge job runs every 50 ms: wait for the state it should reach. */
async function eventually<T>(read: () => T, expected: T) {
  for (let i = 0; i < 100; i += 1) {
    try {
      expect(read()).toEqual(expected);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  expect(read()).toEqual(expected);
}

describe("purging what is kept only for a while", () => {
  it("ends sessions and revokes API tokens unused longer than their settings, and drops finished delivery logs", async () => {
    const admin = v1(server.adminToken).admin;
    const email = "kim@test.knooppunt.nl";
    await reply(admin.users.$post({ json: { name: "Kim", email, password: "wachtwoord-kim-2026" } }));
    const login = () => reply(v1().auth.login.$post({ json: { email, password: "wachtwoord-kim-2026", deviceName: "laptop" } }));
    const idle = (await login()).body.token;
    await reply(v1(idle).tokens.$post({ json: { name: "script" } }));
    const busy = (await login()).body.token;
    const now = "2026-11-24T09:00:00.000Z";
    write(`
      INSERT INTO schools (id, name, sector, created_at) VALUES ('s1', 'De Regenboog', 'po', '${now}');
      INSERT INTO webhooks (id, school_id, url, format, events, secret, created_at) VALUES ('w1', 's1', 'https://hook.example/x', 'json', '[]', 'geheim', '${now}');
      INSERT INTO webhook_deliveries (id, webhook_id, event, body, status, next_attempt_at, created_at) VALUES
        ('d-done', 'w1', 'item.published', '{}', 'delivered', '${now}', '${now}'),
        ('d-failed', 'w1', 'item.published', '{}', 'failed', '${now}', '${now}'),
        ('d-pending', 'w1', 'item.published', '{}', 'pending', '2027-06-01T00:00:00.000Z', '${now}');
      INSERT INTO delivery_attempts (delivery_id, at, status_code, duration_ms) VALUES ('d-done', '${now}', 200, 12);
    `);
    const kims = () => rows<{ name: string; kind: string }>("SELECT t.name, t.kind FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.email = 'kim@test.knooppunt.nl' ORDER BY t.kind");

    server.clock.advance(0.75 * DAY);
    expect((await reply(v1(busy).me.$get())).status).toBe(200);
    server.clock.advance(0.75 * DAY);
    await eventually(kims, [
      { name: "script", kind: "api" },
      { name: "laptop", kind: "login" },
    ]);
    expect((await reply(v1(idle).me.$get())).status).toBe(401);
    expect((await reply(v1(busy).me.$get())).status).toBe(200);

    server.clock.advance(0.9 * DAY);
    await eventually(kims, [{ name: "laptop", kind: "login" }]);

    expect(rows("SELECT id FROM webhook_deliveries ORDER BY id")).toEqual([{ id: "d-done" }, { id: "d-failed" }, { id: "d-pending" }]);
    server.clock.advance(0.7 * DAY);
    // Pending deliveries are still to be sent: only finished ones are a log.
    await eventually(() => rows("SELECT id FROM webhook_deliveries ORDER BY id"), [{ id: "d-pending" }]);
    expect(rows("SELECT count(*) AS n FROM delivery_attempts")).toEqual([{ n: 0 }]);
  });

  it("drops web sessions past their end, one-time codes past their expiry and sign-ins left unfinished, and keeps what is still valid", async () => {
    // The administrator's own sign-in ended in the test above (one day unused); their account is still there.
    const me = rows<{ id: string }>("SELECT id FROM users WHERE email = 'beheer@test.knooppunt.nl'")[0]!.id;
    const now = server.clock.now().getTime();
    const at = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
    const created = new Date(now).toISOString();
    write(`
      INSERT INTO tokens (id, user_id, name, kind, secret_hash, created_at, last_used_at, expires_at) VALUES
        ('web-ended', '${me}', 'Chrome (Linux)', 'web', 'h-ended', '${created}', '${created}', '${at(1)}'),
        ('web-open', '${me}', 'Firefox (Linux)', 'web', 'h-open', '${created}', '${created}', '${at(5)}');
      INSERT INTO one_time_codes (code_hash, purpose, user_id, created_by, created_at, expires_at) VALUES
        ('c-device-old', 'device', '${me}', '${me}', '${created}', '${at(1)}'),
        ('c-reset-old', 'reset', '${me}', '${me}', '${created}', '${at(2)}'),
        ('c-reset-open', 'reset', '${me}', '${me}', '${created}', '${at(72)}');
      INSERT INTO sign_in_flows (state_hash, provider, code_verifier, nonce, purpose, user_id, return_to, created_at, expires_at) VALUES
        ('f-old', 'entree', 'v', 'n', 'sign-in', NULL, '/', '${created}', '${at(1)}'),
        ('f-open', 'entree', 'v', 'n', 'sign-in', NULL, '/', '${created}', '${at(4)}');
    `);
    server.clock.advance(3 * 3_600_000);
    const state = () => ({
      web: rows<{ id: string }>("SELECT id FROM tokens WHERE kind = 'web' ORDER BY id").map((r) => r.id),
      codes: rows<{ code_hash: string }>("SELECT code_hash FROM one_time_codes ORDER BY code_hash").map((r) => r.code_hash),
      flows: rows<{ state_hash: string }>("SELECT state_hash FROM sign_in_flows ORDER BY state_hash").map((r) => r.state_hash),
    });
    await eventually(state, { web: ["web-open"], codes: ["c-reset-open"], flows: ["f-open"] });
  });

  it("takes its settings from the environment, checked at start", () => {
    expect(loadConfig({ RETENTION_SESSION_DAYS: "30", RETENTION_DELIVERY_LOG_DAYS: "7" }).retention).toEqual({ sessionDays: 30, apiTokenDays: 365, deliveryLogDays: 7 });
    expect(() => loadConfig({ RETENTION_API_TOKEN_DAYS: "een jaar" })).toThrow(ConfigError);
    expect(() => loadConfig({ RETENTION_SESSION_DAYS: "0" })).toThrow(/RETENTION_SESSION_DAYS/);
  });
});
