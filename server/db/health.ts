import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../core/context";
import { queryGet } from "./statements";

export type DatabaseHealth = { ok: true } | { ok: false; database: "not_answering" | "not_writable"; cause: string };

/** After a write that committed, the next is tried no sooner than this: a monitor polling every second costs one page per 10 s. */
const WRITE_CHECK_EVERY_MS = 10_000;
const lastCommitted = new WeakMap<Database.Database, number>();

const causeOf = (error: unknown) => (error as { code?: string }).code ?? (error as Error).message ?? "unknown";

/**
 * What /healthz reports to whoever watches the server: whether the database answers and still takes
 * writes. A read alone said "ok" on a full disk or a file system remounted read-only while every clip
 * failed. The write rewrites the header's user_version with its own value: a transaction that really
 * commits (one page appended to the write-ahead log, as a clip's would be) yet changes nothing and needs
 * no table of its own. A failure is checked again on every call, so a recovery shows at once.
 */
export function databaseHealth(ctx: ServiceContext): DatabaseHealth {
  try {
    if (queryGet<{ one: number }>(ctx, sql`SELECT 1 AS one`)?.one !== 1) return { ok: false, database: "not_answering", cause: "SELECT 1" };
  } catch (error) {
    return { ok: false, database: "not_answering", cause: causeOf(error) };
  }
  const now = ctx.now().getTime();
  const last = lastCommitted.get(ctx.sqlite);
  if (last !== undefined && now >= last && now - last < WRITE_CHECK_EVERY_MS) return { ok: true };
  try {
    ctx.sqlite
      .transaction(() => {
        const version = Number(ctx.sqlite.pragma("user_version", { simple: true }));
        ctx.sqlite.pragma(`user_version = ${version}`);
      })
      .immediate();
  } catch (error) {
    lastCommitted.delete(ctx.sqlite);
    return { ok: false, database: "not_writable", cause: causeOf(error) };
  }
  lastCommitted.set(ctx.sqlite, now);
  return { ok: true };
}
