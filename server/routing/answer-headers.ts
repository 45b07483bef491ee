/**
 * Headers the API adds to every answer, set on the finished answer's own headers.
 *
 * Hono's `cors()` writes its headers through `c.res` before the route runs, which makes an empty answer
 * early; when the route (from a lazily loaded group, server/routing/lazy-routes.ts) then hands back its own
 * answer, Hono rebuilds it around a body stream to carry those headers over, and the Node adapter pumps
 * that stream chunk by chunk instead of writing the string: 0.3–1 ms on every API request. The API allows
 * every origin (bearer tokens, never cookies, carry identity), so the whole of CORS here is two headers on
 * each answer and a fixed answer to a preflight: written here rather than configured around the library.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env";

const ALLOW_METHODS = "GET,POST,PUT,PATCH,DELETE";
const ALLOW_HEADERS = "Authorization,Content-Type,Idempotency-Key";
const EXPOSE_HEADERS = "Retry-After,Idempotent-Replayed";
const PREFLIGHT_MAX_AGE = "86400";

/**
 * Sets a header on the answer as it is. Only an answer with immutable headers (Response.redirect, a
 * fetched answer) needs Hono's rebuild through `c.header()`.
 */
export function setOnAnswer(c: Context<AppEnv>, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/** CORS for the API: any origin, the methods and headers the extension sends, the headers it may read. */
export const apiCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": EXPOSE_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        Vary: "Access-Control-Request-Headers",
      },
    });
  }
  await next();
  setOnAnswer(c, "Access-Control-Allow-Origin", "*");
  setOnAnswer(c, "Access-Control-Expose-Headers", EXPOSE_HEADERS);
};
