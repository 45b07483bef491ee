/**
 * The facet counts that read many saves (a filter without a query, or words found in many saves:
 * facets.ts `offThread`) are synchronous work inside SQLite: ~150–300 ms at 100k items, over a second at
 * 300k. On the server's one thread that held up every other request meanwhile: a colleague's clip, a
 * school's feed poll, the very list the counts sit beside. They run on a thread of their own with a
 * read-only connection of its own (WAL lets it read beside the writes, and it sees every write that was
 * answered), one count at a time; a count whose request went away before its turn (the person typed on,
 * and the side panel asked again) is skipped. The thread starts at the first such count and stops after
 * a minute without one, so a server nobody filters keeps no second heap.
 *
 * Written here rather than with a pool library: one thread, one kind of message, and the skipping of
 * counts nobody waits for, which needs the queue in our hands; what a library would add (several
 * threads, transfer lists) this has no use for. A thread that fails to start or dies takes its counts
 * with it: the caller counts those on its own thread instead (facets.ts `countFacets`).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ItemFacetsQuery, ItemFacetsResponse } from "../../../shared/schemas";
import { ClientGone } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import type { SqliteMemory } from "../../db/client";

/** What the thread is started with (server/cli/facet-thread.ts). */
export interface CountingThreadData {
  databasePath: string;
  memory: SqliteMemory;
  linksBase: string;
}

export interface CountRequest {
  id: number;
  viewer: Viewer;
  query: ItemFacetsQuery;
  /** The way the server's thread chose (facets.ts `facetWay`): the thread counts that way, without choosing again. */
  way: "saves" | "signatures";
}

type CountAnswer = { id: number; counts: ItemFacetsResponse } | { id: number; error: string };

const IDLE_MS = 60_000;
/** After a thread that could not start, the counts stay on the server's thread this long before it is tried again. */
const RETRY_MS = 5 * 60_000;

/**
 * The thread's code: the bundle's own file beside the built server's chunks (server/cli/build.ts), or
 * under tsx (npm run dev, the tests) the TypeScript module through tsx's loader.
 */
function threadEntry(): { url: URL; workerData: Record<string, unknown> } {
  const here = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));
  const built = join(here, "facet-thread.js");
  if (existsSync(built)) return { url: pathToFileURL(built), workerData: {} };
  return { url: new URL("../../cli/ts-thread.mjs", import.meta.url), workerData: { entry: new URL("../../cli/facet-thread.ts", import.meta.url).href } };
}

/**
 * What a thread threw, as an Error with a message: an error class of a package (better-sqlite3's
 * SqliteError) crosses from the thread as a plain object that kept only its own fields (`code`).
 */
function threadError(error: unknown): Error {
  if (error instanceof Error && error.message) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return new Error(`the counting thread failed: ${[code, message].filter((part) => typeof part === "string" && part).join(" ") || String(error)}`);
}

interface Job {
  viewer: Viewer;
  query: ItemFacetsQuery;
  way: CountRequest["way"];
  signal: AbortSignal | undefined;
  resolve: (counts: ItemFacetsResponse) => void;
  reject: (error: Error) => void;
}

export class CountingThread {
  private worker: Worker | null = null;
  /** Counts wait here, not in the thread's own message queue: one whose request went away is skipped. */
  private readonly queue: Job[] = [];
  private busy: { id: number; job: Job } | null = null;
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private closed = false;
  /** Whether the running thread has answered a count yet: one that fails before is not started again at once. */
  private answered = false;
  private failedStart: { at: number; error: Error } | null = null;
  /** Counts made on the thread, and counts skipped because their request went away. */
  readonly stats = { counted: 0, dropped: 0 };

  constructor(
    private readonly data: CountingThreadData,
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * Counts on the thread, after the counts asked before; rejects when the thread cannot start, dies or
   * was closed, and with ClientGone when `signal` (the request's) aborted before the count began.
   */
  count(viewer: Viewer, query: ItemFacetsQuery, way: CountRequest["way"], signal?: AbortSignal): Promise<ItemFacetsResponse> {
    if (this.closed) return Promise.reject(new Error("the counting thread was closed"));
    if (this.failedStart && performance.now() - this.failedStart.at < RETRY_MS) return Promise.reject(this.failedStart.error);
    return new Promise((resolve, reject) => {
      this.queue.push({ viewer, query, way, signal, resolve, reject });
      this.next();
    });
  }

  /** Whether a thread runs now (started by a count, stopped after a minute without one). */
  get running(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stop(new Error("the counting thread was closed"));
    for (const job of this.queue.splice(0)) job.reject(new Error("the counting thread was closed"));
  }

  /** Hands the thread the next count whose request is still there, or lets it idle. */
  private next() {
    if (this.busy) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      if (job.signal?.aborted) {
        this.stats.dropped++;
        job.reject(new ClientGone("the count's request went away before it was counted"));
        continue;
      }
      const id = this.nextId++;
      this.busy = { id, job };
      this.started().postMessage({ id, viewer: job.viewer, query: job.query, way: job.way } satisfies CountRequest);
      return;
    }
    const worker = this.worker;
    if (worker) this.idle = setTimeout(() => this.worker === worker && void this.stop(null), this.idleMs).unref();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const entry = threadEntry();
    const worker = new Worker(entry.url, { workerData: { ...entry.workerData, ...this.data } });
    // The server's own listening keeps the process alive; a thread left idle must not.
    worker.unref();
    this.answered = false;
    worker.on("message", (answer: CountAnswer) => {
      if (this.worker !== worker || this.busy?.id !== answer.id) return;
      this.answered = true;
      this.failedStart = null;
      const { job } = this.busy;
      this.busy = null;
      if ("error" in answer) job.reject(new Error(answer.error));
      else {
        this.stats.counted++;
        job.resolve(answer.counts);
      }
      this.next();
    });
    worker.on("error", (error: unknown) => this.lost(worker, threadError(error)));
    worker.on("exit", (code) => this.lost(worker, new Error(`the counting thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** The thread is gone: the count it was making, and those waiting, are answered with the error. */
  private lost(worker: Worker, error: Error, stopped = false) {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!stopped) {
      console.error(`[knooppunt] the counting thread stopped; facet counts run on the server's thread meanwhile: ${error.message}`);
      if (!this.answered) this.failedStart = { at: performance.now(), error };
    }
    const busy = this.busy;
    this.busy = null;
    busy?.job.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private async stop(error: Error | null) {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, error ?? new Error("the counting thread was stopped"), true);
    await worker.terminate();
  }
}
