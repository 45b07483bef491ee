/**
 * Offers: a broker's published bundle offered to schools, which accept or decline it (an offer, never a
 * mandate). One offer per school per bundle version; its capability key lets the whole school open that
 * version's page without accounts (see keys.ts for what it opens and for how long).
 */
import type { z } from "zod";
import type { CreateOffersRequest } from "../../../shared/schemas";
import { insertOffer, offerOfVersion, recordOfferEvent } from "../../db/repositories/offers";
import { existingSchoolIds } from "../../db/repositories/schools";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid } from "../../core/errors";
import { newId } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import { bundleForChange } from "../access/bundles";
import { schoolsReceiving } from "../schools/subscriptions";
import { recordEvent } from "../webhooks/events";
import { freshKey } from "./keys";

type CreateOffersInput = z.output<typeof CreateOffersRequest>;

/**
 * Offers the newest published version to the chosen schools and/or the theme's subscribers. A school
 * that already has an offer of this version keeps it (`existing: true`); a new version is a new offer.
 */
export function offerBundle(ctx: ServiceContext, viewer: SignedInViewer, bundleId: string, input: CreateOffersInput) {
  return transaction(ctx, () => {
    const { row, snapshot, actorId } = bundleForChange(ctx, viewer, bundleId);
    if (row.publishedVersion === null || !snapshot) throw conflict("not_published", "Publish the bundle before offering it to schools.");
    const version = row.publishedVersion;

    const chosen = [...new Set(input.schoolIds ?? [])];
    if (chosen.length) {
      const known = existingSchoolIds(ctx, chosen);
      const unknown = (input.schoolIds ?? []).flatMap((id, index) => (known.has(id) ? [] : [{ id, index }]));
      if (unknown.length) {
        throw invalid(
          "unknown_schools",
          `No school with id ${unknown.map((u) => u.id).join(", ")}.`,
          unknown.map((u) => ({ path: ["schoolIds", u.index], message: "unknown school" })),
        );
      }
    }
    const targets = new Set(chosen);
    if (input.subscribers) for (const id of schoolsReceiving(ctx, snapshot.themes, snapshot.sector)) targets.add(id);

    const now = isoNow(ctx);
    return [...targets].map((schoolId) => {
      const existing = offerOfVersion(ctx, row.id, version, schoolId);
      if (existing) return { id: existing.id, schoolId, status: existing.status, version, existing: true };
      const id = newId();
      insertOffer(ctx, { id, bundleId: row.id, version, schoolId, message: input.message ?? "", offeredBy: actorId, status: "offered", ...freshKey(now), offeredAt: now });
      recordOfferEvent(ctx, id, "offered", now);
      recordEvent(ctx, { event: "offer.created", offerId: id });
      return { id, schoolId, status: "offered" as const, version, existing: false };
    });
  });
}
