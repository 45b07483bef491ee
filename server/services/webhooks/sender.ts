/**
 * One webhook request: checked address, pinned connection, a deadline, a cap on what is read back, and
 * no redirects (node:http never follows them). What comes back is classified for the retry policy.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { lookupPinnedTo, resolveWebhookTarget, WebhookAddressError } from "./address";

export interface SendLimits {
  allowHosts: readonly string[];
  timeoutMs: number;
  maxResponseBytes: number;
  /** Aborted when the server shuts down. */
  signal: AbortSignal;
}

export type SendOutcome =
  | { kind: "delivered"; statusCode: number }
  /** Worth trying again later: network errors, timeouts, 5xx, 408, 429. */
  | { kind: "retry"; statusCode: number | null; error: string; retryAfterMs: number | null }
  /** Trying again will not help: other 4xx, redirects. */
  | { kind: "give_up"; statusCode: number | null; error: string }
  /** The server is stopping; the delivery stays pending and goes out after the restart. */
  | { kind: "interrupted" };

export const signBody = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export function classify(statusCode: number, retryAfter: string | undefined, now: Date): SendOutcome {
  if (statusCode >= 200 && statusCode < 300) return { kind: "delivered", statusCode };
  if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
    return { kind: "retry", statusCode, error: `HTTP ${statusCode}`, retryAfterMs: retryAfterMs(retryAfter, now) };
  }
  if (statusCode >= 300 && statusCode < 400) {
    return { kind: "give_up", statusCode, error: `HTTP ${statusCode}: redirects are not followed; register the final URL` };
  }
  return { kind: "give_up", statusCode, error: `HTTP ${statusCode}` };
}

/** The promise's value, or null when it has not settled within `ms`. */
function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  limits: SendLimits,
  now: () => Date,
): Promise<SendOutcome> {
  const started = performance.now();
  const noAnswer: SendOutcome = { kind: "retry", statusCode: null, error: `no answer within ${Math.round(limits.timeoutMs / 1000)} s`, retryAfterMs: null };
  let target;
  try {
    // The deadline counts from here: a name server that never answers holds a place as long as a host that never does.
    target = await withinDeadline(resolveWebhookTarget(rawUrl, limits.allowHosts), limits.timeoutMs);
  } catch (error) {
    // The address may be fixed by DNS later (or was a rebinding attempt): refuse now, check again next time.
    if (error instanceof WebhookAddressError) return { kind: "retry", statusCode: null, error: `refused: ${error.message}`, retryAfterMs: null };
    throw error;
  }
  if (limits.signal.aborted) return { kind: "interrupted" };
  if (!target) return noAnswer;

  const pinnedLookup = lookupPinnedTo(target);
  const client = target.url.protocol === "https:" ? https : http;
  const payload = Buffer.from(body, "utf8");

  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      limits.signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const request = client.request({
      protocol: target.url.protocol,
      hostname: target.hostname,
      port: target.url.port || undefined,
      path: `${target.url.pathname}${target.url.search}`,
      method: "POST",
      lookup: pinnedLookup,
      headers: {
        ...headers,
        "Content-Type": "application/json",
        "Content-Length": String(payload.length),
        "User-Agent": "Knooppunt-Webhooks/1.0",
      },
    });
    const deadline = setTimeout(
      () => {
        request.destroy();
        finish(noAnswer);
      },
      Math.max(0, limits.timeoutMs - (performance.now() - started)),
    );
    const onAbort = () => {
      request.destroy();
      finish({ kind: "interrupted" });
    };
    limits.signal.addEventListener("abort", onAbort, { once: true });

    request.on("response", (response) => {
      const statusCode = response.statusCode ?? 0;
      const outcome = classify(statusCode, response.headers["retry-after"], now());
      let read = 0;
      // Only the status matters; the body is read (up to the cap) so the connection closes cleanly.
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > limits.maxResponseBytes) {
          response.destroy();
          finish(outcome);
        }
      });
      response.on("end", () => finish(outcome));
      response.on("error", () => finish(outcome));
      response.on("close", () => finish(outcome));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      finish({ kind: "retry", statusCode: null, error: error.code ? `${error.code}: ${error.message}` : error.message, retryAfterMs: null });
    });
    request.end(payload);
  });
}
