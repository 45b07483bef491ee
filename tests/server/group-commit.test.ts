import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommit } from "../../server/db/group-commit";

let dir: string;
let sqlite: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-group-commit-"));
  sqlite = new Database(join(dir, "test.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (body: string) => () => Number(sqlite.prepare("INSERT INTO notes (body) VALUES (?)").run(body).lastInsertRowid);
const bodies = () => (sqlite.prepare("SELECT body FROM notes ORDER BY id").all() as { body: string }[]).map((r) => r.body);

describe("group commit", () => {
  it("commits writes queued in the same turn together and answers each with its own result", async () => {
    const writes = new GroupCommit(sqlite);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writes.run(insert(`note ${i}`))));
    expect(results).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(writes.stats).toEqual({ batches: 1, writes: 10, largestBatch: 10 });
    // Committed: a second connection sees every row.
    const other = new Database(join(dir, "test.sqlite"), { readonly: true });
    expect((other.prepare("SELECT count(*) AS n FROM notes").get() as { n: number }).n).toBe(10);
    other.close();
  });

  it("answers nobody before the commit that holds their write: a commit that fails fails every write of its batch", async () => {
    // A deferred foreign key is checked at COMMIT only: each write succeeds on its own, the commit does not.
    sqlite.pragma("foreign_keys = ON");
    sqlite.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
      CREATE TABLE children (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)`);
    const writes = new GroupCommit(sqlite);
    const orphan = () => sqlite.prepare("INSERT INTO children (parent) VALUES (42)").run().changes;
    const outcomes = await Promise.allSettled([writes.run(insert("goed")), writes.run(orphan)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect((outcomes[0] as PromiseRejectedResult).reason.code).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
    expect(bodies()).toEqual([]);
    expect(writes.stats.batches).toBe(0);
  });

  it("rolls back a write that fails, with everything it wrote, and keeps the others of its batch", async () => {
    const writes = new GroupCommit(sqlite);
    const failing = () => {
      insert("half geschreven")();
      throw new Error("geweigerd");
    };
    const outcomes = await Promise.allSettled([writes.run(insert("a")), writes.run(failing), writes.run(insert("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe("geweigerd");
    expect(bodies()).toEqual(["a", "b"]);
    expect(writes.stats.batches).toBe(1);
  });

  it("fails every write of the batch when the transaction itself is lost", async () => {
    const writes = new GroupCommit(sqlite);
    const endsTransaction = () => {
      sqlite.exec("ROLLBACK");
      throw new Error("disk I/O error");
    };
    const outcomes = await Promise.allSettled([writes.run(insert("a")), writes.run(endsTransaction), writes.run(insert("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(bodies()).toEqual([]);
    // The next burst starts afresh.
    await writes.run(insert("c"));
    expect(bodies()).toEqual(["c"]);
  });

  it("holds the write lock from the start, so another connection's commit cannot spoil the batch", async () => {
    const writes = new GroupCommit(sqlite);
    const other = new Database(join(dir, "test.sqlite"));
    other.pragma("busy_timeout = 0");
    let interference: string | null = null;
    // Each clip reads before it writes, as saveItem does; between the first read and write another
    // process (an operator's `npm run admin`) tries to commit.
    const readThenWrite = (body: string, interfere = false) => () => {
      sqlite.prepare("SELECT count(*) FROM notes").get();
      if (interfere) {
        try {
          other.prepare("INSERT INTO notes (body) VALUES ('van buiten')").run();
          interference = "committed";
        } catch (error) {
          interference = (error as { code?: string }).code ?? String(error);
        }
      }
      return insert(body)();
    };
    const outcomes = await Promise.allSettled([writes.run(readThenWrite("a", true)), writes.run(readThenWrite("b")), writes.run(readThenWrite("c"))]);
    other.close();
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    // The other connection waited its turn (and gave up, with no busy timeout) instead of winning the race.
    expect(interference).toBe("SQLITE_BUSY");
    expect(bodies()).toEqual(["a", "b", "c"]);
  });

  it("after a batch of several writes, waits a few turns for more writers and takes them into one commit", async () => {
    const writes = new GroupCommit(sqlite, 64, 300);
    await Promise.all([writes.run(insert("a")), writes.run(insert("b"))]);
    // Writers answered a moment ago send again over the next turns of the event loop.
    const later = (body: string, turns: number): Promise<number> =>
      new Promise((resolve, reject) => {
        const step = (left: number) => (left === 0 ? writes.run(insert(body)).then(resolve, reject) : setImmediate(() => step(left - 1)));
        step(turns);
      });
    const started = performance.now();
    await Promise.all([later("c", 0), later("d", 3), later("e", 6)]);
    expect(writes.stats).toEqual({ batches: 2, writes: 5, largestBatch: 3 });
    expect(bodies()).toEqual(["a", "b", "c", "d", "e"]);
    // It waited for the rest of its time: nothing said the batch was full.
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });

  it("goes at once when full, and a write after a lone write never waits", async () => {
    const writes = new GroupCommit(sqlite, 3, 60_000);
    await writes.run(insert("alleen"));
    const lone = performance.now();
    await writes.run(insert("weer alleen"));
    expect(performance.now() - lone).toBeLessThan(1_000);
    await Promise.all([writes.run(insert("a")), writes.run(insert("b"))]);
    const full = performance.now();
    const one = writes.run(insert("c"));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([one, writes.run(insert("d")), writes.run(insert("e"))]);
    expect(performance.now() - full).toBeLessThan(1_000);
    expect(writes.stats).toEqual({ batches: 4, writes: 7, largestBatch: 3 });
  });

  it("caps a batch and carries the rest to the next turn", async () => {
    const writes = new GroupCommit(sqlite, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => writes.run(insert(`n${i}`))));
    expect(writes.stats).toEqual({ batches: 3, writes: 10, largestBatch: 4 });
    expect(bodies()).toHaveLength(10);
  });

  it("runs nested transactions inside a write as savepoints", async () => {
    const writes = new GroupCommit(sqlite);
    const nested = sqlite.transaction(() => {
      insert("binnen")();
      return "klaar";
    });
    await expect(writes.run(() => nested())).resolves.toBe("klaar");
    expect(bodies()).toEqual(["binnen"]);
  });
});
