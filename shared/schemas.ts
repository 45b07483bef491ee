/**
 * The one place where the extension and the server agree on shapes. Request schemas validate on both
 * sides; response schemas document the API (OpenAPI is generated from them) and type the extension's client.
 */
import { z } from "zod";
import {
  COMMUNITY_KINDS,
  ITEM_KINDS,
  ITEM_SECTORS,
  LANGUAGES,
  LIMITS,
  SCHOOL_SECTORS,
  USER_ROLES,
  VISIBILITIES,
} from "./vocabulary";

export { COMMUNITY_KINDS, ITEM_KINDS, ITEM_SECTORS, LANGUAGES, LIMITS, SCHOOL_SECTORS, USER_ROLES, VISIBILITIES };

// ---------------------------------------------------------------------------------------------------
// Vocabularies

export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKind>;

export const Visibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;

export const SchoolSector = z.enum(SCHOOL_SECTORS);
export type SchoolSector = z.infer<typeof SchoolSector>;

export const ItemSector = z.enum(ITEM_SECTORS);
export type ItemSector = z.infer<typeof ItemSector>;

export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

export const SchoolRole = z.enum(["member", "coordinator"]);
export type SchoolRole = z.infer<typeof SchoolRole>;

export const CommunityKind = z.enum(COMMUNITY_KINDS);
export type CommunityKind = z.infer<typeof CommunityKind>;

export const CommunityRole = z.enum(["member", "owner"]);
export type CommunityRole = z.infer<typeof CommunityRole>;

export const Outcome = z.enum(["yes", "no", "untested"]);
export type Outcome = z.infer<typeof Outcome>;

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Ids are opaque strings to clients; the server makes them url-safe and short. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id");

export const ThemeSlug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a theme slug is lower-case words joined by hyphens");

export const HttpUrl = z
  .string()
  .trim()
  .max(4096)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

const trimmed = (max: number) => z.string().trim().max(max);

export const Email = z.string().trim().toLowerCase().max(254).email();
export const Password = z.string().min(10, "at least 10 characters").max(200);

export const Localised = z.object({ nl: z.string(), en: z.string() });
export type Localised = z.infer<typeof Localised>;

// ---------------------------------------------------------------------------------------------------
// Errors (the contract's single error shape)

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() }))
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---------------------------------------------------------------------------------------------------
// Accounts and auth

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(UserRole),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  deviceName: trimmed(100).min(1).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), user: User });

export const MeResponse = z.object({
  user: User,
  schools: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })),
  communities: z.array(z.object({ id: z.string(), name: z.string(), role: CommunityRole })),
  /** Teacher-education institutes (pabo, lerarenopleiding, universiteit) the person belongs to. */
  institutes: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })).optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["login", "api"]),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  current: z.boolean(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.object({ name: trimmed(100).min(1) });
export const TokensResponse = z.object({ tokens: z.array(ApiToken) });
export const CreatedTokenResponse = z.object({ token: ApiToken, secret: z.string() });

// ---------------------------------------------------------------------------------------------------
// Administration

export const CreateUserRequest = z.object({
  name: trimmed(200).min(1),
  email: Email,
  password: Password,
  roles: z.array(UserRole).max(2).optional(),
  disabled: z.boolean().optional(),
});
export const UpdateUserRequest = CreateUserRequest.partial();
export const AdminUser = User.extend({ disabled: z.boolean(), createdAt: z.string() });
export const AdminUserResponse = z.object({ user: AdminUser });

export const School = z.object({
  id: z.string(),
  name: z.string(),
  sector: SchoolSector,
  region: z.string().nullable(),
  bestuur: z.string().nullable(),
});
export type School = z.infer<typeof School>;

export const CreateSchoolRequest = z.object({
  name: trimmed(200).min(1),
  sector: SchoolSector,
  region: trimmed(200).min(1).optional(),
  bestuur: trimmed(200).min(1).optional(),
});
export const SchoolResponse = z.object({ school: School });
export const SchoolsResponse = z.object({ schools: z.array(School) });

export const INSTITUTE_KINDS = ["pabo", "lerarenopleiding", "universiteit"] as const;
export const InstituteKind = z.enum(INSTITUTE_KINDS);

export const Institute = z.object({ id: z.string(), name: z.string(), kind: InstituteKind });
export const CreateInstituteRequest = z.object({ name: trimmed(200).min(1), kind: InstituteKind });
export const InstituteResponse = z.object({ institute: Institute });
export const InstitutesResponse = z.object({ institutes: z.array(Institute) });

export const Community = z.object({
  id: z.string(),
  name: z.string(),
  kind: CommunityKind,
  description: z.string().nullable(),
  open: z.boolean(),
  memberCount: z.number().int(),
  myRole: CommunityRole.nullable(),
});
export type Community = z.infer<typeof Community>;

export const CreateCommunityRequest = z.object({
  name: trimmed(200).min(1),
  kind: CommunityKind,
  description: trimmed(2000).optional(),
  open: z.boolean().optional(),
});
export const CommunityResponse = z.object({ community: Community });
export const CommunitiesResponse = z.object({ communities: z.array(Community) });

export const SchoolMembershipRequest = z.object({ role: SchoolRole });
export const InstituteMembershipRequest = z.object({ role: SchoolRole });
export const CommunityMembershipRequest = z.object({ role: CommunityRole });
export const MembershipResponse = z.object({
  membership: z.object({ userId: z.string(), role: z.string() }),
});

// ---------------------------------------------------------------------------------------------------
// Themes

export const Theme = z.object({
  slug: ThemeSlug,
  name: Localised,
  description: Localised,
  parent: ThemeSlug.nullable(),
  synonyms: z.array(z.string()),
});
export type Theme = z.infer<typeof Theme>;

export const ThemesResponse = z.object({ themes: z.array(Theme) });
export const ThemeResponse = z.object({ theme: Theme });
export const ThemesQuery = z.object({ q: trimmed(100).optional() });

const LocalisedInput = z.object({ nl: trimmed(120).min(1), en: trimmed(120).min(1) });
const LocalisedText = z.object({ nl: trimmed(2000), en: trimmed(2000) });
export const CreateThemeRequest = z.object({
  slug: ThemeSlug.optional(),
  name: LocalisedInput,
  description: LocalisedText.optional(),
  parent: ThemeSlug.nullable().optional(),
  synonyms: z.array(trimmed(120).min(1)).max(30).optional(),
});
export const UpdateThemeRequest = CreateThemeRequest.omit({ slug: true }).partial();

// ---------------------------------------------------------------------------------------------------
// Items and saves

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

export const CreateItemRequest = z.object({
  url: HttpUrl,
  title: trimmed(LIMITS.title).optional(),
  kind: ItemKind.optional(),
  language: z.string().trim().max(35).optional(),
  meta: ItemMeta.optional(),
  // Readable text is capped by truncation rather than rejected: a long page is still worth clipping.
  text: z
    .string()
    .max(LIMITS.text * 4)
    .transform((text) => text.slice(0, LIMITS.text))
    .optional(),
  themes: SaveFields.themes.optional(),
  tags: SaveFields.tags.optional(),
  note: SaveFields.note.optional(),
  quote: SaveFields.quote.optional(),
  visibility: SaveFields.visibility.optional(),
  communityId: SaveFields.communityId.optional(),
  schoolId: SaveFields.schoolId.optional(),
  sector: SaveFields.sector.optional(),
});
export type CreateItemRequest = z.input<typeof CreateItemRequest>;
export type CreateItemInput = z.output<typeof CreateItemRequest>;

export const UpdateSaveRequest = z.object({
  title: trimmed(LIMITS.title).min(1).optional(),
  kind: ItemKind.optional(),
  themes: SaveFields.themes.optional(),
  tags: SaveFields.tags.optional(),
  note: SaveFields.note.optional(),
  quote: SaveFields.quote.optional(),
  visibility: SaveFields.visibility.optional(),
  communityId: SaveFields.communityId.optional(),
  schoolId: SaveFields.schoolId.optional(),
  sector: SaveFields.sector.optional(),
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
});
export type Item = z.infer<typeof Item>;

export const ItemResponse = z.object({ item: Item, existing: z.boolean().optional() });
export const LookupResponse = z.object({ item: Item.nullable() });
export const ItemListResponse = z.object({
  items: z.array(Item),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});
export type ItemListResponse = z.infer<typeof ItemListResponse>;

const listOf = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]), z.array(schema));

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

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
