/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database file
 * in the connection whose commit takes the log past `wal_autocheckpoint` pages, inside that commit: on the
 * server's one connection that is the event loop, and every request waits. Measured in the import bench
 * (100,000 bookmarks, batches sized for 5 ms): batch p95 19.5 ms with checkpoints in the commits, 8.5 ms
 * without, and a search waits for the batch it lands in.
 *
 * While the log grows fast, a worker thread with a connection of its own runs a PASSIVE checkpoint every
 * quarter second: it copies what it can without ever blocking the writer or a reader. Starting the log over is left to the main
 * connection's own autocheckpoint, raised to SAFETY_PAGES while the worker runs: with memory-mapped reads the writer does not
 * start over a log another connection copied (measured), and the worker cannot do it for the writer
 * without taking its lock (TRUNCATE from the worker: WAL kept at ~8 MB, but writes of 64 KiB every 5 ms
 * stalled up to 35 ms, p99 19 ms). The main connection then checkpoints once per ~40 MB of log instead
 * of every 4 MB, copying only what the worker has not yet; the log file grows to ~40 MB. 400 writes of
 * 64 KiB every 5 ms took at most 1.1 ms each with the worker, against p99 20 ms and max 27 ms with
 * SQLite's own checkpoints every 1,000 pages.
 *
 * The worker is a few lines of CommonJS evaluated in the thread rather than a module of its own: it then
 * runs the same under tsx, vitest and the bundled server, with no loader and no second bundle entry.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** 10,000 pages of 4 KiB: ~40 MB of log before the main connection would checkpoint itself. */
export const SAFETY_PAGES = 10_000;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    // Again while frames were added meanwhile: what is left for the main connection's own checkpoint stays small.
    for (let round = 0; round < 8; round++) {
      const [result] = db.pragma("wal_checkpoint(PASSIVE)");
      if (result.log <= 0 || result.checkpointed >= result.log) break;
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerTiming {
  /** How often the worker checkpoints while it runs. */
  everyMs: number;
  /** How often the main thread looks at how fast the log grows. */
  watchMs: number;
  /** The worker stops after this long without a frame to copy. */
  quietMs: number;
}

export const CHECKPOINTER_TIMING: CheckpointerTiming = { everyMs: 250, watchMs: 1000, quietMs: 30_000 };

/**
 * Frames added within one look that count as bulk writing: 4 MB of log a second. Measured per second: an
 * import of bookmarks adds 1,000–6,000 (median 3,700), the lean bench's 1,000 mixed requests at most 414
 * on a busy machine, but on an idle one its burst of clips crossed the line for one look and woke the
 * thread, which stayed for its quiet time: 103 MB resident after those requests against 96 MB without.
 * So the worker wakes when the last BUSY_LOOKS looks together added BUSY_FRAMES a look: a burst of clips
 * does not reach it, an import reaches it at once. Measured, 100,000 links, 3 rounds each: waking only
 * after three busy looks in a row kept the burst out too, but left an import's first seconds of
 * checkpoints to the server's own connection: peak RSS growth 158 MB against 147 MB.
 */
const BUSY_FRAMES = 1000;
const BUSY_LOOKS = 3;
/** SQLite's own autocheckpoint, restored while the worker sleeps. */
const SQLITE_DEFAULT_PAGES = 1000;

export interface Checkpointer {
  /** Whether the worker thread runs now, and how often it was woken. */
  readonly stats: { running: boolean; starts: number };
  /** Stops watching, and the worker after the checkpoint in progress, closing its connection. */
  stop(): Promise<void>;
}

/** Reads `bytes` at `offset` of a file, or null when it is not there (yet). */
function readAt(path: string, buffer: Buffer, offset: number): Buffer | null {
  try {
    const fd = openSync(path, "r");
    try {
      return readSync(fd, buffer, 0, buffer.length, offset) === buffer.length ? buffer : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * Where the log stands, read without a lock (a hint of how fast it grows, never used for more): how many
 * frames it holds (the -shm index's mxFrame at byte 16, this machine's byte order) and how often it
 * started over (the -wal header's checkpoint sequence at byte 12, big-endian).
 */
function logPosition(path: string, buffer: Buffer): { frames: number; restarts: number } {
  return { frames: readAt(`${path}-shm`, buffer, 16)?.readUInt32LE(0) ?? 0, restarts: readAt(`${path}-wal`, buffer, 12)?.readUInt32BE(0) ?? 0 };
}

/**
 * Watches the log and runs the worker only while it grows fast (an import, a bulk change): a thread
 * costs ~8 MB resident, which an idle server or one taking clips one by one does not need (its commits
 * add a few frames each, and SQLite's own checkpoints every 1,000 pages stay short).
 */
export function startCheckpointer(sqlite: Database.Database, path: string, timing: CheckpointerTiming = CHECKPOINTER_TIMING): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const stats = { running: false, starts: 0 };
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let lastError = "";
  let lastGrowth = Date.now();
  const recent: number[] = [];
  let stopping = false;
  const buffer = Buffer.alloc(4);
  let last = logPosition(path, buffer);

  const wake = () => {
    const thread = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs: timing.everyMs } });
    thread.unref();
    thread.on("message", (message: { error: string }) => {
      // Said once per kind of failure, not every quarter second: the safety net keeps the log bounded meanwhile.
      if (message.error !== lastError) console.error(`[knooppunt] WAL checkpoint failed: ${message.error}`);
      lastError = message.error;
    });
    exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
    thread.on("error", (error) => {
      console.error("[knooppunt] the checkpoint thread stopped:", error);
      // The server's own checkpoints take over at once, not after the quiet time.
      if (worker === thread) {
        worker = null;
        stats.running = false;
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
      }
    });
    worker = thread;
    stats.running = true;
    stats.starts++;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
  };

  // Resolves when the thread last told to stop has ended: stop() waits for it too, so the server's
  // connection is never closed before the thread's.
  let asleep: Promise<void> = Promise.resolve();
  const sleep = () => {
    const thread = worker;
    if (!thread) return asleep;
    worker = null;
    stats.running = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    // Held open until it has ended: an unref'd thread would let a stopping process end first, its
    // connection still open and whoever waits for the stop never answered.
    thread.ref();
    thread.postMessage("stop");
    const timeout = setTimeout(() => void thread.terminate(), 5_000);
    timeout.unref();
    asleep = Promise.all([asleep, exited.then(() => clearTimeout(timeout))]).then(() => {});
    return asleep;
  };

  const watcher = setInterval(() => {
    if (stopping) return;
    const now = logPosition(path, buffer);
    // A log that started over held about as many frames as the autocheckpoint lets it before each start.
    const startedOver = (now.restarts - last.restarts) >>> 0;
    const perStart = worker ? SAFETY_PAGES : SQLITE_DEFAULT_PAGES;
    const added = startedOver === 0 ? now.frames - last.frames : Math.max(0, perStart - last.frames) + (startedOver - 1) * perStart + now.frames;
    last = now;
    recent.push(added);
    if (recent.length > BUSY_LOOKS) recent.shift();
    if (added >= BUSY_FRAMES) lastGrowth = Date.now();
    if (!worker && recent.reduce((sum, n) => sum + n, 0) >= BUSY_FRAMES * BUSY_LOOKS) wake();
    else if (worker && Date.now() - lastGrowth > timing.quietMs) void sleep();
  }, timing.watchMs);
  watcher.unref();

  return {
    stats,
    async stop() {
      stopping = true;
      clearInterval(watcher);
      await sleep();
    },
  };
}
