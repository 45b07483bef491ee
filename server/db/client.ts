import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";
import { cleanStoredUrls } from "./stored-urls";

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * How much memory SQLite may use beside the heap. The page cache is the process's own (anonymous) memory
 * and fills as pages are read, up to its size; mmap'd pages are the file's, shared with the OS page cache
 * and given back under pressure. On a small server both can be lowered (SQLITE_CACHE_MB, SQLITE_MMAP_MB):
 * an idle server holds neither, a busy one on a large library holds up to the cache's size more.
 */
export interface SqliteMemory {
  cacheMb: number;
  mmapMb: number;
}

/** A 64 MiB page cache and 256 MiB of memory-mapped reads: search joins FTS hits to item rows of a few KB each. */
export const SQLITE_MEMORY_DEFAULTS: SqliteMemory = { cacheMb: 64, mmapMb: 256 };

/** A connection's page cache and memory-mapped reads (the server's, and the counting thread's own). */
export function useMemory(sqlite: Database.Database, memory: SqliteMemory) {
  // A negative cache_size is in KiB.
  sqlite.pragma(`cache_size = -${Math.floor(memory.cacheMb) * 1024}`);
  sqlite.pragma(`mmap_size = ${Math.floor(memory.mmapMb) * 1024 * 1024}`);
}

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. WAL lets feed readers and
 * the extension read while a clip is written; busy_timeout rides out the short write locks of a second
 * process such as `npm run admin`.
 */
export function openDatabase(path: string, memory: SqliteMemory = SQLITE_MEMORY_DEFAULTS): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  useMemory(sqlite, memory);
  const db = drizzle(sqlite, { schema });
  // A migration that changes a table's foreign keys recreates the table; with foreign keys on, dropping the
  // old one would cascade into every table that references it. PRAGMA foreign_keys is ignored inside the
  // migrator's transaction, so it is switched off around it, and the result checked before switching back.
  // The check reads every referencing table, so it runs only when a migration did (not at every start).
  sqlite.pragma("foreign_keys = OFF");
  const applied = () => (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'").get() as { n: number }).n
    ? (sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n
    : 0;
  const before = applied();
  migrate(db, { migrationsFolder });
  const broken = applied() === before ? [] : (sqlite.pragma("foreign_key_check") as unknown[]);
  if (broken.length) throw new Error(`The database's references do not hold after migrating: ${JSON.stringify(broken.slice(0, 5))}`);
  sqlite.pragma("foreign_keys = ON");
  cleanStoredUrls(sqlite);
  return { sqlite, db, close: () => sqlite.close() };
}
