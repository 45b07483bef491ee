import { invalid } from "../core/errors";

/**
 * Keyset cursors for the bundle list, the school inbox and a webhook's delivery log: the position of the last row shown (its time
 * and id), so a page never repeats or skips rows when new ones arrive in between.
 */
export interface Position {
  at: string;
  id: string;
}

const encodePosition = (position: Position) => Buffer.from(JSON.stringify(position)).toString("base64url");

export function decodePosition(raw: string | undefined): Position | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof value.at === "string" && typeof value.id === "string") return { at: value.at, id: value.id };
  } catch {
    // Reported below.
  }
  throw invalid("invalid_cursor", "The cursor is not one this list gave out; start again without it.", [{ path: ["cursor"], message: "invalid cursor" }]);
}

/** Splits the `limit + 1` rows a query fetched into the page and the cursor for the next one. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => Position): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodePosition(positionOf(last)) : null };
}
