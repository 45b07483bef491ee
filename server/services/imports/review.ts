/**
 * What the person sees before anything is saved: which links will come in, which are skipped and why,
 * which they already saved, the folders and tags with the themes suggested for them (matched against
 * the taxonomy's names and synonyms, as the popup suggests themes for a page), and the kind guessed
 * per link.
 */
import type { ImportJob, ItemKind } from "../../../shared/schemas";
import { suggestThemes } from "../../../shared/suggest-themes";
import { dedupKey, guessKindFromUrl, InvalidUrlError } from "../../../shared/url";
import type { ServiceContext } from "../../core/context";
import { savedKeysOf, type EntryRow } from "../../db/repositories/imports/jobs";
import { themeIndex } from "../taxonomy/theme-index";
import type { ParsedImport } from "./formats";
import { detached } from "./formats/source";
import { fileSaveMatcher } from "./file-saves";

export type SkipReason = "missing_url" | "javascript" | "invalid_url" | "too_long" | "duplicate_in_file" | "not_allowed";

const MAX_URL = 4096;
const LISTED = 200;
const SAMPLE = 20;

/** Why a link cannot become a save, or its dedup key when it can. */
export function checkAddress(url: string): { reason: SkipReason } | { key: string } {
  if (!url) return { reason: "missing_url" };
  if (/^\s*javascript:/i.test(url)) return { reason: "javascript" };
  if (url.length > MAX_URL) return { reason: "too_long" };
  try {
    return { key: dedupKey(url) };
  } catch (error) {
    if (error instanceof InvalidUrlError) return { reason: "invalid_url" };
    throw error;
  }
}

/** The labels a link carries for theme mapping: each folder name on its path, and each tag. */
export const labelsOf = (link: { folder: readonly string[]; tags: readonly string[] }) => [...new Set([...link.folder, ...link.tags])];

export type ReviewedEntry = Omit<EntryRow, "outcome" | "itemId" | "pageState" | "pageError">;

/**
 * Reviews the file's links in order as the parser reads them and hands each entry to `write` as soon as
 * it is reviewed: the links of a large file are never all held at once (the upload writes them into the
 * import's table as they come). What the review keeps of a link (a folder, a label, a sample) is copied
 * out of the file's text, which can then go. Returns the review.
 */
export function reviewImport(ctx: ServiceContext, userId: string, parsed: ParsedImport, write: (entry: ReviewedEntry) => void) {
  const saved = savedKeysOf(ctx, userId);
  const seen = new Set<string>();
  const skipped: Partial<Record<SkipReason, number>> = {};
  const kinds: Partial<Record<ItemKind, number>> = {};
  const folders = new Map<string, { path: string[]; links: number }>();
  const labels = new Map<string, { source: "folder" | "tag"; links: number }>();
  const sample: ImportJob["review"]["sample"] = [];
  let importable = 0;
  let alreadySaved = 0;
  // Exports (issue 16): Knooppunt's own export keeps each save's circle and themes; see file-saves.ts.
  const fileSaves = fileSaveMatcher(ctx, userId);

  let position = -1;
  for (const link of parsed.links) {
    position++;
    const checked = checkAddress(link.url);
    let skipReason: SkipReason | null = "reason" in checked ? checked.reason : null;
    let kind: ItemKind | null = null;
    if ("key" in checked) {
      if (seen.has(checked.key)) skipReason = "duplicate_in_file";
      else {
        seen.add(checked.key);
        importable++;
        if (saved.has(checked.key)) alreadySaved++;
        kind = link.own?.kind ?? guessKindFromUrl(link.url.trim());
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    }
    if (skipReason) skipped[skipReason] = (skipped[skipReason] ?? 0) + 1;
    else {
      const folderKey = link.folder.join("\u0000");
      const folder = folders.get(folderKey);
      if (folder) folder.links++;
      // A one-level path's key is its name, cut from the file's text: kept as a copy like the rest.
      else folders.set(detached(folderKey), { path: link.folder.map(detached), links: 1 });
      for (const label of labelsOf(link)) bump(labels, label, link.folder.includes(label) ? "folder" : "tag");
    }
    const fileSave = skipReason ? null : fileSaves.match(link.own);
    write({ position, url: link.url, title: link.title, folder: link.folder, tags: link.tags, note: link.note, addedAt: link.addedAt, kind, skipReason, fileSave });
    if (!skipReason && sample.length < SAMPLE) sample.push({ url: detached(link.url), title: link.title && detached(link.title), folder: link.folder.map(detached), kind: kind! });
  }

  const taxonomy = themeIndex(ctx).all;
  const fromFile = fileSaves.summary();
  const review = {
    links: position + 1,
    importable,
    alreadySaved,
    duplicatesInFile: skipped.duplicate_in_file ?? 0,
    skipped,
    folders: [...folders.values()].filter((f) => f.path.length > 0).sort((a, b) => b.links - a.links).slice(0, LISTED),
    labels: [...labels]
      .sort(([, a], [, b]) => b.links - a.links)
      .slice(0, LISTED)
      .map(([label, { source, links }]) => ({ label, source, links, themes: suggestThemes({ title: label }, taxonomy).preselected })),
    kinds,
    sample,
    filesToUpload: parsed.files,
    ...(fromFile ? { fromFile } : {}),
  };
  return review;
}

function bump(labels: Map<string, { source: "folder" | "tag"; links: number }>, label: string, source: "folder" | "tag") {
  const known = labels.get(label);
  if (known) known.links++;
  else labels.set(detached(label), { source, links: 1 });
}
