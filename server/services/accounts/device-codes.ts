/**
 * The extension signs in with the school account by borrowing the browser's web session: the person
 * confirms on a page of this server, which hands the extension a one-time code through its own redirect
 * address, and the extension trades that code, by POST, for a device token of its own. The token never
 * appears in a URL; the code does, so it lives two minutes, is stored only as a hash, and works once.
 */
import type { ServiceContext } from "../../core/context";
import { unauthenticated } from "../../core/errors";
import { newSecret, sha256Hex } from "../../core/ids";
import { userById } from "../../db/repositories/accounts";
import { deleteExpiredOneTimeCodes, insertOneTimeCode, takeOneTimeCode } from "../../db/repositories/sign-in/one-time-codes";
import { transaction } from "../../db/statements";
import { issueToken } from "./accounts";

/** Long enough for the browser to return to the extension and the extension to post it; no longer. */
export const DEVICE_CODE_MINUTES = 2;

/**
 * The addresses `identity.getRedirectURL()` gives an extension: Chrome and Edge
 * `https://<32 letters a–p>.chromiumapp.org/…`, Firefox `https://<hex or uuid>.extensions.allizom.org/…`.
 * The browser catches a navigation to them before it reaches the network and hands it to the extension
 * that asked, so a code sent there goes to an extension and to nowhere else.
 */
const EXTENSION_REDIRECT_HOST = /^(?:[a-p]{32}\.chromiumapp\.org|(?:[0-9a-f]{32,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.extensions\.allizom\.org)$/;

/** The redirect address, when it is an extension's; else null (the page then refuses, never redirects). */
export function extensionRedirectUrl(value: string): URL | null {
  if (value.length > 2000 || !/^https:\/\//i.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port || url.hash) return null;
  return EXTENSION_REDIRECT_HOST.test(url.hostname) ? url : null;
}

/** Which browser will receive the code, so the page can say where the person is signing in. */
export const extensionBrowser = (redirect: URL): "chromium" | "firefox" => (redirect.hostname.endsWith(".chromiumapp.org") ? "chromium" : "firefox");

/** A new code for this person's extension; only its hash is kept. */
export function createDeviceCode(ctx: ServiceContext, userId: string): { code: string; expiresAt: string } {
  const now = ctx.now();
  const code = newSecret("kpc");
  const expiresAt = new Date(now.getTime() + DEVICE_CODE_MINUTES * 60_000).toISOString();
  transaction(ctx, () => {
    deleteExpiredOneTimeCodes(ctx, now.toISOString());
    insertOneTimeCode(ctx, { codeHash: sha256Hex(code), purpose: "device", userId, createdBy: userId, createdAt: now.toISOString(), expiresAt });
  });
  return { code, expiresAt };
}

/**
 * Trades a code for a device token, as a password sign-in gives one. The code is taken out in the same
 * transaction that issues the token: of two requests with one code, one gets a token and the other a 401.
 * Unknown, used and expired codes look the same to the caller.
 */
export function exchangeDeviceCode(ctx: ServiceContext, code: string, deviceName: string | undefined) {
  return transaction(ctx, () => {
    const found = takeOneTimeCode(ctx, "device", sha256Hex(code));
    const user = found && Date.parse(found.expiresAt) > ctx.now().getTime() ? userById(ctx, found.userId) : undefined;
    if (!user || user.disabled) throw unauthenticated("This sign-in code is unknown, used or expired; sign in again from the extension.");
    const { secret } = issueToken(ctx, user.id, deviceName ?? "Aanmelding", "login");
    return { token: secret, user };
  });
}
