/**
 * The network overview of leervragen per period (what Kennisrotonde could not measure: whether answers
 * were used). Counted over shared questions asked in the period, never drafts, never per person: a
 * number says nothing about which school asked, so brokers and administrators see all of it.
 */
import { isoNow, type ServiceContext } from "../../core/context";
import { forbidden } from "../../core/errors";
import { isAdmin, isBroker, type SignedInViewer } from "../../core/viewer";
import { questionsAskedBetween } from "../../db/repositories/questions/questions";

const DAY = 24 * 60 * 60 * 1000;

export function questionStats(ctx: ServiceContext, viewer: SignedInViewer, period: { from?: string; to?: string }) {
  if (!isBroker(viewer) && !isAdmin(viewer)) throw forbidden("broker_only", "Only brokers and administrators see the network overview. / Alleen makelaars en beheerders zien het netwerkoverzicht.");
  const to = period.to ? new Date(period.to).toISOString() : isoNow(ctx);
  const from = period.from ? new Date(period.from).toISOString() : new Date(Date.parse(to) - 365 * DAY).toISOString();
  const rows = questionsAskedBetween(ctx, from, to);
  const days = rows.flatMap((r) => (r.answeredAt ? [(Date.parse(r.answeredAt) - Date.parse(r.createdAt)) / DAY] : [])).sort((a, b) => a - b);
  const count = (worked: string) => rows.filter((r) => r.worked === worked).length;
  return {
    from,
    to,
    asked: rows.length,
    answered: days.length,
    answeredWithin30Days: days.filter((d) => d <= 30).length,
    medianDaysToAnswer: days.length ? Math.round(median(days) * 10) / 10 : null,
    answeredFromExistingBundle: rows.filter((r) => r.fromExistingBundle === 1).length,
    followupsReturned: rows.filter((r) => r.worked !== null).length,
    worked: { yes: count("yes"), no: count("no"), untested: count("untested") },
  };
}

const median = (sorted: number[]) => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
