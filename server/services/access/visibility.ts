import type { SaveScope, Viewer } from "../../core/viewer";

/**
 * The visibility rule, in one place. Every read path (list, search, ranking, facets, lookup, get, feeds,
 * pages, webhooks) asks the database only for what `saveScope` allows; `db/visibility.ts` turns the scope
 * into SQL, and a read that does not go through it is a bug.
 *
 * A save is visible to its owner, and to everyone in its circle:
 *   public → anyone, also anonymous; network → every signed-in member of this installation (and the
 *   "network" audience of school feeds, network bundles and webhooks);
 *   school → members of the save's school; community → members of the save's community; private → nobody.
 * An item is visible when at least one of its saves is.
 */
export function saveScope(viewer: Viewer): SaveScope {
  if (viewer.kind === "anonymous") return { ownerId: null, open: ["public"], schoolIds: [], communityIds: [] };
  if (viewer.kind === "network") return { ownerId: null, open: ["public", "network"], schoolIds: [], communityIds: [] };
  return {
    ownerId: viewer.user.id,
    open: ["public", "network"],
    schoolIds: viewer.schools.map((s) => s.id),
    communityIds: viewer.communities.map((c) => c.id),
  };
}

/**
 * Who may read a published bundle: public bundles everyone, network bundles every signed-in member and
 * the network audience. It follows the audience of the snapshot, not of the working copy: a
 * draft edit that widens the audience must not open a snapshot whose items were only checked against the
 * narrower one.
 */
export const audienceIncludes = (audience: "public" | "network", viewer: Viewer) => audience === "public" || viewer.kind !== "anonymous";

/** The bundle audiences a viewer reads, for SQL: the same rule as audienceIncludes. */
export const audiencesReadBy = (viewer: Viewer) => (["public", "network"] as const).filter((audience) => audienceIncludes(audience, viewer));
