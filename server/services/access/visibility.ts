import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "../../core/viewer";

/**
 * The visibility rule, in one place. Every read path (list, search, lookup, get, and later feeds, pages
 * and webhooks) builds its WHERE clause from these fragments; a read that does not is a bug.
 *
 * A save is visible to its owner, and to everyone in its circle:
 *   public → anyone, also anonymous; network → every signed-in member of this installation (and the
 *   "network" audience of school feeds, network bundles and webhooks);
 *   school → members of the save's school; community → members of the save's community; private → nobody.
 * An item is visible when at least one of its saves is.
 */
export function visibleSave(viewer: Viewer, alias = "s"): SQL {
  const s = sql.raw(alias);
  if (viewer.kind === "anonymous") return sql`${s}.visibility = 'public'`;
  if (viewer.kind === "network") return sql`${s}.visibility IN ('public', 'network')`;
  const schoolIds = viewer.schools.map((x) => x.id);
  const communityIds = viewer.communities.map((x) => x.id);
  const parts: SQL[] = [sql`${s}.user_id = ${viewer.user.id}`, sql`${s}.visibility IN ('public', 'network')`];
  if (schoolIds.length) parts.push(sql`(${s}.visibility = 'school' AND ${s}.school_id IN ${schoolIds})`);
  if (communityIds.length) parts.push(sql`(${s}.visibility = 'community' AND ${s}.community_id IN ${communityIds})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export function visibleItem(viewer: Viewer, itemAlias = "i"): SQL {
  const i = sql.raw(itemAlias);
  return sql`EXISTS (SELECT 1 FROM saves vs WHERE vs.item_seq = ${i}.seq AND ${visibleSave(viewer, "vs")})`;
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
