/**
 * Co-curators: brokers who edit a bundle together, so staff turnover never orphans a bundle. Each
 * bundle has one owner, who alone decides who curates it: any curator may invite another broker, but
 * only the owner removes co-curators, a co-curator may only step down, and the owner stays until they
 * hand ownership to a co-curator.
 */
import { activeBrokers, addCuratorRow, curatorsOf, removeCuratorRow, setCuratorRole, userById } from "../../db/repositories/bundles";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, forbidden, invalid, notFound } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { asBroker, bundleForChange } from "../access/bundles";
import { getBundle } from "./view";

/** The brokers a broker can invite as co-curators. */
export function listBrokers(ctx: ServiceContext, viewer: SignedInViewer) {
  asBroker(viewer, "Only brokers (makelaars) can look up other brokers.");
  return activeBrokers(ctx);
}

/** Adds a co-curator; adding someone who already curates changes nothing (`added: false`). */
export function addCurator(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  const added = transaction(ctx, () => {
    const { row } = bundleForChange(ctx, viewer, id);
    checkedBroker(ctx, userId, "userId");
    return addCuratorRow(ctx, row.id, userId, isoNow(ctx));
  });
  return { bundle: getBundle(ctx, viewer, id), added };
}

function checkedBroker(ctx: ServiceContext, userId: string, field: string) {
  const user = userById(ctx, userId);
  if (!user || user.disabled) throw invalid("unknown_user", "There is no active account with this id.", [{ path: [field], message: "unknown user" }]);
  if (!user.roles.includes("broker")) {
    throw invalid("curator_not_broker", `${user.name} is not a broker (makelaar); only brokers can curate bundles.`, [{ path: [field], message: "not a broker" }]);
  }
  return user;
}

const ownerOnly = () => forbidden("owner_only", "Only the bundle's owner can remove co-curators or hand the bundle over; a co-curator can step down.");

/**
 * Removes a co-curator (the owner's call) or lets a co-curator step down. The owner is never removed,
 * not even by themself: a bundle always has someone answerable for it, so the owner first hands
 * ownership to a co-curator (transferOwnership).
 */
export function removeCurator(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  transaction(ctx, () => {
    const { row } = bundleForChange(ctx, viewer, id);
    const people = curatorsOf(ctx, [row.id]).get(row.id)!;
    const leaving = people.find((p) => p.id === userId);
    const actingAsOwner = people.find((p) => p.id === viewer.user.id)?.role === "owner";
    if (!leaving) throw notFound("curator of this bundle");
    if (userId !== viewer.user.id && !actingAsOwner) throw ownerOnly();
    if (people.length === 1) throw conflict("last_curator", "A bundle needs at least one curator; add another broker first.");
    if (leaving.role === "owner") throw conflict("owner_stays", "The owner cannot be removed; the owner can first make a co-curator the owner.");
    removeCuratorRow(ctx, row.id, userId);
  });
}

/** The owner makes a co-curator (still a broker) the owner, and stays on as a co-curator. */
export function transferOwnership(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  transaction(ctx, () => {
    const { row } = bundleForChange(ctx, viewer, id);
    const people = curatorsOf(ctx, [row.id]).get(row.id)!;
    if (people.find((p) => p.id === viewer.user.id)?.role !== "owner") throw ownerOnly();
    if (userId === viewer.user.id) return;
    if (!people.some((p) => p.id === userId)) {
      throw invalid("not_a_curator", "Only a co-curator of this bundle can become its owner; add them as a curator first.", [{ path: ["userId"], message: "not a curator" }]);
    }
    checkedBroker(ctx, userId, "userId");
    setCuratorRole(ctx, row.id, userId, "owner");
    setCuratorRole(ctx, row.id, viewer.user.id, "curator");
  });
  return getBundle(ctx, viewer, id);
}
