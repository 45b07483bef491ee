import { apiErrorKey, type MessageKey } from "../../shared/i18n";

/**
 * How every API failure reaches the extension's UI: whether retrying later can help (network, 5xx, 429)
 * or the person must act (other 4xx). Kept apart from api.ts so pages that talk to the API without zod
 * (the side panel) share it without bundling the schemas.
 */
export class ApiError extends Error {
  constructor(
    readonly kind: "network" | "http",
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    /** The error object of the answer as sent (`{code, message, issues?, ...details}`), when there was one. */
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /**
   * Worth trying again later without the person doing anything. Besides outages, an answer that shows
   * something standing in between (a school network's login page answering in Knooppunt's place, a proxy
   * asking to sign in) passes once that has gone. Other refusals are final.
   */
  get retryable(): boolean {
    if (this.kind === "network" || this.status >= 500 || this.status === 429 || this.status === 408) return true;
    return this.intermediary;
  }

  /** The answer came from something between the extension and Knooppunt, not from Knooppunt. */
  get intermediary(): boolean {
    return this.code === "not_knooppunt" || this.status === 407 || this.status === 511 || (this.status >= 300 && this.status < 400);
  }
}

/** An ApiError as a message carries it from the background to a page: plain data, not a class. */
export type ApiFailure = Pick<ApiError, "kind" | "status" | "code" | "message" | "retryAfterSeconds" | "body">;

export const failureOf = (error: ApiError): ApiFailure => ({
  kind: error.kind,
  status: error.status,
  code: error.code,
  message: error.message,
  retryAfterSeconds: error.retryAfterSeconds,
  body: error.body,
});

export const errorOf = (failure: ApiFailure) =>
  new ApiError(failure.kind, failure.status, failure.code, failure.message, failure.retryAfterSeconds, failure.body);

/** A request its caller cancelled (a newer search replaced it): nothing to show. */
export const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type ErrorKind = "offline" | "unreachable" | "signed-out" | "forbidden" | "server" | "refused";

export function errorKind(error: unknown): ErrorKind {
  if (!(error instanceof ApiError)) return "server";
  if (error.kind === "network") return navigator.onLine === false ? "offline" : "unreachable";
  if (error.status === 401) return "signed-out";
  if (error.status === 403) return "forbidden";
  if (error.status >= 500 || error.code === "not_knooppunt") return "server";
  return "refused";
}

/** One sentence a person can act on, for any failure. */
export function describeError(error: unknown, t: Translate): string {
  const kind = errorKind(error);
  if (kind === "offline") return t("panel.error.offline");
  if (kind === "unreachable") return t("error.network");
  if (kind === "signed-out") return t("error.sessionExpired");
  if (error instanceof ApiError && error.status === 429) return t("error.rate_limited", { seconds: error.retryAfterSeconds ?? 60 });
  if (kind === "server") return t("error.server");
  // The server explains itself in English; a code the catalogue knows gets its own Dutch/English sentence.
  const known = error instanceof ApiError ? apiErrorKey(error.code) : null;
  if (known) return t(known);
  if (kind === "forbidden") return t("error.forbidden");
  return t("error.invalid", { message: (error as Error).message });
}
