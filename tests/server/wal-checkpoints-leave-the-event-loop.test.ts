import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAFETY_PAGES } from "../../server/db/upkeep/checkpointer";
import { startTestServer, type TestServer } from "../support/server";

// The server's own connection checkpoints only as a safety net (at SAFETY_PAGES of log); a thread of its
// own copies the log back every quarter second, so a commit of a request seldom waits for a checkpoint.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("checkpoints of the write-ahead log", () => {
  it("are made by a thread of their own: the log is copied back long before the server's connection would", async () => {
    const sqlite = server.ctx.sqlite;
    expect(sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(SAFETY_PAGES);
    sqlite.exec("CREATE TABLE written_steadily (body BLOB)");
    const insert = sqlite.prepare("INSERT INTO written_steadily (body) VALUES (?)");
    const piece = Buffer.alloc(64 * 1024, 7);
    // ~8 MB in commits of 64 KiB: some 2,000 pages of log, a fifth of what the server's connection waits for.
    for (let i = 0; i < 128; i++) {
      insert.run(piece);
      if (i % 16 === 15) await pause(10);
    }
    // The log's index (the -shm file) says how many frames the log holds and how many were copied back
    // (its header's mxFrame at byte 16, the checkpoint's nBackfill at byte 96; this machine's byte order).
    const shm = `${server.databasePath}-shm`;
    const frames = () => {
      const index = readFileSync(shm);
      return { inLog: index.readUInt32LE(16), copiedBack: index.readUInt32LE(96) };
    };
    const written = frames().inLog;
    for (let i = 0; i < 100 && frames().copiedBack < frames().inLog; i++) await pause(50);
    expect({ manyFramesButFewerThanTheNet: written >= 2000 && written < SAFETY_PAGES, ...frames() }).toEqual({
      manyFramesButFewerThanTheNet: true,
      inLog: written,
      copiedBack: written,
    });
    sqlite.exec("DROP TABLE written_steadily");
  });

  it("close the thread's connection when the server stops: the last connection removes the log", async () => {
    // A folder of the test's own: stopping a test server otherwise removes its folder, log and all.
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-wal-"));
    try {
      const other = await startTestServer({ dir });
      const wal = `${other.databasePath}-wal`;
      other.ctx.sqlite.exec("CREATE TABLE a_little (x)");
      expect(existsSync(wal)).toBe(true);
      await other.stop();
      expect({ log: existsSync(wal), database: existsSync(other.databasePath) }).toEqual({ log: false, database: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
