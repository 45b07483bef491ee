import { invalid } from "../core/errors";

/**
 * Keyset cursors: a page's cursor is the position of its last row, so a page never repeats or skips rows
 * when new ones arrive in between. One codec for every list (the library's relevance and recency orders,
 * bundles, the school inbox, a webhook's delivery log); each list says what its position holds.
 */
export const encodeCursor = (position: object) => Buffer.from(JSON.stringify(position)).toString("base64url");

/** Reads a cursor this server gave out; anything else is the contract's 400, never a 500. */
export function decodeCursor<T>(raw: string | undefined, read: (value: Record<string, unknown>) => T | null): T | null {
  if (!raw) return null;
  let position: T | null = null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (value && typeof value === "object") position = read(value as Record<string, unknown>);
  } catch {
    // Reported below.
  }
  if (position === null) {
    throw invalid("invalid_cursor", "The cursor is not one this list gave out; start again without it.", [{ path: ["cursor"], message: "invalid cursor" }]);
  }
  return position;
}

/** The position in lists ordered by a time and an id, newest first. */
export interface Position {
  at: string;
  id: string;
}

export const decodePosition = (raw: string | undefined): Position | null =>
  decodeCursor(raw, (v) => (typeof v.at === "string" && typeof v.id === "string" ? { at: v.at, id: v.id } : null));

/** Splits the `limit + 1` rows a query fetched into the page and the cursor for the next one. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => object): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
