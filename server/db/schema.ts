/**
 * The whole relational schema in one file. Full-text indexes (FTS5 virtual tables) are not expressible in
 * drizzle's schema language; they live in a hand-written migration and are kept in step by the services.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ItemKind, ItemSector, Outcome, SchoolSector, UserRole, Visibility } from "../../shared/schemas";

const id = () => text("id").primaryKey();
const createdAt = () => text("created_at").notNull();
const updatedAt = () => text("updated_at").notNull();
const jsonList = <T extends string>(name: string) =>
  text(name, { mode: "json" }).$type<T[]>().notNull().default(sql`'[]'`);

export const users = sqliteTable(
  "users",
  {
    id: id(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: jsonList<UserRole>("roles"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // E-mail addresses are stored lower-cased, so a plain unique index is case-insensitive in effect.
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const tokens = sqliteTable(
  "tokens",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").$type<"login" | "api">().notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [uniqueIndex("tokens_secret_hash_unique").on(t.secretHash), index("tokens_user_idx").on(t.userId)],
);

export const besturen = sqliteTable(
  "besturen",
  { id: id(), name: text("name").notNull(), createdAt: createdAt() },
  (t) => [uniqueIndex("besturen_name_unique").on(t.name)],
);

export const schools = sqliteTable(
  "schools",
  {
    id: id(),
    name: text("name").notNull(),
    sector: text("sector").$type<SchoolSector>().notNull(),
    region: text("region"),
    bestuurId: text("bestuur_id").references(() => besturen.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("schools_name_idx").on(t.name)],
);

export const schoolMembers = sqliteTable(
  "school_members",
  {
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"member" | "coordinator">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.userId] }), index("school_members_user_idx").on(t.userId)],
);

export const institutes = sqliteTable("institutes", {
  id: id(),
  name: text("name").notNull(),
  kind: text("kind").$type<"pabo" | "lerarenopleiding" | "universiteit">().notNull(),
  createdAt: createdAt(),
});

export const communities = sqliteTable("communities", {
  id: id(),
  name: text("name").notNull(),
  kind: text("kind").$type<"leergemeenschap" | "werkplaats" | "themateam" | "leerteam">().notNull(),
  description: text("description"),
  open: integer("open", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const communityMembers = sqliteTable(
  "community_members",
  {
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"member" | "owner">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index("community_members_user_idx").on(t.userId)],
);

export const themes = sqliteTable(
  "themes",
  {
    slug: text("slug").primaryKey(),
    nameNl: text("name_nl").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionNl: text("description_nl").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    parent: text("parent"),
    synonyms: jsonList<string>("synonyms"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("themes_parent_idx").on(t.parent)],
);

/**
 * One row per normalised URL. `seq` is an integer alias used as the FTS rowid, since the public id is a
 * string.
 */
export const items = sqliteTable(
  "items",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    urlKey: text("url_key").notNull(),
    url: text("url").notNull(),
    canonicalUrl: text("canonical_url"),
    title: text("title").notNull(),
    kind: text("kind").$type<ItemKind>().notNull(),
    siteName: text("site_name"),
    author: text("author"),
    publishedAt: text("published_at"),
    language: text("language"),
    imageUrl: text("image_url"),
    faviconUrl: text("favicon_url"),
    excerpt: text("excerpt"),
    text: text("text"),
    videoProvider: text("video_provider"),
    videoId: text("video_id"),
    videoDurationSeconds: integer("video_duration_seconds"),
    videoEmbedUrl: text("video_embed_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("items_id_unique").on(t.id),
    uniqueIndex("items_url_key_unique").on(t.urlKey),
    index("items_created_idx").on(t.createdAt, t.seq),
    index("items_kind_idx").on(t.kind),
  ],
);

/** A person's save of an item: their note, circle, themes and what happened when they applied it. */
export const saves = sqliteTable(
  "saves",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    itemSeq: integer("item_seq")
      .notNull()
      .references(() => items.seq, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    quote: text("quote").notNull().default(""),
    tags: jsonList<string>("tags"),
    sector: jsonList<ItemSector>("sector"),
    visibility: text("visibility").$type<Visibility>().notNull(),
    communityId: text("community_id").references(() => communities.id, { onDelete: "set null" }),
    schoolId: text("school_id").references(() => schools.id, { onDelete: "set null" }),
    applied: integer("applied", { mode: "boolean" }).notNull().default(false),
    worked: text("worked").$type<Outcome>().notNull().default("untested"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("saves_item_user_unique").on(t.itemSeq, t.userId),
    index("saves_user_idx").on(t.userId, t.createdAt),
    index("saves_item_visibility_idx").on(t.itemSeq, t.visibility),
    index("saves_school_idx").on(t.schoolId, t.visibility),
    index("saves_community_idx").on(t.communityId, t.visibility),
  ],
);

export const saveThemes = sqliteTable(
  "save_themes",
  {
    saveSeq: integer("save_seq")
      .notNull()
      .references(() => saves.seq, { onDelete: "cascade" }),
    theme: text("theme").notNull(),
  },
  (t) => [primaryKey({ columns: [t.saveSeq, t.theme] }), index("save_themes_theme_idx").on(t.theme, t.saveSeq)],
);

export const saveTags = sqliteTable(
  "save_tags",
  {
    saveSeq: integer("save_seq")
      .notNull()
      .references(() => saves.seq, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.saveSeq, t.tag] }), index("save_tags_tag_idx").on(t.tag, t.saveSeq)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    route: text("route").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_created_idx").on(t.createdAt)],
);
