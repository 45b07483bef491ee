import { bundleById, curatedAmong, latestSnapshots, type BundleRow } from "../../db/repositories/bundles";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import type { ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import { isBroker, type SignedInViewer, type Viewer } from "../../core/viewer";
import { grant, type Authorized } from "./authorized";
import { audienceIncludes } from "./visibility";

/** A bundle as the caller reached it: curators work on the working copy, everyone else reads the snapshot. */
export interface BundleAccess {
  row: BundleRow;
  curator: boolean;
  snapshot: BundleSnapshot | null;
}

export type ReadableBundle = Authorized<BundleAccess, "reader">;
/** A bundle the caller may change: they curate it and are a broker; `actorId` is who. */
export type CuratedBundle = Authorized<BundleAccess & { actorId: string }, "reader" | "curator">;
export type Broker = Authorized<SignedInViewer, "broker">;

/** How the caller reaches each of these bundles (curator or reader), with each one's newest snapshot. */
export function accessesFor(ctx: ServiceContext, viewer: Viewer, rows: BundleRow[]): BundleAccess[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const curated = viewer.kind === "user" ? curatedAmong(ctx, viewer.user.id, ids) : new Set<string>();
  const snapshots = latestSnapshots(ctx, ids);
  return rows.map((row) => ({ row, curator: curated.has(row.id), snapshot: snapshots.get(row.id) ?? null }));
}

const readable = (access: BundleAccess, viewer: Viewer) =>
  access.curator || (access.row.status === "published" && access.snapshot !== null && audienceIncludes(access.snapshot.audience, viewer));

/** A bundle the caller may read; drafts and bundles outside the caller's audience do not exist for them (404). */
export function bundleForRead(ctx: ServiceContext, viewer: Viewer, id: string): ReadableBundle {
  const row = bundleById(ctx, id);
  const access = row ? accessesFor(ctx, viewer, [row])[0]! : null;
  if (!access || !readable(access, viewer)) throw notFound("bundle");
  return grant(access, "reader");
}

/**
 * A bundle the caller curates: 404 when they cannot even read it, 403 when they read it but do not curate
 * it, and 403 when they curate it but are no longer a broker (curating is the broker's role: taking the
 * role away takes the power to publish, offer and follow reach with it).
 */
export function bundleForChange(ctx: ServiceContext, viewer: SignedInViewer, id: string): CuratedBundle {
  const access = bundleForRead(ctx, viewer, id);
  if (!access.curator) throw forbidden("not_a_curator", "Only the bundle's curators may change it.");
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) may change bundles; this account no longer has that role.");
  return grant({ ...access, actorId: viewer.user.id }, "reader", "curator");
}

/** The caller as a broker (makelaar): who may create bundles and look up other brokers. */
export function asBroker(viewer: SignedInViewer, message: string): Broker {
  if (!isBroker(viewer)) throw forbidden("broker_only", message);
  return grant(viewer, "broker");
}
