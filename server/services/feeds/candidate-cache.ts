/**
 * A feed's candidate rows, remembered together with the change counters (db/feed-versions.ts) they were
 * read at. While the counters stand still the rows cannot have changed, so a feed reader's poll answers
 * from memory after a few primary-key lookups; any write a reader could see bumps a counter in its own
 * transaction, and the next poll reads the rows again.
 *
 * One cache per database connection: tests run several servers in one process, and counters of two
 * databases can be equal.
 */
import type Database from "better-sqlite3";
import type { ServiceContext } from "../../core/context";

// A school feed's 50 candidates are ~10 KB: 2,048 feeds stay near 20 MB; beyond that the oldest go.
const MAX_ENTRIES = 2048;

const caches = new WeakMap<Database.Database, Map<string, { state: string; value: unknown }>>();

/** `load()`'s result for `key`, reused while `state` (the counters it depends on) is unchanged. */
export function remembered<T>(ctx: ServiceContext, key: string, state: string, load: () => T): T {
  let cache = caches.get(ctx.sqlite);
  if (!cache) caches.set(ctx.sqlite, (cache = new Map()));
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.state === state) {
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = load();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { state, value });
  return value;
}
