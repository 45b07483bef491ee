import { and, eq, sql } from "drizzle-orm";
import type { FeedUrlsResponse, Subscriptions, SubscriptionsRequest } from "../../../shared/delivery-schemas";
import type { ItemSector } from "../../../shared/schemas";
import { schoolFeeds, schools, subscriptions } from "../../db/schema";
import { isoNow, type ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import { newSecret } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";

// ---------------------------------------------------------------------------------------------------
// Who may act for a school

/**
 * Members read what their school receives; only its coordinators change it. The list of schools is open
 * to every signed-in person, so refusing a non-member with 403 reveals nothing.
 */
export function requireSchoolRole(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, role: "member" | "coordinator") {
  const school = ctx.db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, schoolId)).get();
  if (!school) throw notFound("school");
  const membership = viewer.schools.find((s) => s.id === schoolId);
  if (!membership) throw forbidden("not_a_member", "Only members of this school may see this.");
  if (role === "coordinator" && membership.role !== "coordinator") {
    throw forbidden("coordinator_only", "Only the school's coordinators may do this.");
  }
  return school;
}

// ---------------------------------------------------------------------------------------------------
// Subscriptions

function subscriptionsOf(ctx: ServiceContext, schoolId: string): Subscriptions {
  const themes = ctx.db
    .select({ theme: subscriptions.theme })
    .from(subscriptions)
    .where(eq(subscriptions.schoolId, schoolId))
    .all()
    .map((r) => r.theme)
    .sort(themeIndex(ctx).compare);
  const sector = ctx.db.select({ sector: schoolFeeds.sector }).from(schoolFeeds).where(eq(schoolFeeds.schoolId, schoolId)).get()?.sector ?? [];
  return { themes, sector };
}

export function getSubscriptions(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): Subscriptions {
  requireSchoolRole(ctx, viewer, schoolId, "member");
  return subscriptionsOf(ctx, schoolId);
}

/** Replaces the school's subscriptions as a whole (PUT semantics). */
export function setSubscriptions(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, input: SubscriptionsRequest): Subscriptions {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  const themes = requireThemes(ctx, input.themes);
  const sector = [...new Set(input.sector ?? [])] as ItemSector[];
  const now = isoNow(ctx);
  ctx.db.transaction(() => {
    ctx.db.delete(subscriptions).where(eq(subscriptions.schoolId, schoolId)).run();
    if (themes.length) ctx.db.insert(subscriptions).values(themes.map((theme) => ({ schoolId, theme, createdAt: now }))).run();
    // school_feeds.updated_at doubles as "what this feed selects changed": feeds fold it into their ETag.
    ctx.db
      .insert(schoolFeeds)
      .values({ schoolId, sector, updatedAt: now })
      .onConflictDoUpdate({ target: schoolFeeds.schoolId, set: { sector, updatedAt: now } })
      .run();
  });
  return subscriptionsOf(ctx, schoolId);
}

// ---------------------------------------------------------------------------------------------------
// The private feed's token

function writeToken(ctx: ServiceContext, schoolId: string): string {
  const token = newSecret("kpf");
  ctx.db
    .insert(schoolFeeds)
    .values({ schoolId, feedToken: token, updatedAt: isoNow(ctx) })
    .onConflictDoUpdate({ target: schoolFeeds.schoolId, set: { feedToken: token } })
    .run();
  return token;
}

/**
 * The school's feed URLs. The token is made on first request and kept in plain text: the coordinator
 * must be able to look the URL up again, and it grants no more than reading this one feed.
 */
export function getFeedUrls(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): FeedUrlsResponse {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  const token = ctx.db.transaction(() => {
    const current = ctx.db.select({ token: schoolFeeds.feedToken }).from(schoolFeeds).where(eq(schoolFeeds.schoolId, schoolId)).get()?.token;
    return current ?? writeToken(ctx, schoolId);
  });
  return ctx.links.schoolFeeds(schoolId, token);
}

/** A new token; the old one stops working with this write (feeds look the token up on every request). */
export function rotateFeedUrl(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): FeedUrlsResponse {
  requireSchoolRole(ctx, viewer, schoolId, "coordinator");
  return ctx.links.schoolFeeds(schoolId, writeToken(ctx, schoolId));
}

/** The school a feed token opens, or null; a wrong, rotated or other school's token opens nothing. */
export function schoolForFeedToken(ctx: ServiceContext, schoolId: string, token: string | undefined) {
  if (!token) return null;
  return (
    ctx.db
      .select({ id: schools.id, name: schools.name, sector: schoolFeeds.sector, updatedAt: schoolFeeds.updatedAt })
      .from(schoolFeeds)
      .innerJoin(schools, eq(schools.id, schoolFeeds.schoolId))
      .where(and(eq(schoolFeeds.schoolId, schoolId), eq(schoolFeeds.feedToken, token)))
      .get() ?? null
  );
}

/** Schools subscribed to any of these themes (callers pass a theme with its ancestors). */
export function schoolsSubscribedTo(ctx: ServiceContext, themes: string[]): { schoolId: string; sector: ItemSector[] }[] {
  if (!themes.length) return [];
  return ctx.db
    .all<{ schoolId: string; sector: string | null }>(
      sql`SELECT DISTINCT sub.school_id AS schoolId, sf.sector AS sector FROM subscriptions sub
          LEFT JOIN school_feeds sf ON sf.school_id = sub.school_id WHERE sub.theme IN ${themes} ORDER BY sub.school_id`,
    )
    .map((r) => ({ schoolId: r.schoolId, sector: r.sector ? (JSON.parse(r.sector) as ItemSector[]) : [] }));
}

/**
 * The schools whose subscriptions cover something with these themes and sectors: subscribed to one of
 * the themes or a theme above it, and not narrowed to other sectors. Offers to subscribers and the
 * item.published webhook both follow this rule.
 */
export function schoolsReceiving(ctx: ServiceContext, themes: readonly string[], sectors: readonly ItemSector[]): string[] {
  return schoolsSubscribedTo(ctx, themeIndex(ctx).withAncestors(themes))
    .filter((school) => sectorAllows(school.sector, sectors))
    .map((school) => school.schoolId);
}

/** The school's subscribed themes with all their sub-themes. */
export function subscribedThemesWithDescendants(ctx: ServiceContext, schoolId: string): string[] {
  const index = themeIndex(ctx);
  const direct = ctx.db.select({ theme: subscriptions.theme }).from(subscriptions).where(eq(subscriptions.schoolId, schoolId)).all();
  return [...new Set(direct.flatMap((r) => (index.bySlug.has(r.theme) ? index.withDescendants(r.theme) : [r.theme])))];
}

/**
 * The sector narrowing, for webhooks and feeds alike: an item labelled only for other sectors is left
 * out; an item without sector labels speaks to every sector and stays.
 */
export const sectorAllows = (schoolSectors: readonly ItemSector[], itemSectors: readonly ItemSector[]) =>
  schoolSectors.length === 0 || itemSectors.length === 0 || itemSectors.some((s) => schoolSectors.includes(s));
