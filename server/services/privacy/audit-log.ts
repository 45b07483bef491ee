/**
 * The administrators' audit log: who did what to whom, and when. Entries name people and organisations by
 * id only, so a person's deletion leaves nothing personal behind here.
 */
import type { AuditEntry } from "../../../shared/schemas";
import { decodeCursor, pageOf } from "../../db/paging";
import { auditEntries, insertAuditEntry } from "../../db/repositories/personal-data/audit-log";
import { isoNow, type ServiceContext } from "../../core/context";

/** Who acted: an administrator through the API (by id), or an operator on the server's machine. */
export type AuditActor = { kind: "admin"; userId: string } | { kind: "operator" };

export interface AuditAction {
  action: string;
  subjectKind: string;
  subjectId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export function recordAdminAction(ctx: ServiceContext, actor: AuditActor, action: AuditAction) {
  insertAuditEntry(ctx, {
    at: isoNow(ctx),
    actorId: actor.kind === "admin" ? actor.userId : null,
    actorKind: actor.kind,
    action: action.action,
    subjectKind: action.subjectKind,
    subjectId: action.subjectId ?? null,
    details: action.details ?? {},
  });
}

export function auditLogPage(ctx: ServiceContext, query: { cursor?: string; limit?: number }): { entries: AuditEntry[]; nextCursor: string | null } {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, (v) => (typeof v.seq === "number" && Number.isInteger(v.seq) ? v.seq : null));
  const { page, nextCursor } = pageOf(auditEntries(ctx, after, limit + 1), limit, (row) => ({ seq: row.seq }));
  return {
    entries: page.map((row) => ({
      id: row.seq,
      at: row.at,
      actor: { kind: row.actorKind, userId: row.actorId },
      action: row.action,
      subject: { kind: row.subjectKind, id: row.subjectId },
      details: row.details,
    })),
    nextCursor,
  };
}
