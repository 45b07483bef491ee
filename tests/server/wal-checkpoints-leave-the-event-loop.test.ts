import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { SAFETY_PAGES, startCheckpointer } from "../../server/db/upkeep/checkpointer";
import { startTestServer } from "../support/server";

// While the log grows fast, a thread of its own copies it back and the server's connection checkpoints
// only as a safety net; the thread sleeps again once nothing is written.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, ms = 5000) {
  for (const started = Date.now(); !done() && Date.now() - started < ms; ) await pause(20);
}

describe("checkpoints of the write-ahead log", () => {
  it("are made by a thread woken by a bulk write, which sleeps again when writing stops", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-wal-"));
    const path = join(dir, "knooppunt.db");
    const { sqlite, close } = openDatabase(path);
    const checkpointer = startCheckpointer(sqlite, path, { everyMs: 50, watchMs: 50, quietMs: 1000 });
    try {
      sqlite.exec("CREATE TABLE written (body BLOB)");
      const insert = sqlite.prepare("INSERT INTO written (body) VALUES (?)");
      const autocheckpoint = () => sqlite.pragma("wal_autocheckpoint", { simple: true });
      // The log's index says how many frames the log holds and how many were copied back (the header's
      // mxFrame at byte 16, the checkpoint's nBackfill at byte 96; this machine's byte order).
      const frames = () => {
        const index = readFileSync(`${path}-shm`);
        return { inLog: index.readUInt32LE(16), copiedBack: index.readUInt32LE(96) };
      };
      const seen: Record<string, unknown> = {};

      // Clips now and then: SQLite's own checkpoints suffice, no thread.
      for (let i = 0; i < 5; i++) {
        insert.run(Buffer.alloc(2048, 1));
        await pause(60);
      }
      seen.afterClips = { running: checkpointer.stats.running, autocheckpoint: autocheckpoint() };

      // One burst of 6 MB between two looks (a second's clips on a fast machine) is no bulk write: no thread.
      for (let i = 0; i < 96; i++) insert.run(Buffer.alloc(64 * 1024, 2));
      await pause(200);
      seen.afterBurst = { running: checkpointer.stats.running, autocheckpoint: autocheckpoint() };

      // Bulk writing: 2 MB in pieces of 64 KiB every few milliseconds, look after look, wakes the thread,
      // and the safety net goes up.
      for (let round = 0; round < 1000 && !checkpointer.stats.running; round++) {
        for (let i = 0; i < 32; i++) insert.run(Buffer.alloc(64 * 1024, 2));
        await pause(5);
      }
      seen.duringBulk = { running: checkpointer.stats.running, autocheckpoint: autocheckpoint() };

      // Another 8 MB: 2,000 frames, twice what SQLite would wait for, copied back by the thread.
      const before = frames().inLog;
      for (let i = 0; i < 128; i++) {
        insert.run(Buffer.alloc(64 * 1024, 3));
        if (i % 16 === 15) await pause(10);
      }
      const written = frames().inLog;
      await until(() => frames().copiedBack === frames().inLog);
      seen.copied = { framesWrittenOverTheDefault: written - before > 1000 && written < SAFETY_PAGES, ...frames() };

      // Quiet again: the thread stops and SQLite's own checkpoints take over.
      await until(() => !checkpointer.stats.running);
      seen.afterwards = { running: checkpointer.stats.running, autocheckpoint: autocheckpoint(), starts: checkpointer.stats.starts };

      expect(seen).toEqual({
        afterClips: { running: false, autocheckpoint: 1000 },
        afterBurst: { running: false, autocheckpoint: 1000 },
        duringBulk: { running: true, autocheckpoint: SAFETY_PAGES },
        copied: { framesWrittenOverTheDefault: true, inLog: written, copiedBack: written },
        afterwards: { running: false, autocheckpoint: 1000, starts: 1 },
      });
    } finally {
      await checkpointer.stop();
      close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leave no connection open when the server stops with its thread awake: the last connection removes the log", async () => {
    // A folder of the test's own: stopping a test server otherwise removes its folder, log and all.
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-wal-"));
    try {
      const server = await startTestServer({ dir });
      const wal = `${server.databasePath}-wal`;
      const sqlite = server.ctx.sqlite;
      sqlite.exec("CREATE TABLE written (body BLOB)");
      const insert = sqlite.prepare("INSERT INTO written (body) VALUES (?)");
      // Written (25 MB a second) until the server's watcher (a look a second) wakes its thread.
      for (let i = 0; i < 400 && sqlite.pragma("wal_autocheckpoint", { simple: true }) !== SAFETY_PAGES; i++) {
        for (let j = 0; j < 8; j++) insert.run(Buffer.alloc(64 * 1024, 4));
        await pause(20);
      }
      expect({ threadAwake: sqlite.pragma("wal_autocheckpoint", { simple: true }) === SAFETY_PAGES, log: existsSync(wal) }).toEqual({ threadAwake: true, log: true });
      await server.stop();
      expect({ log: existsSync(wal), database: existsSync(server.databasePath) }).toEqual({ log: false, database: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("let a process that holds nothing else stop: the stop waits for the thread and returns", () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-wal-"));
    try {
      const script = fileURLToPath(new URL("../support/checkpointer-alone.ts", import.meta.url));
      const run = spawnSync(process.execPath, ["--import", "tsx", script, join(dir, "knooppunt.db")], { encoding: "utf8", timeout: 60_000 });
      expect({ status: run.status, stdout: run.stdout.trim(), wal: existsSync(join(dir, "knooppunt.db-wal")) }).toEqual({ status: 0, stdout: "stopped", wal: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
