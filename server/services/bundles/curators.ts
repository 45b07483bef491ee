/** Co-curators: brokers who edit a bundle together, so staff turnover never orphans a bundle. */
import { activeBrokers, addCuratorRow, curatorsOf, makeOwner, removeCuratorRow, userById } from "../../db/repositories/bundles";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
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
    const user = userById(ctx, userId);
    if (!user || user.disabled) throw invalid("unknown_user", "There is no active account with this id.", [{ path: ["userId"], message: "unknown user" }]);
    if (!user.roles.includes("broker")) {
      throw invalid("curator_not_broker", `${user.name} is not a broker (makelaar); only brokers can curate bundles.`, [{ path: ["userId"], message: "not a broker" }]);
    }
    return addCuratorRow(ctx, row.id, userId, isoNow(ctx));
  });
  return { bundle: getBundle(ctx, viewer, id), added };
}

/**
 * Removes a curator (a curator may also step down). A bundle keeps at least one curator; when the owner
 * leaves, the longest-serving co-curator becomes owner, so staff turnover never orphans a bundle.
 */
export function removeCurator(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  transaction(ctx, () => {
    const { row } = bundleForChange(ctx, viewer, id);
    const people = curatorsOf(ctx, [row.id]).get(row.id)!;
    const leaving = people.find((p) => p.id === userId);
    if (!leaving) throw notFound("curator of this bundle");
    if (people.length === 1) throw conflict("last_curator", "A bundle needs at least one curator; add another broker first.");
    removeCuratorRow(ctx, row.id, userId);
    if (leaving.role === "owner") makeOwner(ctx, row.id, people.find((p) => p.id !== userId)!.id);
  });
}
