/**
 * Deleting a person: the rows only they own go with their account (the foreign keys cascade), shared work
 * moves to the placeholder account "oud-collega / former colleague", and a record without personal data
 * says that it happened.
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { accountDeletions } from "../../schema";
import { queryAll, queryGet, queryRun } from "../../statements";

/**
 * The one account that stands for every deleted colleague whose shared work stayed. It cannot sign in:
 * disabled, and its password hash is no hash of anything.
 */
export const FORMER_COLLEAGUE = { id: "former-colleague", name: "oud-collega / former colleague", email: "former-colleague@knooppunt.invalid" };

export function ensureFormerColleague(ctx: ServiceContext, at: string) {
  queryRun(
    ctx,
    sql`INSERT OR IGNORE INTO users (id, name, email, password_hash, roles, disabled, created_at, updated_at)
        VALUES (${FORMER_COLLEAGUE.id}, ${FORMER_COLLEAGUE.name}, ${FORMER_COLLEAGUE.email}, '!', '[]', 1, ${at}, ${at})`,
  );
}

/** The person's saves by circle: private ones always go; the others are shared work. */
export const savesToSettle = (ctx: ServiceContext, userId: string) =>
  queryAll<{ seq: number; itemSeq: number; itemId: string; visibility: string }>(
    ctx,
    sql`SELECT s.seq AS seq, s.item_seq AS itemSeq, i.id AS itemId, s.visibility AS visibility
        FROM saves s JOIN items i ON i.seq = s.item_seq WHERE s.user_id = ${userId} ORDER BY s.seq`,
  );

/** Gives a save to the placeholder account; false when it already holds a save of that item (from another deleted colleague). */
export const handOverSaveRow = (ctx: ServiceContext, saveSeq: number) =>
  queryRun(
    ctx,
    sql`UPDATE saves SET user_id = ${FORMER_COLLEAGUE.id}
        WHERE seq = ${saveSeq} AND NOT EXISTS (SELECT 1 FROM saves o WHERE o.user_id = ${FORMER_COLLEAGUE.id} AND o.item_seq = saves.item_seq)`,
  ).changes > 0;

export interface CuratedBundle {
  bundleId: string;
  title: string;
  role: "owner" | "curator";
  status: "draft" | "published";
  /** The other curators, longest-standing first. */
  others: string[];
}

export function curatedBundles(ctx: ServiceContext, userId: string): CuratedBundle[] {
  const rows = queryAll<{ bundleId: string; title: string; role: "owner" | "curator"; status: "draft" | "published"; others: string | null }>(
    ctx,
    sql`SELECT c.bundle_id AS bundleId, b.title AS title, c.role AS role, b.status AS status,
          (SELECT json_group_array(user_id) FROM (SELECT o.user_id FROM bundle_curators o WHERE o.bundle_id = c.bundle_id AND o.user_id <> ${userId}
             ORDER BY o.created_at, o.user_id)) AS others
        FROM bundle_curators c JOIN bundles b ON b.id = c.bundle_id WHERE c.user_id = ${userId} ORDER BY b.created_at, b.rowid`,
  );
  return rows.map((r) => ({ ...r, others: r.others ? (JSON.parse(r.others) as string[]) : [] }));
}

export const setCuratorRole = (ctx: ServiceContext, bundleId: string, userId: string, role: "owner" | "curator", at: string) =>
  queryRun(
    ctx,
    sql`INSERT INTO bundle_curators (bundle_id, user_id, role, created_at) VALUES (${bundleId}, ${userId}, ${role}, ${at})
        ON CONFLICT (bundle_id, user_id) DO UPDATE SET role = excluded.role`,
  );

export const deleteBundleById = (ctx: ServiceContext, bundleId: string) => queryRun(ctx, sql`DELETE FROM bundles WHERE id = ${bundleId}`).changes;

/** Published snapshots that name the person among their curators. */
export const snapshotsNaming = (ctx: ServiceContext, userId: string) =>
  queryAll<{ bundleId: string; number: number; content: string }>(
    ctx,
    sql`SELECT bundle_id AS bundleId, number, content FROM bundle_versions
        WHERE EXISTS (SELECT 1 FROM json_each(content, '$.curators') c WHERE json_extract(c.value, '$.id') = ${userId})`,
  );

export const replaceSnapshotContent = (ctx: ServiceContext, bundleId: string, number: number, content: string) =>
  queryRun(ctx, sql`UPDATE bundle_versions SET content = ${content} WHERE bundle_id = ${bundleId} AND number = ${number}`);

/** Rows that go with the account through ON DELETE CASCADE, counted before it goes. */
export const cascadingCounts = (ctx: ServiceContext, userId: string) =>
  queryGet<{ tokens: number; memberships: number; idempotencyKeys: number }>(
    ctx,
    sql`SELECT (SELECT count(*) FROM tokens WHERE user_id = ${userId}) AS tokens,
          (SELECT count(*) FROM school_members WHERE user_id = ${userId}) + (SELECT count(*) FROM community_members WHERE user_id = ${userId})
            + (SELECT count(*) FROM institute_members WHERE user_id = ${userId}) AS memberships,
          (SELECT count(*) FROM idempotency_keys WHERE user_id = ${userId}) AS idempotencyKeys`,
  )!;

/** Removes the account; every row that references it cascades or is set to null by the schema's rules. */
export const deleteUserRow = (ctx: ServiceContext, userId: string) => queryRun(ctx, sql`DELETE FROM users WHERE id = ${userId}`).changes > 0;

export function insertAccountDeletion(ctx: ServiceContext, row: typeof accountDeletions.$inferInsert) {
  ctx.db.insert(accountDeletions).values(row).run();
}

export const accountDeletionRows = (ctx: ServiceContext) => ctx.db.select().from(accountDeletions).all();
