/**
 * People's accounts and the tokens they sign in with. E-mail addresses arrive here already normalised
 * (the accounts service decides what counts as the same address); tokens are found by the hash of their
 * secret, never by the secret itself.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { UserRole } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { tokens, users } from "../schema";
import { jsonListHas } from "../sqlite";
import { queryAll, queryGet } from "../statements";

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof tokens.$inferSelect;

export const userById = (ctx: ServiceContext, id: string) => ctx.db.select().from(users).where(eq(users.id, id)).get();

export const userByEmail = (ctx: ServiceContext, email: string) => ctx.db.select().from(users).where(eq(users.email, email)).get();

export const userExists = (ctx: ServiceContext, id: string) =>
  ctx.db.select({ id: users.id }).from(users).where(eq(users.id, id)).get() !== undefined;

/** Administrators who can still sign in, other than this person. */
export const otherActiveAdmins = (ctx: ServiceContext, userId: string) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM users u WHERE u.id <> ${userId} AND u.disabled = 0 AND ${jsonListHas(sql`u.roles`, "admin")}`)!.n;

export const usersByEmail = (ctx: ServiceContext) => ctx.db.select().from(users).orderBy(asc(users.email)).all();

export function insertUser(ctx: ServiceContext, row: UserRow) {
  ctx.db.insert(users).values(row).run();
}

/** Writes every field of the account as given. */
export function replaceUser(ctx: ServiceContext, row: UserRow) {
  ctx.db.update(users).set(row).where(eq(users.id, row.id)).run();
}

export function insertToken(ctx: ServiceContext, row: TokenRow) {
  ctx.db.insert(tokens).values(row).run();
}

export const tokensOf = (ctx: ServiceContext, userId: string) =>
  ctx.db.select().from(tokens).where(eq(tokens.userId, userId)).orderBy(asc(tokens.createdAt)).all();

/** Deletes a token of this person; false when they hold no such token. */
export const deleteTokenOf = (ctx: ServiceContext, userId: string, tokenId: string) =>
  ctx.db.delete(tokens).where(and(eq(tokens.id, tokenId), eq(tokens.userId, userId))).run().changes > 0;

/** Ends every session of a person. */
export function deleteTokensOf(ctx: ServiceContext, userId: string) {
  ctx.db.delete(tokens).where(eq(tokens.userId, userId)).run();
}

export function markTokenUsed(ctx: ServiceContext, tokenId: string, at: string) {
  ctx.db.update(tokens).set({ lastUsedAt: at }).where(eq(tokens.id, tokenId)).run();
}

export interface TokenHolder {
  tokenId: string;
  lastUsedAt: string | null;
  kind: TokenRow["kind"];
  /** Set for web sessions, which end at this time. */
  expiresAt: string | null;
  disabled: boolean;
  user: { id: string; name: string; email: string | null; roles: UserRole[] };
}

/**
 * The token with this secret hash and the person holding it. Read on every request, so written as one
 * prepared statement rather than through the query builder.
 */
export function tokenHolder(ctx: ServiceContext, secretHash: string): TokenHolder | undefined {
  const found = queryGet<{ tokenId: string; lastUsedAt: string | null; kind: TokenRow["kind"]; expiresAt: string | null; id: string; name: string; email: string | null; roles: string; disabled: number }>(
    ctx,
    sql`SELECT t.id AS tokenId, t.last_used_at AS lastUsedAt, t.kind AS kind, t.expires_at AS expiresAt, u.id AS id, u.name AS name, u.email AS email, u.roles AS roles, u.disabled AS disabled
        FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = ${secretHash}`,
  );
  if (!found) return undefined;
  return {
    tokenId: found.tokenId,
    lastUsedAt: found.lastUsedAt,
    kind: found.kind,
    expiresAt: found.expiresAt,
    disabled: Boolean(found.disabled),
    user: { id: found.id, name: found.name, email: found.email, roles: JSON.parse(found.roles) as UserRole[] },
  };
}

export interface NamedPerson {
  id: string;
  name: string;
  displayName: string | null;
  /** The first of the person's schools by name, for "Anna (De Regenboog)". */
  school: string | null;
}

/** What a person's public name is made of, for these people; people who no longer exist are absent. */
export const namedPeople = (ctx: ServiceContext, ids: readonly string[]): NamedPerson[] =>
  // Most items shaped have no one else's note to sign: no statement for them.
  ids.length === 0 ? [] : queryAll<NamedPerson>(
    ctx,
    sql`SELECT u.id AS id, u.name AS name, u.display_name AS displayName,
          (SELECT s.name FROM school_members m JOIN schools s ON s.id = m.school_id WHERE m.user_id = u.id ORDER BY s.name LIMIT 1) AS school
        FROM users u WHERE u.id IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`,
  );

export const setDisplayName = (ctx: ServiceContext, id: string, displayName: string | null, at: string) =>
  ctx.db.update(users).set({ displayName, updatedAt: at }).where(eq(users.id, id)).run();
