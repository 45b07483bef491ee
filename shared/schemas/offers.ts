/** Offers of a bundle to schools, a school's inbox and a bundle's reach (API.md "Schools: inbox"). */
import { z } from "zod";
import { Id, PageQuery, trimmed } from "./common";

export const OfferStatus = z.enum(["offered", "opened", "accepted", "declined"]);
export type OfferStatus = z.infer<typeof OfferStatus>;

export const CreateOffersRequest = z
  .object({
    schoolIds: z.array(Id).max(10_000).optional(),
    subscribers: z.boolean().optional(),
    message: trimmed(2000).optional(),
  })
  .refine((r) => (r.schoolIds?.length ?? 0) > 0 || r.subscribers === true, "name schools (schoolIds) or choose subscribers");

export const OfferSummary = z.object({
  id: z.string(),
  schoolId: z.string(),
  status: OfferStatus,
  version: z.number().int(),
  /** True when this school already had an offer of this version: repeating an offer creates nothing new. */
  existing: z.boolean().optional(),
});
export const CreateOffersResponse = z.object({ offers: z.array(OfferSummary) });

/**
 * An offer's capability key: it opens the bundle version of its offer (never a later one) until it
 * expires, is revoked, or the school declines. `revoked` covers both of the latter.
 */
export const OfferKeyStatus = z.enum(["active", "revoked", "expired"]);
export type OfferKeyStatus = z.infer<typeof OfferKeyStatus>;
export const OfferKeyState = z.object({ status: OfferKeyStatus, expiresAt: z.string() });
export const OfferKeyResponse = z.object({
  offerId: z.string(),
  key: OfferKeyState.extend({
    /** The page link for the school's channel: with the key while it is active, the bare page (sign-in) otherwise. */
    url: z.string(),
  }),
});
export type OfferKeyResponse = z.infer<typeof OfferKeyResponse>;

/** An offer in a school's inbox. `bundle.url` carries the capability key, so the link works for the whole team. */
export const InboxOffer = z.object({
  id: z.string(),
  schoolId: z.string().optional(),
  status: OfferStatus,
  version: z.number().int(),
  message: z.string(),
  offeredBy: z.string(),
  offeredAt: z.string(),
  openedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  reason: z.string().nullable(),
  bundle: z.object({
    id: z.string(),
    title: z.string(),
    about: z.string(),
    use: z.string(),
    themes: z.array(z.string()),
    itemCount: z.number().int(),
    /** With the key while it is active; without it (sign-in needed for a network bundle) once it is not. */
    url: z.string(),
  }),
  key: OfferKeyState,
});
export type InboxOffer = z.infer<typeof InboxOffer>;
export const InboxResponse = z.object({ offers: z.array(InboxOffer), nextCursor: z.string().nullable() });
export const InboxQuery = PageQuery.extend({ status: OfferStatus.optional() });
export type InboxQuery = z.output<typeof InboxQuery>;

export const DeclineRequest = z.object({ reason: trimmed(2000).optional() });
export const OfferResponse = z.object({ offer: InboxOffer });

export const ReachResponse = z.object({
  schools: z.array(
    z.object({
      offerId: z.string(),
      schoolId: z.string(),
      name: z.string(),
      sector: z.string(),
      region: z.string().nullable(),
      version: z.number().int(),
      status: OfferStatus,
      offeredAt: z.string(),
      openedAt: z.string().nullable(),
      respondedAt: z.string().nullable(),
      key: OfferKeyState,
    }),
  ),
  totals: z.object({
    offered: z.number().int(),
    opened: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    reshared: z.number().int(),
  }),
  /** One entry per day since publication (UTC dates), zeros included. */
  series: z.array(z.object({ date: z.string(), opened: z.number().int(), accepted: z.number().int() })),
});
export type ReachResponse = z.infer<typeof ReachResponse>;
