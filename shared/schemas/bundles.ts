/**
 * Bundles: what the side panel and the server agree on when brokers curate and publish (API.md
 * "Bundles").
 */
import { z } from "zod";
import { Id, ItemKind, ItemSector, PageQuery, ThemeSlug, trimmed, Visibility } from "./common";
import { Item, Video } from "./library/items";

export const Audience = z.enum(["public", "network"]);
export type Audience = z.infer<typeof Audience>;

const BundleFields = {
  title: trimmed(200).min(1),
  /** "Waar gaat dit over?" */
  about: trimmed(4000),
  /** "Wat kan ik ermee?" */
  use: trimmed(4000),
  themes: z.array(ThemeSlug).max(20),
  sector: z.array(ItemSector).max(6),
  audience: Audience,
};

export const CreateBundleRequest = z.object({
  ...BundleFields,
  about: BundleFields.about.default(""),
  use: BundleFields.use.default(""),
  themes: BundleFields.themes.default([]),
  sector: BundleFields.sector.optional(),
});
export type CreateBundleRequest = z.input<typeof CreateBundleRequest>;

/**
 * Every change names the version it was based on; a stale one is a 409 `version_conflict`. Built from
 * the fields without their defaults: zod 4 fills defaults inside `.partial()`, which would turn a PATCH of
 * the title alone into one that also empties about, use and themes.
 */
export const UpdateBundleRequest = z.object(BundleFields).partial().extend({ version: z.number().int().min(1) });
export type UpdateBundleRequest = z.input<typeof UpdateBundleRequest>;

/** The most items a bundle holds: a selection a school can take in, not a second library. */
export const BUNDLE_ITEM_LIMIT = 100;

const BundleItemList = z
  .array(z.object({ itemId: Id, note: trimmed(2000).default("") }))
  .max(BUNDLE_ITEM_LIMIT)
  .refine((list) => new Set(list.map((i) => i.itemId)).size === list.length, "an item can be in a bundle once");

/**
 * PUT /bundles/:id/items: the contract's bare ordered list `[{itemId, note}]`, with the bundle's version in
 * `If-Match`; or the object form `{version, items}` that the extension sends. Without a version (a bare
 * list and no If-Match) the list replaces whatever is current.
 */
export const BundleItemsRequest = z.union([z.object({ version: z.number().int().min(1), items: BundleItemList }), BundleItemList]);
export type BundleItemsRequest = z.input<typeof BundleItemsRequest>;

export const CuratorRequest = z.object({ userId: Id });

/** Optional: naming the version the broker reviewed refuses to publish what a co-curator changed since. */
export const PublishRequest = z.object({ version: z.number().int().min(1).optional() });

/** GET /bundles: `status` and `curatedBy=me` narrow the list (the side panel's "my drafts"). */
export const BundleListQuery = PageQuery.extend({
  status: z.enum(["draft", "published"]).optional(),
  curatedBy: z.literal("me").optional(),
});
export type BundleListQuery = z.output<typeof BundleListQuery>;

/** One item as a published bundle shows it: the page's metadata and the broker's note, nobody else's. */
export const BundleEntry = z.object({
  itemId: z.string(),
  url: z.string(),
  title: z.string(),
  kind: ItemKind,
  siteName: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  imageUrl: z.string().nullable(),
  excerpt: z.string().nullable(),
  video: Video.nullable(),
  themes: z.array(z.string()),
  note: z.string(),
  noLongerShared: z
    .boolean()
    .optional()
    .describe(
      "True when the save whose page facts the bundle published was deleted or narrowed below the bundle's audience since: the title and link stay, the excerpt, author, image and video are left out.",
    ),
});
export type BundleEntry = z.infer<typeof BundleEntry>;

export const Curator = z.object({ id: z.string(), name: z.string(), role: z.enum(["owner", "curator"]) });

/** GET /brokers: the people a broker can add as co-curators (brokers only; names, no e-mail addresses). */
export const BrokersResponse = z.object({ brokers: z.array(z.object({ id: z.string(), name: z.string() })) });

export const Bundle = z.object({
  id: z.string(),
  title: z.string(),
  about: z.string(),
  use: z.string(),
  themes: z.array(z.string()),
  sector: z.array(ItemSector),
  audience: Audience,
  status: z.enum(["draft", "published"]),
  /** The working copy's version, for the next change. */
  version: z.number().int(),
  /** The newest published snapshot's number; null for a draft. */
  publishedVersion: z.number().int().nullable(),
  /** True when the working copy has changes not yet published. */
  unpublishedChanges: z.boolean(),
  slug: z.string().nullable(),
  publicUrl: z.string().nullable(),
  curators: z.array(Curator),
  /** Curators see the working copy with each item as they may see it; others see the published snapshot. */
  items: z.array(z.object({ itemId: z.string(), note: z.string(), item: Item.nullable(), entry: BundleEntry.nullable() })),
  isCurator: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Bundle = z.infer<typeof Bundle>;

export const BundleResponse = z.object({ bundle: Bundle });
export const BundleListResponse = z.object({ bundles: z.array(Bundle), nextCursor: z.string().nullable() });

/** Why publishing is blocked: items whose circles are smaller than the bundle's audience. */
export const PublishBlocked = z.object({
  error: z.object({
    code: z.literal("items_not_visible"),
    message: z.string(),
    items: z.array(
      z.object({
        itemId: z.string(),
        title: z.string(),
        reason: z.string(),
        /** The widest circle among the saves the curator can see (null: none), so the UI can say it in its own words. */
        widestCircle: Visibility.nullable().optional(),
      }),
    ),
  }),
});

/** A change based on a stale version: somebody else saved in between. */
export const VersionConflict = z.object({
  error: z.object({ code: z.literal("version_conflict"), message: z.string(), currentVersion: z.number().int() }),
});
