/**
 * The answer bundle as people see it beside a question. Everyone reads what was published (the snapshot):
 * a curator's later, unpublished edits to the working copy are not theirs to see. A bundle never
 * published is shown to its curators only, with its working title and no link.
 */
import type { ServiceContext } from "../../core/context";
import { bundlesByIds, curatedAmong, latestSnapshots } from "../../db/repositories/bundles";

export interface AnswerBundle {
  id: string;
  title: string;
  url: string | null;
}

/** Per bundle id, what `curatorId` (null: nobody in particular, such as a school's channel) may see of it. */
export function answerBundles(ctx: ServiceContext, ids: string[], curatorId: string | null): Map<string, AnswerBundle> {
  const shown = new Map<string, AnswerBundle>();
  if (ids.length === 0) return shown;
  const snapshots = latestSnapshots(ctx, ids);
  const curated = curatorId ? curatedAmong(ctx, curatorId, ids) : new Set<string>();
  for (const row of bundlesByIds(ctx, ids)) {
    const snapshot = snapshots.get(row.id);
    if (snapshot) shown.set(row.id, { id: row.id, title: snapshot.title, url: row.slug && row.status === "published" ? ctx.links.bundlePage(row.slug) : null });
    else if (curated.has(row.id)) shown.set(row.id, { id: row.id, title: row.title, url: null });
  }
  return shown;
}
