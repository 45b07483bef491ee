/** Reach for the bundle's curators: which schools were offered it, opened, accepted, declined or passed it on. */
import type { ReachResponse } from "../../../shared/schemas";
import { dailyOpensAndAcceptances, firstPublication, reachPerSchool, recordOfferEvent, resharingSchools } from "../../db/repositories/offers";
import { isoNow, type ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { bundleForChange } from "../access/bundles";
import { keyState } from "./keys";

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = (iso: string) => iso.slice(0, 10);

/**
 * Each school appears once, with its newest offer (the version says which) and the state of that offer's
 * key, so a curator can revoke it; totals count those schools.
 * The daily series counts opens and acceptances across all versions from the first publication to today,
 * and `reshared` counts schools that passed the bundle on.
 */
export function bundleReach(ctx: ServiceContext, viewer: SignedInViewer, bundleId: string): ReachResponse {
  const { row } = bundleForChange(ctx, viewer, bundleId);
  const perSchool = reachPerSchool(ctx, row.id).map(({ capabilityKey, keyIssuedAt, keyRevokedAt, ...school }) => ({
    ...school,
    key: keyState(ctx, { capabilityKey, keyIssuedAt, keyRevokedAt, offeredAt: school.offeredAt }),
  }));
  const totals = {
    offered: perSchool.length,
    opened: perSchool.filter((s) => s.openedAt !== null).length,
    accepted: perSchool.filter((s) => s.status === "accepted").length,
    declined: perSchool.filter((s) => s.status === "declined").length,
    reshared: resharingSchools(ctx, row.id),
  };

  const first = firstPublication(ctx, row.id);
  const series: ReachResponse["series"] = [];
  if (first) {
    const counts = new Map<string, { opened: number; accepted: number }>();
    for (const { day, kind, n } of dailyOpensAndAcceptances(ctx, row.id)) counts.set(day, { ...(counts.get(day) ?? { opened: 0, accepted: 0 }), [kind]: n });
    const today = utcDay(isoNow(ctx));
    for (let t = Date.parse(`${utcDay(first)}T00:00:00Z`); ; t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      series.push({ date, ...(counts.get(date) ?? { opened: 0, accepted: 0 }) });
      if (date >= today) break;
    }
  }
  return { schools: perSchool, totals, series };
}

/** An accepted bundle that reached the school's channel (its webhook delivered it) has spread further. */
export const recordReshare = (ctx: ServiceContext, offerId: string, at: string) => recordOfferEvent(ctx, offerId, "reshared", at);
