/**
 * Accounts and sessions: creating and changing people, signing in, the tokens that stand for a session,
 * and who a token belongs to (with their memberships) on every request.
 */
import type { UserRole } from "../../../shared/schemas";
import {
  deleteTokenOf,
  deleteTokensOf,
  insertToken,
  insertUser,
  markTokenUsed,
  otherActiveAdmins,
  replaceUser,
  setDisplayName,
  tokenHolder,
  tokensOf,
  userByEmail,
  userById,
  usersByEmail,
  type TokenRow,
  type UserRow,
} from "../../db/repositories/accounts";
import { FORMER_COLLEAGUE } from "../../db/repositories/personal-data/deletion";
import { communitiesOf, institutesOf as instituteMembershipsOf, schoolsOf } from "../../db/repositories/memberships";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, notFound, unauthenticated } from "../../core/errors";
import { newId, newSecret, sha256Hex } from "../../core/ids";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../core/passwords";
import type { SignedInViewer } from "../../core/viewer";
import { replaceFeedTokenOfFormerCoordinator } from "../schools/subscriptions";
import { publicName } from "./public-name";
import { identityViews } from "../sign-in/people";
import type { SignInProviderSettings } from "../sign-in/providers";

export const publicUser = (row: Pick<UserRow, "id" | "name" | "email" | "roles">) => ({ id: row.id, name: row.name, email: row.email, roles: row.roles });

/** A person as the services see them, acting through one token (or as a seed or benchmark, by name). */
export const signedInViewer = (ctx: ServiceContext, row: Pick<UserRow, "id" | "name" | "email" | "roles">, tokenId: string): SignedInViewer => ({
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
  const passwordHash = await hashPassword(input.password, ctx.passwordCost);
  const now = isoNow(ctx);
  const row: UserRow = {
    id: newId(),
    name: input.name,
    email,
    passwordHash,
    displayName: null,
    roles: normaliseRoles(input.roles),
    disabled: input.disabled ?? false,
    createdAt: now,
    updatedAt: now,
  };
  // Checked after hashing, right before the insert, so no await sits between the check and the write.
  if (findUserByEmail(ctx, email)) throw conflict("email_taken", "An account with this e-mail address already exists.");
  insertUser(ctx, row);
  return row;
}

export async function updateUser(ctx: ServiceContext, id: string, input: Partial<NewUser>) {
  const existing = userById(ctx, id);
  // The placeholder for deleted colleagues is nobody's account: it can never be enabled or signed in to.
  if (!existing || existing.id === FORMER_COLLEAGUE.id) throw notFound("user");
  const passwordHash = input.password ? await hashPassword(input.password, ctx.passwordCost) : existing.passwordHash;
  const email = input.email?.trim().toLowerCase() ?? existing.email;
  if (email !== null && email !== existing.email && findUserByEmail(ctx, email)) {
    throw conflict("email_taken", "An account with this e-mail address already exists.");
  }
  const stillAdmin = (input.roles ? input.roles.includes("admin") : existing.roles.includes("admin")) && !(input.disabled ?? existing.disabled);
  // As with deleting: an installation whose last administrator steps down can no longer be run from the browser or the API.
  if (existing.roles.includes("admin") && !existing.disabled && !stillAdmin && otherActiveAdmins(ctx, id) === 0) {
    throw conflict("last_admin", "This is the last administrator: make someone else an administrator first.");
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
  transaction(ctx, () => {
    replaceUser(ctx, updated);
    if (updated.disabled && !existing.disabled) endAccessOfDisabled(ctx, id);
    // A new password (or saving a disabled account again) ends every session at once too.
    else if (updated.disabled || input.password) deleteTokensOf(ctx, id);
  });
  return updated;
}

/**
 * What disabling an account ends at once, wherever it is disabled (settings, hand-over): every session,
 * and the feed URLs of schools they coordinated, so no working copy stays in their hands.
 */
export function endAccessOfDisabled(ctx: ServiceContext, userId: string) {
  deleteTokensOf(ctx, userId);
  for (const school of schoolsOf(ctx, userId)) if (school.role === "coordinator") replaceFeedTokenOfFormerCoordinator(ctx, school.id);
}

export const findUserByEmail = (ctx: ServiceContext, email: string) => userByEmail(ctx, email.trim().toLowerCase());

export const listUsers = (ctx: ServiceContext) => usersByEmail(ctx).filter((u) => u.id !== FORMER_COLLEAGUE.id);

/** Checks e-mail and password and opens a login session. Unknown e-mail and wrong password look the same. */
export async function login(ctx: ServiceContext, email: string, password: string, deviceName: string | undefined) {
  const user = findUserByEmail(ctx, email);
  if (!user) {
    await burnPasswordCheck(password, ctx.passwordCost);
    throw unauthenticated("Wrong e-mail address or password.");
  }
  // An account without a password (a school-account person) is refused after the same amount of work.
  const ok = user.passwordHash ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password, ctx.passwordCost), false);
  if (!ok || user.disabled) throw unauthenticated("Wrong e-mail address or password.");
  const { secret } = issueToken(ctx, user.id, deviceName ?? "Aanmelding", "login");
  return { token: secret, user };
}

export function issueToken(ctx: ServiceContext, userId: string, name: string, kind: TokenRow["kind"], expiresAt: string | null = null) {
  const secret = newSecret("kp");
  const row: TokenRow = {
    id: newId(),
    userId,
    name,
    kind,
    secretHash: sha256Hex(secret),
    createdAt: isoNow(ctx),
    lastUsedAt: null,
    expiresAt,
  };
  insertToken(ctx, row);
  return { secret, row };
}

// Writing lastUsedAt on every request would turn each read into a write; once a minute is precise enough.
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Resolves a secret to the person behind it, with their memberships, or null. Runs on every request. A
 * bearer token is a device's or a named token; a session cookie is a web session: neither opens the other's
 * door, so a session secret lifted from a cookie jar is no API token, and a token pasted into a cookie
 * gets no web session.
 */
export function viewerForToken(ctx: ServiceContext, secret: string, carrier: "bearer" | "cookie" = "bearer"): SignedInViewer | null {
  const found = tokenHolder(ctx, sha256Hex(secret));
  if (!found || found.disabled) return null;
  if ((found.kind === "web") !== (carrier === "cookie")) return null;
  const now = ctx.now();
  if (found.expiresAt && Date.parse(found.expiresAt) <= now.getTime()) return null;
  const lastUsed = found.lastUsedAt ? Date.parse(found.lastUsedAt) : 0;
  if (now.getTime() - lastUsed > LAST_USED_GRANULARITY_MS) {
    markTokenUsed(ctx, found.tokenId, now.toISOString());
  }
  return { kind: "user", user: found.user, ...membershipsOf(ctx, found.user.id), tokenId: found.tokenId };
}

export const membershipsOf = (ctx: ServiceContext, userId: string) => ({ schools: schoolsOf(ctx, userId), communities: communitiesOf(ctx, userId) });

/** The institutes a person belongs to: only /me shows them, so they are not read on every request. */
export const institutesOf = (ctx: ServiceContext, userId: string) => instituteMembershipsOf(ctx, userId);

export const revokeToken = (ctx: ServiceContext, userId: string, tokenId: string) => {
  if (!deleteTokenOf(ctx, userId, tokenId)) throw notFound("token");
};

export const listTokens = (ctx: ServiceContext, userId: string) => tokensOf(ctx, userId);

export const tokenView = (row: TokenRow, currentTokenId: string | null) => ({
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

/** What /me answers: the person, their memberships, and how others see their name. */
export function meView(ctx: ServiceContext, viewer: SignedInViewer, signInProviders: readonly SignInProviderSettings[] = []) {
  const { user, schools, communities } = viewer;
  return {
    user,
    schools,
    communities,
    institutes: institutesOf(ctx, user.id),
    displayName: userById(ctx, user.id)?.displayName ?? null,
    publicName: publicName(ctx, user.id, "public"),
    identities: identityViews(ctx, user.id, signInProviders),
  };
}

export function setOwnDisplayName(ctx: ServiceContext, viewer: SignedInViewer, displayName: string | null) {
  setDisplayName(ctx, viewer.user.id, displayName, isoNow(ctx));
  return meView(ctx, viewer);
}
