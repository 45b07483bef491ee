import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "../../shared/schemas";
import { ClientGone, DomainError, type ErrorKind } from "../core/errors";
import { pickLanguage } from "../../shared/i18n";
import { renderErrorPage } from "../pages/error-page";
import { PAGE_CSP } from "../pages/page-http";
import { acceptsHtml } from "./negotiation";
import { maskWebhookSecrets } from "../../shared/webhook-url";
import { inspect } from "node:util";

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unprocessable: 422,
};

/**
 * A browser asking for a page (not the API or a feed) gets the error as a page in its language; programs,
 * and every /api/ and /feeds/ path, get the contract's JSON.
 */
function wantsPage(c: Context) {
  const path = c.req.path;
  return !path.startsWith("/api/") && !path.startsWith("/feeds/") && acceptsHtml(c.req.header("Accept"));
}

function errorJson(c: Context, status: ContentfulStatusCode, error: ErrorBody["error"]) {
  if (wantsPage(c)) {
    const lang = pickLanguage(c.req.query("lang"), c.req.header("Accept-Language"));
    c.header("Content-Security-Policy", PAGE_CSP);
    c.header("Cache-Control", "no-store");
    return c.html(renderErrorPage(status, error.code, lang), status);
  }
  return c.json({ error } satisfies ErrorBody, status);
}

/** The one place where anything thrown becomes the contract's error JSON. */
export function handleError(error: Error, c: Context) {
  // Its socket is closed: this answer reaches no one.
  if (error instanceof ClientGone) return c.body(null, 204);
  if (error instanceof DomainError) {
    if (error.extra.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.extra.retryAfterSeconds));
    return errorJson(c, STATUS[error.kind], {
      // Details first: nothing a service adds may replace the contract's code and message.
      ...(error.extra.details ?? {}),
      code: error.code,
      message: error.message,
      ...(error.extra.issues ? { issues: error.extra.issues } : {}),
    });
  }
  if (error instanceof HTTPException) {
    // Hono raises these for malformed bodies and similar client mistakes.
    const status = error.status as ContentfulStatusCode;
    const code = status === 400 ? "malformed_request" : status === 413 ? "payload_too_large" : "http_error";
    return errorJson(c, status, { code, message: error.message || "The request could not be processed." });
  }
  // A webhook's URL may be in the error (a failed insert quotes its values): never its Workflows secret.
  console.error(`[knooppunt] ${c.req.method} ${c.req.path} failed:`, maskWebhookSecrets(inspect(error)));
  return errorJson(c, 500, { code: "internal", message: "Something went wrong on the server; nothing was changed." });
}

export const notFoundHandler = (c: Context) =>
  errorJson(c, 404, { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` });
