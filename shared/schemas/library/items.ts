/** Items, the saves people make of them, and the library's search (API.md "Items" and "Search"). */
import { z } from "zod";
import { PUPIL_DATA_FIELDS, PUPIL_DATA_KINDS } from "../../vocabulary";
import { HttpUrl, Id, ItemKind, ItemSector, ITEM_SECTORS, LIMITS, Outcome, PageQuery, ThemeSlug, trimmed, Visibility, wellFormed } from "../common";

export const Video = z.object({
  provider: trimmed(40).min(1),
  id: trimmed(200).nullable().optional(),
  durationSeconds: z.number().int().nonnegative().max(86_400 * 7).nullable().optional(),
  embedUrl: HttpUrl.nullable().optional(),
});
export type Video = z.infer<typeof Video>;

export const ItemMeta = z.object({
  siteName: trimmed(200).nullable().optional(),
  author: trimmed(300).nullable().optional(),
  publishedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullable().optional(),
  imageUrl: HttpUrl.nullable().optional(),
  faviconUrl: HttpUrl.nullable().optional(),
  excerpt: trimmed(LIMITS.excerpt).nullable().optional(),
  canonicalUrl: HttpUrl.nullable().optional(),
  video: Video.nullable().optional(),
});
export type ItemMeta = z.infer<typeof ItemMeta>;

const Tag = z
  .string()
  .overwrite(wellFormed)
  .trim()
  .min(1)
  .max(LIMITS.tag)
  .transform((tag) => tag.replace(/^#/, "").replace(/\s+/g, " ").toLowerCase())
  .pipe(z.string().min(1));

const SaveFields = {
  themes: z.array(ThemeSlug).max(LIMITS.themes),
  tags: z.array(Tag).max(LIMITS.tags),
  note: trimmed(LIMITS.note),
  quote: trimmed(LIMITS.quote),
  visibility: Visibility,
  communityId: Id.nullable(),
  schoolId: Id.nullable(),
  sector: z.array(ItemSector).max(ITEM_SECTORS.length),
};

/** What a person may set on their own save, each optional: a clip and an edit take the same fields. */
const OptionalSaveFields = z.object(SaveFields).partial().shape;

export const CreateItemRequest = z.object({
  url: HttpUrl,
  title: trimmed(LIMITS.title).optional(),
  kind: ItemKind.optional(),
  language: z.string().overwrite(wellFormed).trim().max(35).optional(),
  meta: ItemMeta.optional(),
  // Readable text is capped by truncation rather than rejected: a long page is still worth clipping.
  text: z
    .string()
    .max(LIMITS.text * 4)
    .transform((text) => wellFormed(text.slice(0, LIMITS.text)))
    .optional(),
  ...OptionalSaveFields,
});
export type CreateItemRequest = z.input<typeof CreateItemRequest>;
export type CreateItemInput = z.output<typeof CreateItemRequest>;

export const UpdateSaveRequest = z.object({
  title: trimmed(LIMITS.title).min(1).optional(),
  kind: ItemKind.optional(),
  ...OptionalSaveFields,
});
export type UpdateSaveRequest = z.input<typeof UpdateSaveRequest>;

export const OutcomeRequest = z.object({ applied: z.boolean(), worked: Outcome });

export const MySave = z.object({
  note: z.string(),
  quote: z.string(),
  themes: z.array(z.string()),
  tags: z.array(z.string()),
  sector: z.array(ItemSector),
  visibility: Visibility,
  communityId: z.string().nullable(),
  schoolId: z.string().nullable(),
  applied: z.boolean(),
  worked: Outcome,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MySave = z.infer<typeof MySave>;

/** Another person's save, shown only where that save's circle includes the caller. */
export const VisibleNote = z.object({
  author: z.string(),
  note: z.string(),
  quote: z.string(),
  visibility: Visibility,
  applied: z.boolean(),
  worked: Outcome,
  updatedAt: z.string(),
});

export const Item = z.object({
  id: z.string(),
  url: z.string(),
  canonicalUrl: z.string().nullable(),
  title: z.string(),
  kind: ItemKind,
  siteName: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  language: z.string().nullable(),
  imageUrl: z.string().nullable(),
  faviconUrl: z.string().nullable(),
  excerpt: z.string().nullable(),
  video: Video.nullable(),
  themes: z.array(z.string()),
  tags: z.array(z.string()),
  sector: z.array(ItemSector),
  saveCount: z.number().int(),
  savedByMe: z.boolean(),
  mySave: MySave.nullable(),
  notes: z.array(VisibleNote),
  createdAt: z.string(),
  updatedAt: z.string(),
}).describe(
  "An item as the caller may see it, made only of saves the caller may see. Each save keeps the page facts its person captured; " +
    "url, canonicalUrl, title, kind, siteName, author, publishedAt, language, imageUrl, faviconUrl, excerpt and video come from one of them: " +
    "the caller's own save, else the most widely shared visible save (public, then network, then school or community, then private), " +
    "then the earliest, then the first stored. themes, tags, sector, notes, saveCount, createdAt (the first visible save) and updatedAt " +
    "(the latest change to a visible save) are taken over all the caller's visible saves.",
);
export type Item = z.infer<typeof Item>;

export const ItemResponse = z.object({ item: Item, existing: z.boolean().optional() });

/** Where a saved note, quote or page text looks like a pupil's personal data: the saver is warned, never refused. */
export const PupilDataWarning = z.object({
  field: z.enum(PUPIL_DATA_FIELDS),
  kind: z.enum(PUPIL_DATA_KINDS),
  /** Offsets in the field as saved (the note as `item.mySave.note` shows it), in UTF-16 code units, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type PupilDataWarning = z.infer<typeof PupilDataWarning>;

/** A clip or an edit of one's own save: the item, and warnings only when something looks like pupil data. */
export const SavedItemResponse = ItemResponse.extend({
  warnings: z
    .array(PupilDataWarning)
    .optional()
    .describe(
      "Present only when the saved note, quote or page text looks like pupil data (a BSN passing the 11-proef, a pupil or student number, a birth date beside a name, a phone number). The save is made all the same.",
    ),
});
export const LookupResponse = z.object({ item: Item.nullable() });
export const ItemListResponse = z.object({
  items: z.array(Item),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
  rankedNewest: z
    .number()
    .int()
    .optional()
    .describe(
      "Present only on a relevance search whose words match more saves you may see than the server ranks: then the results are the best of the items of the `rankedNewest` most recently added matching saves, by the usual rules (title, then what a person added, then the page; newer first), and paging ends after them. `total` still counts every match; `sort=recent` lists every match, newest first.",
    ),
});
export type ItemListResponse = z.infer<typeof ItemListResponse>;

const listOf = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]), z.array(schema));

export const ItemSearchQuery = PageQuery.extend({
  q: z.string().max(500).optional(),
  theme: listOf(z.string().trim().min(1).max(120)).optional(),
  kind: listOf(ItemKind).optional(),
  sector: listOf(ItemSector).optional(),
  tag: listOf(z.string().trim().min(1).max(LIMITS.tag)).optional(),
  savedBy: z.literal("me").optional(),
  visibility: listOf(Visibility).optional(),
  communityId: Id.optional(),
  schoolId: Id.optional(),
  sort: z.enum(["relevance", "recent"]).optional(),
  total: z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1").optional(),
});
export type ItemSearchQuery = z.output<typeof ItemSearchQuery>;

export const LookupQuery = z.object({ url: HttpUrl });

export const ItemFacetsQuery = ItemSearchQuery.omit({ limit: true, cursor: true, sort: true, total: true });
export type ItemFacetsQuery = z.output<typeof ItemFacetsQuery>;

/** Counts of matching items per facet value; a theme's count includes its sub-themes. */
export const ItemFacetsResponse = z.object({
  total: z.number().int(),
  themes: z.array(z.object({ slug: z.string(), count: z.number().int() })),
  kinds: z.array(z.object({ kind: ItemKind, count: z.number().int() })),
  sectors: z.array(z.object({ sector: ItemSector, count: z.number().int() })),
  visibilities: z.array(z.object({ visibility: Visibility, count: z.number().int() })),
});
export type ItemFacetsResponse = z.infer<typeof ItemFacetsResponse>;
