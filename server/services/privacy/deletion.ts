/**
 * Deleting an account (AVG art. 17), by the person or by an administrator. Private saves always go.
 * Shared work is settled first, as hand-over.ts does when a person leaves: saves in shared circles stay as
 * "oud-collega / former colleague" (`handOver`) or go (`remove`); bundles, communities the person owns and
 * leervragen they own as broker pass to a colleague (or "oud-collega" for bundles, so published pages and
 * the schools' offers keep working). Published snapshots stop naming the person. Offers, webhooks and
 * answered offers keep their rows, with the person's reference cleared by the schema's ON DELETE rules.
 * Then the account goes with everything that references it (tokens and sessions, memberships,
 * idempotency keys), and a deletion record without personal data remains.
 */
import { deletionConfirmation } from "../../../shared/privacy/deletion-confirmation";
import type { SharedWork } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { userById } from "../../db/repositories/accounts";
import { cascadingCounts, deleteUserRow, FORMER_COLLEAGUE, insertAccountDeletion, replaceSnapshotContent, snapshotsNaming } from "../../db/repositories/personal-data/deletion";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { recordAdminAction, type AuditActor } from "./audit-log";
import { handOverForDeletion, isLastActiveAdmin, leavingUser, type HandOverChoices } from "./hand-over";


export interface DeletionRequest extends HandOverChoices {
  sharedWork: SharedWork;
}

export interface DeletionCounts {
  savesRemoved: number;
  savesHandedOver: number;
  bundlesHandedOver: number;
  bundlesRemoved: number;
  tokens: number;
  memberships: number;
  idempotencyKeys: number;
}

/** Who asked: the person themself, or an administrator (through the API or on the server's machine). */
export type Initiator = { kind: "self" } | AuditActor;

export function deleteAccount(ctx: ServiceContext, userId: string, request: DeletionRequest, initiator: Initiator): DeletionCounts {
  return transaction(ctx, () => {
    const user = leavingUser(ctx, userId);
    if (isLastActiveAdmin(ctx, user)) {
      throw conflict("last_admin", "This is the last administrator: make someone else an administrator before deleting this account.");
    }
    const now = isoNow(ctx);
    const cascading = cascadingCounts(ctx, userId);
    // Shared work first (hand-over.ts): bundles, communities, leervragen and saves in shared circles.
    const handed = handOverForDeletion(ctx, user, request, initiator.kind === "self" ? null : initiator, now);
    const counts: DeletionCounts = {
      savesRemoved: handed.savesRemoved,
      savesHandedOver: handed.savesHandedOver,
      bundlesHandedOver: handed.bundlesHandedOver,
      bundlesRemoved: handed.bundlesRemoved,
      ...cascading,
    };

    for (const version of snapshotsNaming(ctx, userId)) {
      const content = JSON.parse(version.content) as BundleSnapshot;
      content.curators = content.curators.map((c) => (c.id === userId ? { ...c, id: FORMER_COLLEAGUE.id, name: FORMER_COLLEAGUE.name } : c));
      replaceSnapshotContent(ctx, version.bundleId, version.number, JSON.stringify(content));
    }

    deleteUserRow(ctx, userId);
    insertAccountDeletion(ctx, { at: now, initiatedBy: initiator.kind, sharedWork: request.sharedWork, counts: { ...counts } });
    if (initiator.kind !== "self") {
      recordAdminAction(ctx, initiator, { action: "user.delete", subjectKind: "user", subjectId: userId, details: { sharedWork: request.sharedWork, ...counts } });
    }
    return counts;
  });
}

/** The person's own deletion: they confirm with their e-mail address, so a stray request deletes nothing. */
export function deleteOwnAccount(ctx: ServiceContext, userId: string, input: { confirm: string; sharedWork?: SharedWork }) {
  const user = userById(ctx, userId);
  if (!user) throw notFound("user");
  if (input.confirm.trim().toLowerCase() !== deletionConfirmation(user)) {
    const what = user.email ? "e-mail address" : "name";
    throw invalid("confirmation_mismatch", `Type your ${what} to confirm that your account should be deleted.`, [{ path: ["confirm"], message: `does not match your ${what}` }]);
  }
  return deleteAccount(ctx, userId, { sharedWork: input.sharedWork ?? "handOver" }, { kind: "self" });
}
