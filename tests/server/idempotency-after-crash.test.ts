import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { releaseStaleClaims } from "../../server/http/idempotency";

const dir = mkdtempSync(join(tmpdir(), "knooppunt-crash-"));
const databasePath = join(dir, "k.db");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = { email: "beheer@crash.knooppunt.nl", password: "beheer-wachtwoord-1" };

/** The real start command (`npm start`) on the shared database file; resolves with its URL once it listens. */
async function startProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    env: { ...process.env, PORT: "0", DATABASE_PATH: databasePath, KNOOPPUNT_DEMO: "0", KNOOPPUNT_ADMIN_EMAIL: ADMIN.email, KNOOPPUNT_ADMIN_PASSWORD: ADMIN.password },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout!.on("data", (d) => ((output += d), check()));
    child.stderr!.on("data", (d) => ((output += d), check()));
    exited.then(() => reject(new Error(`the server exited:\n${output}`)));
  });
  return { child, url, exited };
}

const CLIENTS = 64;
const CLIPS_EACH = 3;
/** Killed while every client still has a clip on its way: 64 answered of 192. */
const KILL_AFTER = 64;

type Answer = { status: number; replayed: string | null; body: any };

function clip(url: string, token: string, key: string, body: object): Promise<Answer> {
  return fetch(`${url}/api/v1/items`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Idempotency-Key": key },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, replayed: res.headers.get("idempotent-replayed"), body: await res.json() }));
}

describe("Idempotency-Keys after the server was killed mid-way", () => {
  it("answers every retried clip with its stored answer or stores it now: none waits, none is lost, none is doubled", async () => {
    const first = await startProcess();
    const login = await fetch(`${first.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
    const { token } = (await login.json()) as { token: string };

    const clips = Array.from({ length: CLIENTS * CLIPS_EACH }, (_, i) => ({
      key: `na-de-crash-${i}`,
      body: { url: `https://example.org/na-de-crash/${i}`, title: `Artikel ${i}`, visibility: "private" },
    }));
    const before = new Map<string, Answer>();
    let answered = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let n = 0; n < CLIPS_EACH; n++) {
          const { key, body } = clips[c * CLIPS_EACH + n]!;
          try {
            before.set(key, await clip(first.url, token, key, body));
          } catch {
            continue; // The connection died with the server: the extension keeps the clip and retries.
          }
          if (++answered === KILL_AFTER) first.child.kill("SIGKILL");
        }
      }),
    );
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");
    expect([...before.values()].every((a) => a.status === 201)).toBe(true);
    expect(before.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(before.size).toBeLessThan(clips.length);

    // Usually the crash leaves keys claimed by requests that never finished (on an idle machine dozens; on a
    // starved one the kill can land before any in-flight request was read): either way every retry below
    // must be answered, and none may wait for a request that died with the server.

    const second = await startProcess();
    const after = new Map<string, Answer>();
    for (let i = 0; i < clips.length; i += CLIENTS) {
      await Promise.all(clips.slice(i, i + CLIENTS).map(async ({ key, body }) => after.set(key, await clip(second.url, token, key, body))));
    }

    const statuses = [...after.values()].map((a) => a.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    for (const [key, answer] of before) {
      // A clip answered before the crash is answered the same way again, from the stored answer.
      expect(after.get(key)).toEqual({ ...answer, replayed: "true" });
    }

    second.child.kill("SIGTERM");
    await second.exited;
    const db = new Database(databasePath, { readonly: true });
    const stored = db
      .prepare("SELECT i.url AS url, count(s.seq) AS saves FROM items i JOIN saves s ON s.item_seq = i.seq WHERE i.url LIKE 'https://example.org/na-de-crash/%' GROUP BY i.seq ORDER BY i.url")
      .all() as { url: string; saves: number }[];
    db.close();
    expect(stored.length).toBe(clips.length);
    expect(new Set(stored.map((s) => s.url)).size).toBe(clips.length);
    expect(stored.filter((s) => s.saves !== 1)).toEqual([]);
    for (const { key } of clips) expect(after.get(key)!.body.item.url).toBe(clips.find((c) => c.key === key)!.body.url);
  }, 120_000);
});

describe("Idempotency-Keys a killed server left unanswered", () => {
  it("are released only for routes that store their answer with their write; elsewhere the write may have committed", () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-stale-claims-"));
    const database = openDatabase(join(dir, "k.db"));
    try {
      const at = "2026-12-01T08:00:00.000Z";
      database.sqlite.exec(`
        INSERT INTO users (id, name, email, password_hash, roles, created_at, updated_at) VALUES ('u1', 'Anna', 'anna@example.nl', 'x', '[]', '${at}', '${at}');
        INSERT INTO idempotency_keys (user_id, key, route, request_hash, created_at) VALUES
          ('u1', 'clip', 'POST /api/v1/items', 'h1', '${at}'),
          ('u1', 'bundel', 'POST /api/v1/bundles', 'h2', '${at}');
      `);
      expect(releaseStaleClaims(database, new Date("2026-12-01T09:00:00.000Z"))).toBe(1);
      expect(database.sqlite.prepare("SELECT key FROM idempotency_keys ORDER BY key").all()).toEqual([{ key: "bundel" }]);
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
