import { curatedAmong } from "../../db/repositories/bundles";
import { offerById, type OfferRow } from "../../db/repositories/offers";
import type { ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import { isBroker, type SignedInViewer } from "../../core/viewer";
import { grant, type Authorized } from "./authorized";

/**
 * An offer whose key the caller may revoke or renew: the receiving school's coordinators (the school
 * passes the link around) and the bundle's curators (who offered it). A member of the school who is
 * not a coordinator is told why (403); anyone else does not see the offer at all (404).
 */
export function offerForKeyHolder(ctx: ServiceContext, viewer: SignedInViewer, offerId: string): Authorized<OfferRow, "keyHolder"> {
  const offer = offerById(ctx, offerId);
  if (!offer) throw notFound("offer");
  const membership = viewer.schools.find((s) => s.id === offer.schoolId);
  if (membership?.role === "coordinator") return grant(offer, "keyHolder");
  if (curatedAmong(ctx, viewer.user.id, [offer.bundleId]).has(offer.bundleId)) {
    if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) may change bundles; this account no longer has that role.");
    return grant(offer, "keyHolder");
  }
  if (membership) throw forbidden("coordinator_only", "Only the school's coordinators or the bundle's curators can change an offer's key.");
  throw notFound("offer");
}
