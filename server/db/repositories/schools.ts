/** What a school receives: its theme subscriptions, its sector narrowing and its private feed's token. */
import { and, eq, sql } from "drizzle-orm";
import type { ItemSector } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { schoolFeeds, schools, subscriptions } from "../schema";
import { inList } from "../sqlite";
import { queryAll, transaction } from "../statements";

export const schoolById = (ctx: ServiceContext, id: string) =>
  ctx.db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, id)).get();

export const subscribedThemes = (ctx: ServiceContext, schoolId: string) =>
  ctx.db.select({ theme: subscriptions.theme }).from(subscriptions).where(eq(subscriptions.schoolId, schoolId)).all().map((r) => r.theme);

export const sectorNarrowing = (ctx: ServiceContext, schoolId: string): ItemSector[] =>
  ctx.db.select({ sector: schoolFeeds.sector }).from(schoolFeeds).where(eq(schoolFeeds.schoolId, schoolId)).get()?.sector ?? [];

/**
 * Replaces the school's subscriptions and narrowing. school_feeds.updated_at doubles as "what this feed
 * selects changed": feeds fold it into their ETag.
 */
export function replaceSubscriptions(ctx: ServiceContext, schoolId: string, themes: string[], sector: ItemSector[], at: string) {
  transaction(ctx, () => {
    ctx.db.delete(subscriptions).where(eq(subscriptions.schoolId, schoolId)).run();
    if (themes.length) ctx.db.insert(subscriptions).values(themes.map((theme) => ({ schoolId, theme, createdAt: at }))).run();
    ctx.db
      .insert(schoolFeeds)
      .values({ schoolId, sector, updatedAt: at })
      .onConflictDoUpdate({ target: schoolFeeds.schoolId, set: { sector, updatedAt: at } })
      .run();
  });
}

export const feedToken = (ctx: ServiceContext, schoolId: string) =>
  ctx.db.select({ token: schoolFeeds.feedToken }).from(schoolFeeds).where(eq(schoolFeeds.schoolId, schoolId)).get()?.token ?? null;

export function writeFeedToken(ctx: ServiceContext, schoolId: string, token: string, at: string) {
  ctx.db
    .insert(schoolFeeds)
    .values({ schoolId, feedToken: token, updatedAt: at })
    .onConflictDoUpdate({ target: schoolFeeds.schoolId, set: { feedToken: token } })
    .run();
}

/** Schools subscribed to any of these themes, with their sector narrowing. */
export const schoolsSubscribedTo = (ctx: ServiceContext, themes: string[]) =>
  queryAll<{ schoolId: string; sector: string | null }>(
    ctx,
    sql`SELECT DISTINCT sub.school_id AS schoolId, sf.sector AS sector FROM subscriptions sub
        LEFT JOIN school_feeds sf ON sf.school_id = sub.school_id WHERE sub.theme IN ${inList(themes)} ORDER BY sub.school_id`,
  ).map((r) => ({ schoolId: r.schoolId, sector: r.sector ? (JSON.parse(r.sector) as ItemSector[]) : [] }));

/** Of these ids, the schools that exist. */
export const existingSchoolIds = (ctx: ServiceContext, ids: string[]) =>
  new Set(queryAll<{ id: string }>(ctx, sql`SELECT id FROM schools WHERE id IN ${inList(ids)}`).map((r) => r.id));
