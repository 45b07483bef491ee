/**
 * The product's vocabularies as plain constants, without zod, so the extension's popup can use them
 * without bundling a schema library. shared/schemas builds its enums from these.
 */
export const ITEM_KINDS = [
  "artikel",
  "kennisclip",
  "protocol",
  "praktijkvoorbeeld",
  "lesmateriaal",
  "onderzoek",
  "podcast",
  "infographic",
  "document",
  "overig",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Circles from the smallest to the widest; the order matters (widening is a deliberate act). */
export const VISIBILITIES = ["private", "community", "school", "network", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const SCHOOL_SECTORS = ["po", "vo", "mbo", "so"] as const;
/** Sectors an item can be relevant for: schools' sectors plus teacher education and research. */
export const ITEM_SECTORS = ["po", "vo", "mbo", "so", "hbo", "wo"] as const;
export type ItemSector = (typeof ITEM_SECTORS)[number];

export const USER_ROLES = ["admin", "broker"] as const;
export const COMMUNITY_KINDS = ["leergemeenschap", "werkplaats", "themateam", "leerteam"] as const;
export const LANGUAGES = ["nl", "en"] as const;
/** The languages the product speaks: every catalogue in shared/i18n has both. */
export type Language = (typeof LANGUAGES)[number];
export const WEBHOOK_EVENTS = ["offer.created", "bundle.accepted", "item.published", "question.created", "question.answered", "question.followup"] as const;
export const WEBHOOK_FORMATS = ["teams", "json"] as const;
/** What the pupil-data guard recognises, and the free texts of a save it reads (shared/privacy/pupil-data.ts). */
export const PUPIL_DATA_KINDS = ["bsn", "studentNumber", "birthDate", "phone"] as const;
export type PupilDataKind = (typeof PUPIL_DATA_KINDS)[number];
export const PUPIL_DATA_FIELDS = ["note", "quote", "text"] as const;
export type PupilDataField = (typeof PUPIL_DATA_FIELDS)[number];

/** Caps keep one clip from bloating the database; the extension trims before sending. */
export const LIMITS = {
  title: 500,
  note: 5000,
  quote: 5000,
  excerpt: 2000,
  text: 100_000,
  tags: 30,
  tag: 60,
  themes: 20,
} as const;
