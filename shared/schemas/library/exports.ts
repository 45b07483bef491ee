/**
 * Exports: a person's saves, a bundle, or a school's accepted bundles and subscriptions, as a file to keep
 * or take elsewhere. The JSON file is the complete one and the importer reads it back (`knooppunt-json`);
 * CSV, bookmark HTML and OPML are what other tools read.
 */
import { z } from "zod";
import { Audience } from "../bundles";
import { Id, ItemKind, ItemSector, Outcome, Visibility } from "../common";

/** The JSON file's own format and version: a reader checks it before trusting the rest. */
export const EXPORT_FORMAT = "knooppunt-export/1" as const;

export const ExportFileFormat = z.enum(["json", "csv", "html", "opml"]);
export type ExportFileFormat = z.infer<typeof ExportFileFormat>;

const formatQuery = ExportFileFormat.default("json").describe(
  "json: everything (documented as KnooppuntExport); csv: Knooppunt's import header (url,title,folder,tags,note,added_at) and more columns; html: a bookmark file with themes as folders; opml: the feeds followed",
);

export const SavesExportQuery = z.object({ format: formatQuery });

export const BundleExportQuery = z.object({
  format: formatQuery,
  copy: z
    .enum(["published", "working"])
    .optional()
    .describe("published: the snapshot schools received (the default for a published bundle; anyone who may read it); working: the curators' working copy (curators only; the default for a draft)"),
});

export const SchoolExportQuery = z.object({ format: formatQuery });

/**
 * A save's circle, with the names of its school and community: ids differ between installations, so an
 * import elsewhere finds the same school or community by its name among the importer's own.
 */
export const ExportedCircle = z.object({
  visibility: Visibility,
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
});
export type ExportedCircle = z.infer<typeof ExportedCircle>;

export const ExportedSave = z.object({
  url: z.string(),
  title: z.string(),
  kind: ItemKind,
  note: z.string(),
  quote: z.string(),
  tags: z.array(z.string()),
  themes: z.array(z.string()).describe("Theme slugs"),
  sector: z.array(ItemSector),
  circle: ExportedCircle,
  applied: z.boolean(),
  worked: Outcome,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExportedSave = z.infer<typeof ExportedSave>;

export const ExportedBundleItem = z.object({
  position: z.number().int().min(0),
  url: z.string(),
  title: z.string(),
  kind: ItemKind,
  themes: z.array(z.string()),
  note: z.string().describe("The curator's note on this item"),
});

export const ExportedBundle = z.object({
  id: Id,
  title: z.string(),
  about: z.string(),
  use: z.string(),
  themes: z.array(z.string()),
  sector: z.array(ItemSector),
  audience: Audience,
  copy: z.enum(["published", "working"]).describe("Which copy this is: the published snapshot or the curators' working copy"),
  version: z.number().int().nullable().describe("The published version exported; null for a working copy"),
  publishedAt: z.string().nullable(),
  publicUrl: z.string().nullable(),
  items: z.array(ExportedBundleItem).describe("In the bundle's order; a working copy leaves out items the exporting curator may not see"),
});
export type ExportedBundle = z.infer<typeof ExportedBundle>;

export const ExportedFeed = z.object({
  title: z.string(),
  url: z.string(),
  kind: z.enum(["theme", "school", "bundle"]),
  carriesSecret: z.boolean().describe("True when the address holds a token: whoever has it reads the feed; rotate it (feed-url/rotate) when the file leaks"),
});
export type ExportedFeed = z.infer<typeof ExportedFeed>;

export const KnooppuntExport = z.object({
  format: z.literal(EXPORT_FORMAT).describe("The file's format and version; the importer reads this format back (`?format=knooppunt-json`)"),
  exportedAt: z.string(),
  scope: z.enum(["saves", "bundle", "school"]),
  saves: z.array(ExportedSave).describe("A person's own saves in every circle (scope saves), oldest first; [] otherwise"),
  bundles: z.array(ExportedBundle).describe("The bundle (scope bundle) or the school's accepted bundles at the version accepted (scope school)"),
  school: z
    .object({ id: Id, name: z.string(), subscriptions: z.object({ themes: z.array(z.string()), sector: z.array(ItemSector) }) })
    .nullable()
    .describe("The school and its theme subscriptions (scope school)"),
  feeds: z.array(ExportedFeed).describe("The feeds followed, as the OPML file lists them"),
});
export type KnooppuntExport = z.infer<typeof KnooppuntExport>;
