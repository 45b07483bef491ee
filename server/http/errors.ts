import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "../../shared/schemas";
import { DomainError, type ErrorKind } from "../core/errors";

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

function errorJson(c: Context, status: ContentfulStatusCode, error: ErrorBody["error"]) {
  return c.json({ error } satisfies ErrorBody, status);
}

/** The one place where anything thrown becomes the contract's error JSON. */
export function handleError(error: Error, c: Context) {
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
  console.error(`[knooppunt] ${c.req.method} ${c.req.path} failed:`, error);
  return errorJson(c, 500, { code: "internal", message: "Something went wrong on the server; nothing was changed." });
}

export const notFoundHandler = (c: Context) =>
  errorJson(c, 404, { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` });
