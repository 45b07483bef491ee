/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database file
 * in the connection whose commit takes the log past `wal_autocheckpoint` pages, inside that commit: on the
 * server's one connection that is the event loop, and every request waits. Measured in the import bench
 * (100,000 bookmarks, batches sized for 5 ms): batch p95 19.5 ms with checkpoints in the commits, 8.5 ms
 * without, and a search waits for the batch it lands in.
 *
 * A worker thread with a connection of its own runs a PASSIVE checkpoint every CHECK_MS: it copies what
 * it can without ever blocking the writer or a reader. Starting the log over is left to the main
 * connection's own autocheckpoint, raised to SAFETY_PAGES: with memory-mapped reads the writer does not
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
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

const CHECK_MS = 250;
/** 10,000 pages of 4 KiB: ~40 MB of log before the main connection would checkpoint itself. */
export const SAFETY_PAGES = 10_000;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
let last = 0;
const timer = setInterval(() => {
  try {
    // Again while frames were added meanwhile: what is left for the main connection's own checkpoint stays small.
    let copied = 0;
    for (let round = 0; round < 8; round++) {
      const [result] = db.pragma("wal_checkpoint(PASSIVE)");
      copied = result.checkpointed;
      if (result.log <= 0 || result.checkpointed >= result.log) break;
    }
    // Said only when something was copied: an idle server's main thread is not woken four times a second.
    if (copied > 0 && copied !== last) parentPort.postMessage({ copied });
    last = copied;
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

export interface Checkpointer {
  /** Passes that found frames to copy, and passes that failed, since the start. */
  readonly stats: { passes: number; errors: number };
  /** Stops the worker after the checkpoint in progress and closes its connection. */
  stop(): Promise<void>;
}

export function startCheckpointer(sqlite: Database.Database, path: string, everyMs = CHECK_MS): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs } });
  worker.unref();
  const stats = { passes: 0, errors: 0 };
  let lastError = "";
  worker.on("message", (message: { copied?: number; error?: string }) => {
    if (message.copied) stats.passes++;
    else if (message.error) {
      stats.errors++;
      // Said once per kind of failure, not every quarter second: the safety net keeps the log bounded meanwhile.
      if (message.error !== lastError) console.error(`[knooppunt] WAL checkpoint failed: ${message.error}`);
      lastError = message.error;
    }
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (error) => console.error("[knooppunt] the checkpoint thread stopped:", error));
  return {
    stats,
    async stop() {
      worker.postMessage("stop");
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
