import { and, asc, eq, sql } from "drizzle-orm";
import type { CommunityRole, SchoolRole, UserRole } from "../../../shared/schemas";
import { queryAll, queryGet } from "../../db/statements";
import { tokens, users } from "../../db/schema";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, notFound, unauthenticated } from "../../core/errors";
import { newId, newSecret, sha256Hex } from "../../core/ids";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../core/passwords";
import type { SignedInViewer } from "../../core/viewer";

type UserRow = typeof users.$inferSelect;

export const publicUser = (row: UserRow) => ({ id: row.id, name: row.name, email: row.email, roles: row.roles });

/** A person as the services see them, acting through one token (or as a seed or benchmark, by name). */
export const signedInViewer = (ctx: ServiceContext, row: UserRow, tokenId: string): SignedInViewer => ({
  kind: "user",
  user: publicUser(row),
  ...membershipsOf(ctx, row.id),
  tokenId,
});
export const adminUser = (row: UserRow) => ({ ...publicUser(row), disabled: row.disabled, createdAt: row.createdAt });

const normaliseRoles = (roles: UserRole[] | undefined): UserRole[] => [...new Set(roles ?? [])].sort();

export interface NewUser {
  name: string;
  email: string;
  password: string;
  roles?: UserRole[];
  disabled?: boolean;
}

export async function createUser(ctx: ServiceContext, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const now = isoNow(ctx);
  const row: UserRow = {
    id: newId(),
    name: input.name,
    email,
    passwordHash,
    roles: normaliseRoles(input.roles),
    disabled: input.disabled ?? false,
    createdAt: now,
    updatedAt: now,
  };
  // Checked after hashing, right before the insert, so no await sits between the check and the write.
  if (findUserByEmail(ctx, email)) throw conflict("email_taken", "An account with this e-mail address already exists.");
  ctx.db.insert(users).values(row).run();
  return row;
}

export async function updateUser(ctx: ServiceContext, id: string, input: Partial<NewUser>) {
  const existing = ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!existing) throw notFound("user");
  const passwordHash = input.password ? await hashPassword(input.password) : existing.passwordHash;
  const email = input.email?.trim().toLowerCase() ?? existing.email;
  if (email !== existing.email && findUserByEmail(ctx, email)) {
    throw conflict("email_taken", "An account with this e-mail address already exists.");
  }
  const updated: UserRow = {
    ...existing,
    name: input.name ?? existing.name,
    email,
    passwordHash,
    roles: input.roles ? normaliseRoles(input.roles) : existing.roles,
    disabled: input.disabled ?? existing.disabled,
    updatedAt: isoNow(ctx),
  };
  ctx.db.transaction((tx) => {
    tx.update(users).set(updated).where(eq(users.id, id)).run();
    // A disabled account or a new password ends every session at once.
    if (updated.disabled || input.password) tx.delete(tokens).where(eq(tokens.userId, id)).run();
  });
  return updated;
}

export const findUserByEmail = (ctx: ServiceContext, email: string) =>
  ctx.db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();

export const listUsers = (ctx: ServiceContext) => ctx.db.select().from(users).orderBy(asc(users.email)).all();

/** Checks e-mail and password and opens a login session. Unknown e-mail and wrong password look the same. */
export async function login(ctx: ServiceContext, email: string, password: string, deviceName: string | undefined) {
  const user = findUserByEmail(ctx, email);
  if (!user) {
    await burnPasswordCheck(password);
    throw unauthenticated("Wrong e-mail address or password.");
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabled) throw unauthenticated("Wrong e-mail address or password.");
  const { secret } = issueToken(ctx, user.id, deviceName ?? "Aanmelding", "login");
  return { token: secret, user };
}

export function issueToken(ctx: ServiceContext, userId: string, name: string, kind: "login" | "api") {
  const secret = newSecret("kp");
  const row = {
    id: newId(),
    userId,
    name,
    kind,
    secretHash: sha256Hex(secret),
    createdAt: isoNow(ctx),
    lastUsedAt: null,
  };
  ctx.db.insert(tokens).values(row).run();
  return { secret, row };
}

// Writing lastUsedAt on every request would turn each read into a write; once a minute is precise enough.
const LAST_USED_GRANULARITY_MS = 60_000;

/** Resolves a bearer secret to the person behind it, with their memberships, or null. Runs on every request. */
export function viewerForToken(ctx: ServiceContext, secret: string): SignedInViewer | null {
  const found = queryGet<{ tokenId: string; lastUsedAt: string | null; id: string; name: string; email: string; roles: string; disabled: number }>(
    ctx,
    sql`SELECT t.id AS tokenId, t.last_used_at AS lastUsedAt, u.id AS id, u.name AS name, u.email AS email, u.roles AS roles, u.disabled AS disabled
        FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = ${sha256Hex(secret)}`,
  );
  if (!found || found.disabled) return null;
  const now = ctx.now();
  const lastUsed = found.lastUsedAt ? Date.parse(found.lastUsedAt) : 0;
  if (now.getTime() - lastUsed > LAST_USED_GRANULARITY_MS) {
    ctx.db.update(tokens).set({ lastUsedAt: now.toISOString() }).where(eq(tokens.id, found.tokenId)).run();
  }
  const user = { id: found.id, name: found.name, email: found.email, roles: JSON.parse(found.roles) as UserRole[] };
  return { kind: "user", user, ...membershipsOf(ctx, found.id), tokenId: found.tokenId };
}

export function membershipsOf(ctx: ServiceContext, userId: string) {
  const schoolRows = queryAll<{ id: string; name: string; role: SchoolRole }>(
    ctx,
    sql`SELECT s.id AS id, s.name AS name, m.role AS role FROM school_members m JOIN schools s ON s.id = m.school_id
        WHERE m.user_id = ${userId} ORDER BY s.name`,
  );
  const communityRows = queryAll<{ id: string; name: string; role: CommunityRole }>(
    ctx,
    sql`SELECT c.id AS id, c.name AS name, m.role AS role FROM community_members m JOIN communities c ON c.id = m.community_id
        WHERE m.user_id = ${userId} ORDER BY c.name`,
  );
  return { schools: schoolRows, communities: communityRows };
}

/** The institutes a person belongs to: only /me shows them, so they are not read on every request. */
export const institutesOf = (ctx: ServiceContext, userId: string) =>
  queryAll<{ id: string; name: string; role: SchoolRole }>(
    ctx,
    sql`SELECT i.id AS id, i.name AS name, m.role AS role FROM institute_members m JOIN institutes i ON i.id = m.institute_id
        WHERE m.user_id = ${userId} ORDER BY i.name`,
  );

export const revokeToken = (ctx: ServiceContext, userId: string, tokenId: string) => {
  const result = ctx.db.delete(tokens).where(and(eq(tokens.id, tokenId), eq(tokens.userId, userId))).run();
  if (result.changes === 0) throw notFound("token");
};

export const listTokens = (ctx: ServiceContext, userId: string) =>
  ctx.db.select().from(tokens).where(eq(tokens.userId, userId)).orderBy(asc(tokens.createdAt)).all();

export const tokenView = (row: typeof tokens.$inferSelect, currentTokenId: string | null) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  current: row.id === currentTokenId,
});

/** The first administrator, from the operator's environment, created once. */
export async function ensureAdmin(ctx: ServiceContext, email: string, password: string) {
  if (findUserByEmail(ctx, email)) return null;
  return createUser(ctx, { name: "Beheerder", email, password, roles: ["admin"] });
}
