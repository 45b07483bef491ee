/**
 * The vocabularies as zod enums and the building blocks every other schema file uses. The value lists
 * live in the zod-free `shared/vocabulary.ts` (the popup reads them without bundling zod); the types
 * come from there too, so each vocabulary has one source.
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
  type ItemKind as ItemKindValue,
  type ItemSector as ItemSectorValue,
  type Language as LanguageValue,
  type Visibility as VisibilityValue,
} from "../vocabulary";

export { COMMUNITY_KINDS, ITEM_KINDS, ITEM_SECTORS, LANGUAGES, LIMITS, SCHOOL_SECTORS, USER_ROLES, VISIBILITIES };

// ---------------------------------------------------------------------------------------------------
// Vocabularies

export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = ItemKindValue;

export const Visibility = z.enum(VISIBILITIES);
export type Visibility = VisibilityValue;

export const SchoolSector = z.enum(SCHOOL_SECTORS);
export type SchoolSector = z.infer<typeof SchoolSector>;

export const ItemSector = z.enum(ITEM_SECTORS);
export type ItemSector = ItemSectorValue;

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
export type Language = LanguageValue;

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Ids are opaque strings to clients; the server makes them url-safe and short. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id");

export const ThemeSlug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a theme slug is lower-case words joined by hyphens");

/**
 * Text with each lone half of a surrogate pair (JSON can carry one as "\ud800") made U+FFFD, as
 * String.prototype.toWellFormed does: SQLite keeps text as UTF-8, which cannot hold one, and gave it back
 * as three other characters, so what a person sent and what they read back differed.
 */
export const wellFormed = (text: string) => (HALF_PAIR.test(text) ? text.replace(LONE_HALF, "\uFFFD") : text);
const HALF_PAIR = /[\uD800-\uDFFF]/;
const LONE_HALF = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const HttpUrl = z
  .string()
  .overwrite(wellFormed)
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

/** A trimmed string of at most `max` characters: the shape of every free text field. */
export const trimmed = (max: number) => z.string().overwrite(wellFormed).trim().max(max);

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

// GET /healthz: `{ok: true}`, or what is wrong for whoever watches the server

export const HealthyResponse = z.object({ ok: z.literal(true) });
/** Degraded is an error answer: it carries the contract's `error` beside the health fields monitors read. */
export const DegradedResponse = ErrorBody.extend({
  ok: z.literal(false),
  status: z.literal("degraded"),
  /** not_answering: not even a read works; not_writable: reads work but a write cannot commit (disk full, read-only). */
  database: z.enum(["not_answering", "not_writable"]),
  /** SQLite's error code, such as SQLITE_FULL or SQLITE_READONLY. */
  cause: z.string(),
});

// ---------------------------------------------------------------------------------------------------
// Paging

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

