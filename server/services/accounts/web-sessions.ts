/**
 * Web sessions: a browser's sign-in, carried by an HttpOnly cookie that holds a secret (only its hash is
 * stored, as for every token). A session ends at a fixed time whatever its use, on sign-out, and when the
 * person or an administrator ends it. Writes made with the cookie must carry the session's CSRF token,
 * which is derived from the secret: a page on another site can neither read the cookie nor compute it.
 */
import { createHash } from "node:crypto";
import type { ServiceContext } from "../../core/context";
import { sha256Hex } from "../../core/ids";
import { tokenHolder } from "../../db/repositories/accounts";
import { issueToken, revokeToken } from "./accounts";

/** Two weeks: a teacher who signs in on Monday of one week is not asked again before the next. */
export const WEB_SESSION_DAYS = 14;

export function openWebSession(ctx: ServiceContext, userId: string, deviceName: string) {
  const expiresAt = new Date(ctx.now().getTime() + WEB_SESSION_DAYS * 86_400_000).toISOString();
  const { secret, row } = issueToken(ctx, userId, deviceName, "web", expiresAt);
  return { secret, session: row, csrfToken: csrfTokenFor(secret), expiresAt };
}

/** One-way, so a token that leaks into a page's HTML reveals nothing of the cookie's secret. */
export const csrfTokenFor = (secret: string) => createHash("sha256").update(`csrf\0${secret}`).digest("base64url");

/** Ends the session this secret stands for, if it still exists (sign-out, or rotation at a new sign-in). */
export function endWebSession(ctx: ServiceContext, secret: string) {
  const found = tokenHolder(ctx, sha256Hex(secret));
  if (found && found.kind === "web") {
    try {
      revokeToken(ctx, found.user.id, found.tokenId);
    } catch {
      // Ended meanwhile by another request: nothing left to end.
    }
  }
}
