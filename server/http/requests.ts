import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { DomainError, invalid } from "../core/errors";
import { sha256Hex } from "../core/ids";
import { abandonIdempotent, beginIdempotent, completeIdempotent, type ClaimedKey } from "./idempotency";
import type { AppEnv } from "./env";

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/** Bodies are JSON: anything else is a 415, not a confusing validation error; an empty JSON body is `{}`. */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === "POST" || method === "PUT" || method === "PATCH") {
    const length = c.req.header("Content-Length");
    const hasBody = (length !== undefined && length !== "0") || c.req.header("Transfer-Encoding") !== undefined;
    const media = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim();
    if (hasBody && !JSON_MEDIA.test(media)) {
      throw new DomainError("unsupported_media_type", "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
    }
    // An action without a body (publish, accept) sent with Content-Type: application/json and nothing
    // after it is an empty object, as API.md says; a route that needs fields then names them in its 400.
    if (!hasBody && JSON_MEDIA.test(media)) c.req.raw = new Request(c.req.raw, { body: "{}" });
  }
  return next();
});

// An oversized body is still read (and dropped) up to this size, so the client gets to read our 413
// instead of a reset connection; beyond it the connection is cut.
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** Caps request bodies (413 in the contract's shape), counting bytes also when no Content-Length is sent. */
export const limitBody = (maxSize: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const tooLarge = () =>
      new DomainError("too_large", "payload_too_large", `The request body is larger than ${Math.round(maxSize / 1024)} KiB.`);
    const length = c.req.header("Content-Length");
    const declared = Number(length ?? "NaN");
    if (declared > DRAIN_LIMIT) throw tooLarge();
    // A declared length within the cap is enforced by Node's HTTP parser: nothing to count; a request with
    // neither a length nor a chunked body has no body at all (every GET). Decided from the headers alone:
    // touching the body stream of a request whose route then never reads it (a 401, a 404, a logout) left
    // the body undrained, and the server cut the connection instead of answering; and asking for the body
    // made the adapter build a whole Request, 80 µs on every GET.
    if (c.req.header("Transfer-Encoding") === undefined && (length === undefined || declared <= maxSize)) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > DRAIN_LIMIT) {
        await reader.cancel();
        throw tooLarge();
      }
      if (size <= maxSize) chunks.push(value);
    }
    if (size > maxSize) throw tooLarge();
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  });

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key rules for a request whose meaning is not its body's text: `describe` says what the
 * request asks for (a file upload: the file's bytes, hashed, not a multipart body whose boundary changes
 * on every retry), and two requests with the same description are the same request.
 */
export const idempotentAs = <E extends AppEnv>(describe: (c: Context<E>) => Promise<string>) =>
  createMiddleware<E>(async (c, next) => {
    const key = c.req.header("Idempotency-Key");
    const viewer = c.var.viewer;
    if (key === undefined || viewer.kind !== "user") return next();
    if (!KEY.test(key)) throw invalid("invalid_idempotency_key", "Idempotency-Key must be 1–255 visible ASCII characters.");
    const route = `${c.req.method} ${c.req.path}`;
    const hash = sha256Hex(`${route}\n${await describe(c)}`);
    const start = beginIdempotent(c.var.ctx, viewer.user.id, key, route, hash);
    if (start.kind === "replay") {
      return new Response(start.body, {
        status: start.status,
        headers: { "Content-Type": "application/json; charset=UTF-8", "Idempotent-Replayed": "true" },
      });
    }
    const claim: ClaimedKey = { userId: viewer.user.id, key, answered: false };
    c.set("idempotencyClaim", claim);
    // Hono answers a thrown error (handleError) before next() returns: a refusal arrives here as c.res.
    await next();
    // Only a success is remembered: a refused request changed nothing, so its retry should run for real.
    if (!c.res.ok) abandonIdempotent(c.var.ctx, claim);
    else if (!claim.answered) completeIdempotent(c.var.ctx, claim, c.res.status, await c.res.clone().text());
  });

/**
 * Idempotency-Key on creating writes: the same key from the same person within 24 hours returns the
 * first response and creates nothing new. Mount after `requireUser`.
 */
export const idempotent = idempotentAs<AppEnv>((c) => c.req.text());

/**
 * Stores the answer an Idempotency-Key will replay from inside the route's own write transaction, so the
 * write and its answer commit together: a crash between the two would otherwise leave a stored write
 * whose key has no answer, which a retry can neither replay nor safely run again. The route then answers
 * with exactly this status and body. Without a key it only hands the answer back.
 */
export function answerWithWrite<A extends { status: number; body: unknown }>(c: Pick<Context<AppEnv>, "var">, answer: A): A {
  const claim = c.var.idempotencyClaim;
  if (claim) completeIdempotent(c.var.ctx, claim, answer.status, JSON.stringify(answer.body));
  return answer;
}
