/**
 * The counting thread (services/library/counting-thread.ts starts it): facet counts that read many
 * saves, on a read-only connection of its own, so that the server's thread goes on answering while
 * they run. Each message is one count; the answer carries the counts or the error's message.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import type { ItemFacetsQuery } from "../../shared/schemas";
import { createServiceContext } from "../core/context";
import { createLinks } from "../core/links";
import type { Viewer } from "../core/viewer";
import { useMemory } from "../db/client";
import * as schema from "../db/schema";
import { countedHere } from "../services/library/facets";
import { forgetThemeIndex } from "../services/taxonomy/theme-index";
import type { CountingThreadData, CountRequest } from "../services/library/counting-thread";

const COUNTING_CACHE_MB = 8;
const data = workerData as CountingThreadData;
const sqlite = new Database(data.databasePath, { readonly: true, fileMustExist: true });
sqlite.pragma("busy_timeout = 5000");
// A page cache of its own, smaller than the server's: a count reads the index once from start to end,
// and pages read again come from the operating system's cache (12 MB of index at 100k items is
// 3,000 reads, a few ms beside a count of 300 ms), where a cache as large as the server's would hold a
// second copy of them in this process's memory.
useMemory(sqlite, { ...data.memory, cacheMb: Math.min(COUNTING_CACHE_MB, data.memory.cacheMb) });
const ctx = createServiceContext({ db: drizzle(sqlite, { schema }), sqlite, links: createLinks(data.linksBase) });

parentPort!.on("message", ({ id, viewer, query, way }: CountRequest) => {
  try {
    // The taxonomy is read again for every count (a few dozen rows beside a walk over every save):
    // a theme renamed or moved on the server's thread is counted as it now stands.
    forgetThemeIndex(ctx);
    parentPort!.postMessage({ id, counts: countedHere(ctx, viewer as Viewer, query as ItemFacetsQuery, way) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
