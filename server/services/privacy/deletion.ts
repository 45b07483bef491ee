/**
 * Deleting an account (AVG art. 17), by the person or by an administrator. Private saves always go.
 * Shared work is settled first, by the choice `sharedWork`:
 * - saves in a community, school or wider circle are handed over to the placeholder "oud-collega / former
 *   colleague" (`handOver`, so colleagues keep what was shared with them) or removed (`remove`);
 * - bundles pass to the longest-standing co-curator; without one, to the broker an administrator names
 *   (`handOverTo`), else to "oud-collega" so published pages and the schools' offers keep working — except an
 *   unpublished draft nobody else curates, which is removed when the person chose `remove`;
 * - published snapshots stop naming the person. Offers, webhooks and answered offers keep their rows,
 *   with the person's reference cleared by the schema's ON DELETE rules.
 * Then the account goes with everything that references it (tokens and sessions, memberships,
 * idempotency keys), and a deletion record without personal data remains.
 */
import { deletionConfirmation } from "../../../shared/privacy/deletion-confirmation";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { otherActiveAdmins, userById } from "../../db/repositories/accounts";
import {
  cascadingCounts,
  curatedBundles,
  deleteBundleById,
  deleteUserRow,
  ensureFormerColleague,
  FORMER_COLLEAGUE,
  handOverSaveRow,
  insertAccountDeletion,
  replaceSnapshotContent,
  savesToSettle,
  setCuratorRole,
  snapshotsNaming,
} from "../../db/repositories/personal-data/deletion";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { deleteSave } from "../library/saves";
import { signedInViewer } from "../accounts/accounts";
import { recordAdminAction, type AuditActor } from "./audit-log";

export type SharedWork = "handOver" | "remove";

export interface DeletionRequest {
  sharedWork: SharedWork;
  /** An administrator's choice of broker for bundles nobody else curates. */
  handOverTo?: string;
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
    const user = userById(ctx, userId);
    if (!user || user.id === FORMER_COLLEAGUE.id) throw notFound("user");
    // An installation without an administrator can no longer be run from the browser or the API.
    if (user.roles.includes("admin") && !user.disabled && otherActiveAdmins(ctx, userId) === 0) {
      throw conflict("last_admin", "This is the last administrator: make someone else an administrator before deleting this account.");
    }
    const heir = request.handOverTo ? brokerHeir(ctx, request.handOverTo, userId) : null;
    const now = isoNow(ctx);
    ensureFormerColleague(ctx, now);
    const counts: DeletionCounts = { savesRemoved: 0, savesHandedOver: 0, bundlesHandedOver: 0, bundlesRemoved: 0, ...cascadingCounts(ctx, userId) };

    // Through the library's own removal, so the search index and items without saves stay in step.
    const viewer = signedInViewer(ctx, user, "account-deletion");
    for (const save of savesToSettle(ctx, userId)) {
      if (save.visibility !== "private" && request.sharedWork === "handOver" && handOverSaveRow(ctx, save.seq)) {
        counts.savesHandedOver += 1;
      } else {
        deleteSave(ctx, viewer, save.itemId);
        counts.savesRemoved += 1;
      }
    }

    for (const bundle of curatedBundles(ctx, userId)) {
      if (bundle.others.length) {
        if (bundle.role === "owner") setCuratorRole(ctx, bundle.bundleId, bundle.others[0]!, "owner", now);
        counts.bundlesHandedOver += 1;
      } else if (bundle.status === "draft" && request.sharedWork === "remove") {
        counts.bundlesRemoved += deleteBundleById(ctx, bundle.bundleId);
      } else {
        setCuratorRole(ctx, bundle.bundleId, heir ?? FORMER_COLLEAGUE.id, "owner", now);
        counts.bundlesHandedOver += 1;
      }
    }

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

function brokerHeir(ctx: ServiceContext, id: string, leaving: string) {
  const heir = userById(ctx, id);
  if (!heir || heir.id === leaving || heir.disabled || !heir.roles.includes("broker")) {
    throw invalid("hand_over_not_broker", "Bundles can only be handed over to another active broker (makelaar).", [{ path: ["handOverTo"], message: "not an active broker" }]);
  }
  return heir.id;
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
