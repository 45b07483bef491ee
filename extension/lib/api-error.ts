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
   * Worth trying again later without the person doing anything. An answer that is not Knooppunt's own
   * (no error body in the contract's shape, or an unexpected success body) comes from something in
   * between, such as a school network's login page or a proxy: try again once it has gone.
   */
  get retryable(): boolean {
    if (this.kind === "network" || this.status >= 500 || this.status === 429 || this.status === 408) return true;
    return this.code === "not_knooppunt" || this.body === null;
  }
}

/** A request its caller cancelled (a newer search replaced it): nothing to show. */
export const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";
