/** The administrators' audit log: appended to, read newest first in pages, never changed. */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { auditLog } from "../../schema";
import { queryAll } from "../../statements";

export type AuditEntryRow = typeof auditLog.$inferSelect;

export function insertAuditEntry(ctx: ServiceContext, row: typeof auditLog.$inferInsert) {
  ctx.db.insert(auditLog).values(row).run();
}

/** `limit` entries after `afterSeq` (newest first); seq alone orders them, as entries are appended in time. */
export const auditEntries = (ctx: ServiceContext, afterSeq: number | null, limit: number) =>
  queryAll<Record<string, unknown>>(
    ctx,
    sql`SELECT seq, at, actor_id, actor_kind, action, subject_kind, subject_id, details FROM audit_log
        WHERE ${afterSeq === null ? sql`1` : sql`seq < ${afterSeq}`} ORDER BY seq DESC LIMIT ${limit}`,
  ).map(
    (r): AuditEntryRow => ({
      seq: r.seq as number,
      at: r.at as string,
      actorId: r.actor_id as string | null,
      actorKind: r.actor_kind as "admin" | "operator",
      action: r.action as string,
      subjectKind: r.subject_kind as string,
      subjectId: r.subject_id as string | null,
      details: JSON.parse(r.details as string) as AuditEntryRow["details"],
    }),
  );
