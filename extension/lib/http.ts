/**
 * The one way the extension talks HTTP to Knooppunt: JSON in and out, a timeout, and every failure as an
 * ApiError (network, or the contract's error body). Zod-free, so the popup and side panel can use it;
 * the background's client validates the JSON it gets back on top of this.
 */
import { ApiError } from "./api-error";

const TIMEOUT_MS = 15_000;

export async function requestJson(
  serverUrl: string,
  token: string | null,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(`${serverUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
  } catch (error) {
    // The caller's own cancel stays an AbortError, for it to ignore; everything else is "unreachable".
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw new ApiError("network", 0, "network", (error as Error).message);
  }
  const text = await response.text().catch(() => "");
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: Record<string, unknown> } | null)?.error;
    const retryAfter = Number(response.headers.get("Retry-After"));
    throw new ApiError(
      "http",
      response.status,
      typeof error?.code === "string" ? error.code : response.status >= 500 ? "server" : "http_error",
      typeof error?.message === "string" ? error.message : `HTTP ${response.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      error ?? null,
    );
  }
  return { status: response.status, json };
}

/** Checks that a Knooppunt answers at this address. */
export async function isKnooppunt(serverUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as { ok?: unknown };
    return response.ok && body.ok === true;
  } catch {
    return false;
  }
}
