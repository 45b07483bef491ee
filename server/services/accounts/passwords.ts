/**
 * Passwords of local accounts: checking them at a web sign-in, changing one's own, and the one-time reset
 * link an administrator hands over until Knooppunt sends mail. A reset link's code is shown once; only its
 * hash is stored, it works once, for 72 hours, and a newer link voids the older ones.
 */
import { deleteTokenOf, deleteTokensOf, replaceUser, tokensOf, userById, type UserRow } from "../../db/repositories/accounts";
import { deleteOneTimeCode, deleteOneTimeCodesOf, insertOneTimeCode, oneTimeCodeByHash } from "../../db/repositories/sign-in/one-time-codes";
import { FORMER_COLLEAGUE } from "../../db/repositories/personal-data/deletion";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "../../core/errors";
import { newSecret, sha256Hex } from "../../core/ids";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../core/passwords";
import { findUserByEmail } from "./accounts";

/** Three days: an administrator's Friday afternoon link still works on Monday morning. */
export const RESET_LINK_HOURS = 72;

/**
 * The same check as the API's login (unknown e-mail, wrong password, no password and a disabled account
 * all look alike and cost the same work), without issuing a device token: the caller opens a web session.
 */
export async function verifyCredentials(ctx: ServiceContext, email: string, password: string): Promise<UserRow> {
  const user = findUserByEmail(ctx, email);
  if (!user) {
    await burnPasswordCheck(password, ctx.passwordCost);
    throw unauthenticated("Wrong e-mail address or password.");
  }
  const ok = user.passwordHash ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password, ctx.passwordCost), false);
  if (!ok || user.disabled) throw unauthenticated("Wrong e-mail address or password.");
  return user;
}

/** Ends every session and device token of the person except the one they are using now. */
function endOtherSessions(ctx: ServiceContext, userId: string, keepTokenId: string) {
  for (const token of tokensOf(ctx, userId)) if (token.id !== keepTokenId) deleteTokenOf(ctx, userId, token.id);
}

/**
 * Changes the person's own password after checking the current one. Whoever might have known the old one
 * is signed out everywhere else; the browser or device making the change stays signed in.
 */
export async function changeOwnPassword(ctx: ServiceContext, userId: string, keepTokenId: string, currentPassword: string, newPassword: string) {
  const user = userById(ctx, userId);
  if (!user) throw notFound("user");
  if (!user.passwordHash) {
    throw invalid("no_password", "This account signs in with a school account and has no password to change.");
  }
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw forbidden("wrong_password", "The current password is not right.");
  const passwordHash = await hashPassword(newPassword, ctx.passwordCost);
  transaction(ctx, () => {
    const now = userById(ctx, userId);
    if (!now) throw notFound("user");
    replaceUser(ctx, { ...now, passwordHash, updatedAt: isoNow(ctx) });
    endOtherSessions(ctx, userId, keepTokenId);
    // A reset link made before the change would undo it.
    deleteOneTimeCodesOf(ctx, userId, "reset");
  });
}

/** A new reset link for a person with an e-mail address to sign in with; older links stop working. */
export function createResetLink(ctx: ServiceContext, adminId: string, userId: string) {
  const user = userById(ctx, userId);
  if (!user || user.id === FORMER_COLLEAGUE.id) throw notFound("user");
  if (!user.email) throw conflict("no_email", "This person has no e-mail address to sign in with a password; give them one first.");
  const code = newSecret("kpr");
  const expiresAt = new Date(ctx.now().getTime() + RESET_LINK_HOURS * 3_600_000).toISOString();
  transaction(ctx, () => {
    deleteOneTimeCodesOf(ctx, userId, "reset");
    insertOneTimeCode(ctx, { codeHash: sha256Hex(code), purpose: "reset", userId, createdBy: adminId, createdAt: isoNow(ctx), expiresAt });
  });
  return { url: `${ctx.links.base}/reset/${encodeURIComponent(code)}`, expiresAt };
}

export type ResetLinkState = { state: "valid"; user: UserRow } | { state: "expired" } | { state: "unknown" };

// Codes are made by newSecret: anything else is unknown without a database lookup.
const CODE_SHAPE = /^kpr_[A-Za-z0-9_-]{20,100}$/;

export function resetLinkState(ctx: ServiceContext, code: string): ResetLinkState {
  if (!CODE_SHAPE.test(code)) return { state: "unknown" };
  const row = oneTimeCodeByHash(ctx, "reset", sha256Hex(code));
  if (!row) return { state: "unknown" };
  if (Date.parse(row.expiresAt) <= ctx.now().getTime()) return { state: "expired" };
  const user = userById(ctx, row.userId);
  return user ? { state: "valid", user } : { state: "unknown" };
}

/**
 * Sets the new password through a reset link, uses the link up and ends every session and token of the
 * person: whoever had their old password or a device of theirs must sign in again.
 */
export async function resetPassword(ctx: ServiceContext, code: string, newPassword: string): Promise<ResetLinkState["state"]> {
  const found = resetLinkState(ctx, code);
  if (found.state !== "valid") return found.state;
  const passwordHash = await hashPassword(newPassword, ctx.passwordCost);
  return transaction(ctx, () => {
    // Two tabs sending the same link: only the first to get here sets a password.
    if (!deleteOneTimeCode(ctx, "reset", sha256Hex(code))) return "unknown" as const;
    const user = userById(ctx, found.user.id);
    if (!user) return "unknown" as const;
    replaceUser(ctx, { ...user, passwordHash, updatedAt: isoNow(ctx) });
    deleteTokensOf(ctx, user.id);
    deleteOneTimeCodesOf(ctx, user.id, "reset");
    return "valid" as const;
  });
}
