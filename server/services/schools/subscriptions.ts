/** What a school receives: theme subscriptions (sub-themes included), sector narrowing, its private feed's token. */
import type { FeedUrlsResponse, Subscriptions, SubscriptionsRequest } from "../../../shared/schemas";
import type { ItemSector } from "../../../shared/schemas";
import {
  feedToken,
  replaceSubscriptions,
  schoolsSubscribedTo,
  sectorNarrowing,
  subscribedThemes,
  writeFeedToken,
} from "../../db/repositories/schools";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { newSecret } from "../../core/ids";
import type { SchoolCoordinator, SchoolMember } from "../access/schools";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";

function subscriptionsOf(ctx: ServiceContext, schoolId: string): Subscriptions {
  return { themes: subscribedThemes(ctx, schoolId).sort(themeIndex(ctx).compare), sector: sectorNarrowing(ctx, schoolId) };
}

export const getSubscriptions = (ctx: ServiceContext, school: SchoolMember): Subscriptions => subscriptionsOf(ctx, school.id);

/** Replaces the school's subscriptions as a whole (PUT semantics). */
export function setSubscriptions(ctx: ServiceContext, school: SchoolCoordinator, input: SubscriptionsRequest): Subscriptions {
  const themes = requireThemes(ctx, input.themes);
  const sector = [...new Set(input.sector ?? [])] as ItemSector[];
  replaceSubscriptions(ctx, school.id, themes, sector, isoNow(ctx));
  return subscriptionsOf(ctx, school.id);
}

function newFeedToken(ctx: ServiceContext, schoolId: string): string {
  const token = newSecret("kpf");
  writeFeedToken(ctx, schoolId, token, isoNow(ctx));
  return token;
}

/**
 * The school's feed URLs. The token is made on first request and kept in plain text: the coordinator
 * must be able to look the URL up again, and it grants no more than reading this one feed.
 */
export function getFeedUrls(ctx: ServiceContext, school: SchoolCoordinator): FeedUrlsResponse {
  const token = transaction(ctx, () => feedToken(ctx, school.id) ?? newFeedToken(ctx, school.id));
  return ctx.links.schoolFeeds(school.id, token);
}

/** A new token; the old one stops working with this write (feeds look the token up on every request). */
export const rotateFeedUrl = (ctx: ServiceContext, school: SchoolCoordinator): FeedUrlsResponse =>
  ctx.links.schoolFeeds(school.id, newFeedToken(ctx, school.id));

/**
 * A coordinator who leaves the school, becomes a plain member, or whose account is disabled still knows
 * the feed URL they once fetched: the token is replaced so that copy stops working, and the remaining
 * coordinators read the new URL from feed-url. A school whose URL was never fetched has none to replace.
 */
export function replaceFeedTokenOfFormerCoordinator(ctx: ServiceContext, schoolId: string) {
  if (feedToken(ctx, schoolId) !== null) newFeedToken(ctx, schoolId);
}

/**
 * The schools whose subscriptions cover something with these themes and sectors: subscribed to one of
 * the themes or a theme above it, and not narrowed to other sectors. Offers to subscribers and the
 * item.published webhook both follow this rule.
 */
export function schoolsReceiving(ctx: ServiceContext, themes: readonly string[], sectors: readonly ItemSector[]): string[] {
  const all = themeIndex(ctx).withAncestors(themes);
  if (!all.length) return [];
  return schoolsSubscribedTo(ctx, all)
    .filter((school) => sectorAllows(school.sector, sectors))
    .map((school) => school.schoolId);
}

/** A school's subscribed themes with all their sub-themes (a theme since removed from the taxonomy stays as it is). */
export function themesWithDescendants(ctx: ServiceContext, subscribed: readonly string[]): string[] {
  const index = themeIndex(ctx);
  return [...new Set(subscribed.flatMap((theme) => (index.bySlug.has(theme) ? index.withDescendants(theme) : [theme])))];
}

/**
 * The sector narrowing, for webhooks and feeds alike: an item labelled only for other sectors is left
 * out; an item without sector labels speaks to every sector and stays. (The school feed's query applies
 * the same rule in SQL: db/repositories/feeds.ts.)
 */
export const sectorAllows = (schoolSectors: readonly ItemSector[], itemSectors: readonly ItemSector[]) =>
  schoolSectors.length === 0 || itemSectors.length === 0 || itemSectors.some((s) => schoolSectors.includes(s));
