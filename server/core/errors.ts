/**
 * Typed domain errors. Services throw these; the HTTP layer maps each kind to the contract's status and
 * JSON shape in one place (server/http/errors.ts), so no service knows about HTTP.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  /** Well-formed, but what it asks for cannot be done (a page the server may not or could not read). */
  | "unprocessable";

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { issues?: ErrorIssue[]; retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalid = (code: string, message: string, issues?: ErrorIssue[]) =>
  new DomainError("invalid", code, message, { issues });
export const notFound = (what = "resource") => new DomainError("not_found", "not_found", `No such ${what}.`);
export const forbidden = (code: string, message: string) => new DomainError("forbidden", code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError("conflict", code, message, { details });
export const unauthenticated = (message = "Sign in first: send a valid bearer token.") =>
  new DomainError("unauthenticated", "unauthenticated", message);
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError("rate_limited", "rate_limited", "Too many attempts; try again later.", { retryAfterSeconds });

/**
 * The person who asked went away (their request was closed) before the work began, so it was not done:
 * there is nobody to answer, and nothing went wrong to log.
 */
export class ClientGone extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClientGone";
  }
}
