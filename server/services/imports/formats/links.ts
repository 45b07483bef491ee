/**
 * What every import format reads into: links with the facts the file holds, and (from a folder ZIP) the
 * files that are not links, to be uploaded later. Parsers keep the addresses as written; deciding which
 * ones can become items (http(s), not too long) is the review's work, so the report can say why one was
 * skipped.
 */
import type { ImportFormat, ItemKind, Visibility } from "../../../../shared/schemas";
import { DomainError } from "../../../core/errors";

export type { ImportFormat };

export interface ImportedLink {
  /** As the file wrote it; may be empty, `javascript:` or otherwise unusable. */
  url: string;
  title: string | null;
  /** Folder (or collection) path, outermost first; [] at the top. */
  folder: string[];
  tags: string[];
  note: string | null;
  /** ISO 8601 in UTC, when the file says when it was saved. */
  addedAt: string | null;
  /** Knooppunt's own export: the kind, themes and circle each save had; other formats carry none. */
  own?: OwnSaveFacts;
}

export interface OwnSaveFacts {
  kind: ItemKind | null;
  /** Theme slugs as the file names them; the review keeps those this server knows. */
  themes: string[];
  circle: { visibility: Visibility; schoolId: string | null; schoolName: string | null; communityId: string | null; communityName: string | null } | null;
}

export interface ImportedFile {
  /** Path inside the ZIP. */
  path: string;
  bytes: number;
}

export interface ParsedImport {
  format: ImportFormat;
  /**
   * Read as they are asked for (bookmarks and CSV) or all at once (JSON, ZIP): once through, in order.
   * A file found unreadable further on throws while they are read.
   */
  links: Iterable<ImportedLink>;
  /** Files that are not links (a Teams folder's documents): listed as "to upload later". */
  files: ImportedFile[];
}

/** Caps that keep one hostile file from holding the server: it is refused with a clear reason instead. */
export const IMPORT_LIMITS = {
  links: 200_000,
  /** Folders deeper than this are kept as the path down to this depth. */
  folderDepth: 32,
  nameChars: 300,
  titleChars: 500,
  noteChars: 10_000,
  tagsPerLink: 50,
  csvColumns: 64,
  csvFieldChars: 100_000,
  zipEntries: 20_000,
  zipUnpackedBytes: 2 * 1024 * 1024 * 1024,
  zipRatio: 200,
  urlShortcutBytes: 64 * 1024,
} as const;

/** A file refused as a whole: nothing of it is kept. Messages are Dutch first, with English beside. */
export const unreadableFile = (code: string, nl: string, en: string, details?: Record<string, unknown>) =>
  new DomainError("unprocessable", code, `${nl} / ${en}`, { details });

export function tooManyLinks(): DomainError {
  return unreadableFile(
    "import_too_many_links",
    `Het bestand bevat meer dan ${IMPORT_LIMITS.links} links; splits het op.`,
    `The file holds more than ${IMPORT_LIMITS.links} links; split it.`,
  );
}

const clip = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value);

/** Trims what a file says and keeps it within bounds; empty becomes null. */
export function cleanText(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  // Control characters (but tab and newline) are noise from old exports, never content.
  const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
  return text ? clip(text, max) : null;
}

export function cleanTags(values: readonly unknown[]): string[] {
  const tags = new Set<string>();
  for (const value of values) {
    const tag = cleanText(value, 100);
    if (tag) tags.add(tag);
    if (tags.size >= IMPORT_LIMITS.tagsPerLink) break;
  }
  return [...tags];
}

export function cleanFolder(names: readonly string[]): string[] {
  return names
    .map((name) => cleanText(name, IMPORT_LIMITS.nameChars))
    .filter((name): name is string => name !== null)
    .slice(0, IMPORT_LIMITS.folderDepth);
}

/** Seconds (or milliseconds) since 1970, or an ISO date, as ISO; anything else is unknown. */
export function dateFrom(value: unknown): string | null {
  let ms: number;
  if (typeof value === "number") ms = value;
  else if (typeof value === "string" && /^\d{1,16}$/.test(value.trim())) ms = Number(value.trim());
  else if (typeof value === "string" && value.trim()) ms = Date.parse(value.trim());
  else return null;
  if (!Number.isFinite(ms)) return null;
  if (typeof value === "number" || /^\d+$/.test(String(value).trim())) {
    // Browsers write seconds, some tools milliseconds, Chrome's own store microseconds.
    if (ms > 1e14) ms = ms / 1000;
    else if (ms < 1e11) ms = ms * 1000;
  }
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2200 ? date.toISOString() : null;
}

export function pushLink(links: ImportedLink[], link: ImportedLink) {
  if (links.length >= IMPORT_LIMITS.links) throw tooManyLinks();
  links.push(link);
}
