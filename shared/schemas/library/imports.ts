/**
 * Imports: a file of links (browser bookmarks, CSV, Karakeep or Linkwarden JSON, a Teams folder ZIP) that
 * becomes saves after the person reviewed what was found and confirmed the themes and the circle.
 */
import { z } from "zod";
import { Id, ItemKind, LIMITS, PageQuery, ThemeSlug, Visibility } from "../common";

export const ImportFormat = z.enum(["netscape", "csv", "raindrop", "pocket", "karakeep", "linkwarden", "zip", "knooppunt-json"]);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportStatus = z.enum(["reviewing", "running", "done", "cancelled", "failed"]);

/** Why a link was not imported. */
export const ImportSkipReason = z.enum(["missing_url", "javascript", "invalid_url", "too_long", "duplicate_in_file", "not_allowed"]);

export const ImportUploadQuery = z.object({
  format: ImportFormat.optional().describe("What the file is; without it the server tells from the file itself"),
  name: z.string().max(255).optional().describe("The file's name, shown in the list of imports"),
});

const Count = z.number().int().min(0);

/** A folder or tag found in the file, how many links carry it, and the themes it maps to. */
export const ImportLabel = z.object({
  label: z.string(),
  source: z.enum(["folder", "tag"]),
  links: Count,
  themes: z.array(z.string()),
});

export const ImportReview = z.object({
  links: Count.describe("Links found in the file"),
  importable: Count.describe("Links that will become saves (new or merged)"),
  alreadySaved: Count.describe("Importable links the person already saved: merged, their save is kept as it is"),
  duplicatesInFile: Count,
  skipped: z.record(ImportSkipReason, Count).describe("Links that will be skipped, per reason"),
  folders: z.array(z.object({ path: z.array(z.string()), links: Count })).describe("Counts per folder path (the 200 largest)"),
  labels: z.array(ImportLabel).describe("Folders and tags with the themes suggested from the taxonomy's names and synonyms (the 200 commonest)"),
  kinds: z.record(ItemKind, Count).describe("Kinds guessed from the addresses"),
  sample: z.array(z.object({ url: z.string(), title: z.string().nullable(), folder: z.array(z.string()), kind: ItemKind })).describe("The first links, as they will be saved"),
  filesToUpload: z.array(z.object({ path: z.string(), bytes: Count })).describe("Files in a folder ZIP that are not links: to upload later"),
  fromFile: z
    .object({
      links: Count.describe("Links that keep their own circle and themes from the file"),
      circles: z
        .array(z.object({ visibility: Visibility, schoolName: z.string().nullable(), communityName: z.string().nullable(), links: Count }))
        .describe("The file's circles found on this server, with how many links keep each"),
      unknownCircles: Count.describe("Links whose school or community does not exist here (or the person is not in): they get the import's circle"),
      unknownThemes: z.array(z.string()).describe("Theme slugs in the file this server does not have: left out"),
    })
    .optional()
    .describe("Only for Knooppunt's own export: circles and themes from the file instead of one circle for all"),
});

export const ImportJob = z.object({
  id: Id,
  status: ImportStatus,
  format: ImportFormat,
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({ total: Count, processed: Count, imported: Count, merged: Count, skipped: Count }),
  circle: z.object({ visibility: Visibility, schoolId: z.string().nullable(), communityId: z.string().nullable() }).nullable(),
  review: ImportReview,
  error: z.string().nullable(),
  reportUrl: z.string().describe("The report as CSV: every link with what happened to it"),
  pages: z
    .object({
      due: Count.describe("New saves whose page is still to be read"),
      read: Count.describe("Pages read: what the file lacked (summary, image, site, text) was filled in"),
      failed: Count.describe("Pages that could not be read; the report says why per link"),
      stopped: z.boolean().describe("The person stopped the reading: the pages not read by then, and those of links saved later, are not read"),
    })
    .nullable()
    .optional()
    .describe("Reading each new save's page afterwards, when the import asked for it (`readPages`); null otherwise"),
  canReadPages: z.boolean().optional().describe("Whether this server can read the links' pages afterwards (its operator may switch it off)"),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobResponse = z.object({ import: ImportJob });

export const StartImportRequest = z.object({
  visibility: Visibility.optional().describe("One circle for the whole import; default private, the smallest: an import never widens silently"),
  schoolId: Id.nullable().optional(),
  communityId: Id.nullable().optional(),
  themes: z
    .record(z.string().max(300), z.array(ThemeSlug).max(LIMITS.themes))
    .optional()
    .describe("Per folder or tag label, the themes its links get; a label left out keeps the suggested themes, [] none"),
  readPages: z
    .boolean()
    .optional()
    .describe(
      "Read each new save's page afterwards (public pages only, one at a time per site) to fill in what the file lacks: summary, image, site, author, date, text for search. Default: true where the server can (`canReadPages`)",
    ),
});
export type StartImportRequest = z.infer<typeof StartImportRequest>;

export const ImportListQuery = PageQuery;
export type ImportListQuery = z.infer<typeof ImportListQuery>;

/** An earlier import in the person's list: its state and counts, without the review (open the import for that). */
export const ImportSummary = ImportJob.omit({ review: true });
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportListResponse = z.object({ imports: z.array(ImportSummary), nextCursor: z.string().nullable() });
