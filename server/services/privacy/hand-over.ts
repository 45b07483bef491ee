/**
 * Handing over when a person leaves, disabled by an administrator or deleted (by themself or an
 * administrator). Collections belong to schools and communities, not to one person (002:2419), so:
 * - bundles pass to an active co-curator, else to the broker the administrator picked, else to the
 *   placeholder "oud-collega" so published pages and offers keep working; a draft nobody else curates goes
 *   when shared work is removed;
 * - a community the person owns passes to the member the administrator picked, else stays with its other
 *   owners, else passes to its longest-standing member;
 * - leervragen the person owns as broker and has not answered yet pass to a broker who joined them (they
 *   know the conversation with the asker), else to the broker picked, else they are released: open again
 *   for every broker. Never to "oud-collega", which cannot answer anybody;
 * - saves in community, school and wider circles stay in their circle as "oud-collega" or are removed, as
 *   chosen; private saves are never handed over (kept with a disabled account, removed with a deleted one).
 */
import type { HandOverChoices, HandOverCounts, HandOverPreview, SharedWork } from "../../../shared/schemas";
import { replaceUser, userById, otherActiveAdmins, type UserRow } from "../../db/repositories/accounts";
import { curatedBundles, deleteBundleById, ensureFormerColleague, FORMER_COLLEAGUE, handOverSaveRow, savesToSettle, setCuratorRole, type CuratedBundle } from "../../db/repositories/personal-data/deletion";
import {
  bundleOwner,
  communityRoleOf,
  leaveJoinedQuestions,
  ownedCommunities,
  ownedOpenQuestions,
  passQuestion,
  releaseQuestion,
  removeCurator,
  savesPerCircle,
  setCommunityRole,
  type OwnedCommunity,
} from "../../db/repositories/personal-data/hand-over";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { endAccessOfDisabled, signedInViewer } from "../accounts/accounts";
import { deleteSave } from "../library/saves";
import { recordAdminAction, type AuditActor } from "./audit-log";

/** The administrator's choices, as the admin API takes them (shared/schemas/privacy/hand-over.ts). */
export type { HandOverChoices };

/** The choices checked against what the person holds: every pick names someone who may take it. */
interface Plan {
  sharedWork: SharedWork;
  heir: string | null;
  communities: OwnedCommunity[];
  picks: Map<string, string>;
}

function brokerHeir(ctx: ServiceContext, id: string, leaving: string) {
  const heir = userById(ctx, id);
  if (!heir || heir.id === leaving || heir.disabled || !heir.roles.includes("broker")) {
    throw invalid("hand_over_not_broker", "Bundles can only be handed over to another active broker (makelaar).", [{ path: ["handOverTo"], message: "not an active broker" }]);
  }
  return heir.id;
}

function planFor(ctx: ServiceContext, user: UserRow, choices: HandOverChoices): Plan {
  const heir = choices.handOverTo ? brokerHeir(ctx, choices.handOverTo, user.id) : null;
  const communities = ownedCommunities(ctx, user.id);
  const owned = new Set(communities.map((c) => c.communityId));
  const picks = new Map<string, string>();
  (choices.communityOwners ?? []).forEach((pick, index) => {
    if (!owned.has(pick.communityId)) {
      throw invalid("hand_over_not_owned", "This person does not own that community. / Deze persoon is geen eigenaar van die gemeenschap.", [
        { path: ["communityOwners", index, "communityId"], message: "not a community this person owns" },
      ]);
    }
    if (pick.userId === user.id || communityRoleOf(ctx, pick.communityId, pick.userId) === null) {
      throw invalid("hand_over_not_member", "A community passes only to one of its active members. / Een gemeenschap gaat alleen over naar een van haar actieve leden.", [
        { path: ["communityOwners", index, "userId"], message: "not an active member of this community" },
      ]);
    }
    picks.set(pick.communityId, pick.userId);
  });
  return { sharedWork: choices.sharedWork ?? "handOver", heir, communities, picks };
}

const isActive = (ctx: ServiceContext, id: string) => userById(ctx, id)?.disabled === false;

/** Who holds the bundle next, whether ownership moves, and whether it may go altogether. */
function bundleFate(ctx: ServiceContext, bundle: CuratedBundle, plan: Plan) {
  if (bundle.role === "curator" && bundle.others.length) return { to: bundleOwner(ctx, bundle.bundleId) ?? bundle.others[0]!, passOwnership: false, removable: false };
  const coCurator = bundle.others.find((id) => isActive(ctx, id));
  if (coCurator) return { to: coCurator, passOwnership: true, removable: false };
  return { to: plan.heir ?? FORMER_COLLEAGUE.id, passOwnership: true, removable: bundle.others.length === 0 && bundle.status === "draft" };
}

function communityFate(community: OwnedCommunity, plan: Plan): string | null {
  const picked = plan.picks.get(community.communityId);
  if (picked) return picked;
  if (community.otherOwners > 0) return null;
  return community.candidates[0]?.id ?? null;
}

const questionFate = (joined: string[], plan: Plan) => joined[0] ?? plan.heir;

function person(ctx: ServiceContext, id: string) {
  if (id === FORMER_COLLEAGUE.id) return { id, name: FORMER_COLLEAGUE.name };
  return { id, name: userById(ctx, id)?.name ?? id };
}

/** The person leaving; the placeholder for former colleagues is nobody who can leave. */
export function leavingUser(ctx: ServiceContext, userId: string) {
  const user = userById(ctx, userId);
  if (!user || user.id === FORMER_COLLEAGUE.id) throw notFound("user");
  return user;
}

/** Whether this person is the installation's last active administrator, who may not leave: without one it can no longer be run from the browser or the API. */
export const isLastActiveAdmin = (ctx: ServiceContext, user: UserRow) => user.roles.includes("admin") && !user.disabled && otherActiveAdmins(ctx, user.id) === 0;

/** What a hand-over with these choices would do, counted and named, changing nothing. */
export function handOverPreview(ctx: ServiceContext, userId: string, choices: HandOverChoices): HandOverPreview {
  const user = leavingUser(ctx, userId);
  const plan = planFor(ctx, user, choices);
  const saves = { private: 0, community: 0, school: 0, network: 0, public: 0 };
  for (const row of savesPerCircle(ctx, user.id)) if (row.visibility in saves) saves[row.visibility as keyof typeof saves] = row.n;
  return {
    user: { id: user.id, name: user.name, disabled: user.disabled },
    saves,
    bundles: curatedBundles(ctx, user.id).map((bundle) => {
      const fate = bundleFate(ctx, bundle, plan);
      return { id: bundle.bundleId, title: bundle.title, status: bundle.status, to: person(ctx, fate.to), removedWhenRemoving: fate.removable };
    }),
    communities: plan.communities.map((c) => {
      const to = communityFate(c, plan);
      return { id: c.communityId, name: c.name, otherOwners: c.otherOwners, to: to ? person(ctx, to) : null, candidates: c.candidates };
    }),
    questions: ownedOpenQuestions(ctx, user.id).map((q) => {
      const to = questionFate(q.joined, plan);
      return { id: q.questionId, question: q.question, to: to ? person(ctx, to) : null };
    }),
  };
}

/**
 * Settles the person's shared work, inside the caller's transaction. `leaving` says what becomes of the
 * account: a disabled one keeps its private saves and loses its places (curator, owner, joined broker);
 * a deleted one loses everything, its rows going with it.
 */
function settle(ctx: ServiceContext, user: UserRow, plan: Plan, leaving: "disable" | "delete", now: string): { counts: HandOverCounts; moved: boolean } {
  ensureFormerColleague(ctx, now);
  const counts: HandOverCounts = { savesHandedOver: 0, savesRemoved: 0, privateSavesKept: 0, bundlesHandedOver: 0, bundlesRemoved: 0, communitiesHandedOver: 0, questionsHandedOver: 0, questionsReleased: 0 };

  // Through the library's own removal, so the search index and items without saves stay in step.
  const viewer = signedInViewer(ctx, user, "hand-over");
  let privateRemoved = 0;
  for (const save of savesToSettle(ctx, user.id)) {
    if (save.visibility === "private") privateRemoved += leaving === "delete" ? 1 : 0;
    if (save.visibility === "private" && leaving === "disable") {
      counts.privateSavesKept += 1;
    } else if (save.visibility !== "private" && plan.sharedWork === "handOver" && handOverSaveRow(ctx, save.seq)) {
      counts.savesHandedOver += 1;
    } else {
      deleteSave(ctx, viewer, save.itemId);
      counts.savesRemoved += 1;
    }
  }

  for (const bundle of curatedBundles(ctx, user.id)) {
    const fate = bundleFate(ctx, bundle, plan);
    if (fate.removable && plan.sharedWork === "remove") {
      counts.bundlesRemoved += deleteBundleById(ctx, bundle.bundleId);
      continue;
    }
    if (fate.passOwnership) setCuratorRole(ctx, bundle.bundleId, fate.to, "owner", now);
    if (leaving === "disable") removeCurator(ctx, bundle.bundleId, user.id);
    counts.bundlesHandedOver += 1;
  }

  for (const community of plan.communities) {
    const to = communityFate(community, plan);
    if (to) {
      setCommunityRole(ctx, community.communityId, to, "owner");
      counts.communitiesHandedOver += 1;
    }
    // A disabled person stays a member (enabled again, they find their communities), no longer an owner.
    if (leaving === "disable") setCommunityRole(ctx, community.communityId, user.id, "member");
  }

  for (const question of ownedOpenQuestions(ctx, user.id)) {
    const to = questionFate(question.joined, plan);
    if (to) {
      passQuestion(ctx, question.questionId, user.id, to, now);
      counts.questionsHandedOver += 1;
    } else {
      releaseQuestion(ctx, question.questionId, user.id, now);
      counts.questionsReleased += 1;
    }
  }
  leaveJoinedQuestions(ctx, user.id);
  // Private saves going with a deleted account are no hand-over; anything else that moved or went is.
  const moved = counts.savesHandedOver + counts.savesRemoved - privateRemoved + counts.bundlesHandedOver + counts.bundlesRemoved + counts.communitiesHandedOver + counts.questionsHandedOver + counts.questionsReleased > 0;
  return { counts, moved };
}

function recordHandOver(ctx: ServiceContext, actor: AuditActor, user: UserRow, plan: Plan, leaving: "disable" | "delete", counts: HandOverCounts) {
  recordAdminAction(ctx, actor, { action: "user.hand-over", subjectKind: "user", subjectId: user.id, details: { leaving, sharedWork: plan.sharedWork, handOverTo: plan.heir, ...counts } });
}

/**
 * The hand-over as part of a deletion (privacy/deletion.ts), inside its transaction: checks the choices,
 * settles the shared work, and records it when an administrator or operator asked and something moved.
 */
export function handOverForDeletion(ctx: ServiceContext, user: UserRow, choices: HandOverChoices, actor: AuditActor | null, now: string) {
  const plan = planFor(ctx, user, choices);
  const { counts, moved } = settle(ctx, user, plan, "delete", now);
  if (actor && moved) recordHandOver(ctx, actor, user, plan, "delete", counts);
  return counts;
}

/**
 * An administrator disables a person who leaves and hands over their shared work in one step. A person
 * disabled earlier can still have their work handed over afterwards.
 */
export function disableWithHandOver(ctx: ServiceContext, userId: string, choices: HandOverChoices, actor: AuditActor) {
  return transaction(ctx, () => {
    const user = leavingUser(ctx, userId);
    if (isLastActiveAdmin(ctx, user)) {
      throw conflict("last_admin", "This is the last administrator: make someone else an administrator first. / Dit is de laatste beheerder: maak eerst iemand anders beheerder.");
    }
    const plan = planFor(ctx, user, choices);
    const now = isoNow(ctx);
    const { counts } = settle(ctx, user, plan, "disable", now);
    const disabled: UserRow = { ...user, disabled: true, updatedAt: user.disabled ? user.updatedAt : now };
    if (!user.disabled) {
      replaceUser(ctx, disabled);
      endAccessOfDisabled(ctx, user.id);
    }
    recordHandOver(ctx, actor, user, plan, "disable", counts);
    return { user: disabled, handedOver: counts };
  });
}
