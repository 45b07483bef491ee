import { offerById, type OfferRow } from "../../db/repositories/offers";
import { schoolById } from "../../db/repositories/schools";
import type { ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { grant, type Authorized } from "./authorized";

export interface SchoolRef {
  id: string;
  name: string;
  /** The person the check was made for: who acts for the school. */
  actorId: string;
}

export type SchoolMember = Authorized<SchoolRef, "member">;
export type SchoolCoordinator = Authorized<SchoolRef, "member" | "coordinator">;

/**
 * The school the caller acts for. Members read what their school receives (its inbox, subscriptions);
 * only its coordinators change it or see its private feed addresses and webhooks. To anyone outside the
 * school all of these do not exist (404, as for everything a caller may not see); a member who is not a
 * coordinator is told why (403).
 */
export function schoolAsMember(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): SchoolMember {
  const membership = viewer.schools.find((s) => s.id === schoolId);
  const school = membership ? schoolById(ctx, schoolId) : undefined;
  if (!membership || !school) throw notFound("school");
  return grant({ ...school, actorId: viewer.user.id }, "member");
}

export function schoolAsCoordinator(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): SchoolCoordinator {
  const school = schoolAsMember(ctx, viewer, schoolId);
  if (viewer.schools.find((s) => s.id === schoolId)?.role !== "coordinator") {
    throw forbidden("coordinator_only", "Only the school's coordinators may do this.");
  }
  return grant(school, "member", "coordinator");
}

/** An offer the caller may answer for its school: 404 for outsiders, 403 for members who are not coordinators. */
export function offerForCoordinator(ctx: ServiceContext, viewer: SignedInViewer, offerId: string): Authorized<OfferRow, "coordinator"> {
  const offer = offerById(ctx, offerId);
  const membership = offer && viewer.schools.find((s) => s.id === offer.schoolId);
  if (!offer || !membership) throw notFound("offer");
  if (membership.role !== "coordinator") throw forbidden("coordinator_only", "Only the school's coordinators can accept or decline an offer.");
  return grant(offer, "coordinator");
}
