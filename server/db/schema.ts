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
    /** Required for password accounts; people who sign in with their school account may have none. */
    email: text("email"),
    /** null: no password; the person signs in only with a linked school account (identities). */
    passwordHash: text("password_hash"),
    /** What others see instead of the full name (accounts/public-name.ts); null: the default for each audience. */
    displayName: text("display_name"),
    roles: jsonList<UserRole>("roles"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // E-mail addresses are stored lower-cased, so a plain unique index is case-insensitive in effect.
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

/**
 * A school account a person signs in with: the provider's issuer and its subject for this person. The
 * pair is the identity, never an e-mail address (which an issuer may reuse, or not have verified).
 */
export const identities = sqliteTable(
  "identities",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The operator's name for the provider (SIGN_IN_PROVIDERS), which says how its claims are read. */
    provider: text("provider").notNull(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    /** As the provider last said, to show the person which account this is; never used to find anyone. */
    email: text("email"),
    /** The organisation the claims named at the last sign-in (BRIN code, home organisation, tenant or domain). */
    organisation: text("organisation"),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [uniqueIndex("identities_issuer_subject_unique").on(t.issuer, t.subject), index("identities_user_idx").on(t.userId)],
);

/**
 * A sign-in under way at a provider, found by the hash of its `state`: the PKCE verifier and nonce it must
 * end with, and what it was for. Deleted when the provider answers, so a replayed answer finds nothing.
 */
export const signInFlows = sqliteTable("sign_in_flows", {
  stateHash: text("state_hash").primaryKey(),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  /** `sign-in`, or `link` to add the identity to the signed-in person `userId`. */
  purpose: text("purpose").$type<"sign-in" | "link">().notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  /** Where to go afterwards: a path on this site. */
  returnTo: text("return_to").notNull().default("/"),
  createdAt: createdAt(),
  expiresAt: text("expires_at").notNull(),
});

/**
 * Short-lived, single-use codes: `device` codes hand a signed-in browser's person to the extension (exchanged
 * by POST for a device token, never a token in a URL); `reset` codes are an administrator's password-reset
 * links. Only the hash of a code is stored.
 */
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    purpose: text("purpose").$type<"device" | "reset">().notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who made it: the administrator for a reset link (null once they are deleted). */
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("one_time_codes_user_idx").on(t.userId)],
);

export const tokens = sqliteTable(
  "tokens",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** `login`: a device's sign-in (the extension); `api`: a named token; `web`: a browser's session cookie. */
    kind: text("kind").$type<"login" | "api" | "web">().notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
    /** Web sessions end at this time whatever their use; other tokens end by retention or revocation. */
    expiresAt: text("expires_at"),
  },
  (t) => [uniqueIndex("tokens_secret_hash_unique").on(t.secretHash), index("tokens_user_idx").on(t.userId)],
);

export const besturen = sqliteTable(
  "besturen",
  {
    id: id(),
    name: text("name").notNull(),
    /** Microsoft Entra tenant ids and Google Workspace domains whose people belong to this bestuur's schools. */
    entraTenants: jsonList<string>("entra_tenants"),
    googleDomains: jsonList<string>("google_domains"),
    createdAt: createdAt(),
  },
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
    /** BRIN codes (four characters, with a two-digit location where a school has several) that Entree names. */
    brinCodes: jsonList<string>("brin_codes"),
    entraTenants: jsonList<string>("entra_tenants"),
    googleDomains: jsonList<string>("google_domains"),
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
  /** The institution's domains as SURFconext names them (schac_home_organization). */
  domains: jsonList<string>("domains"),
  createdAt: createdAt(),
});

/** Teacher educators and students belong to an institute (pabo, lerarenopleiding, universiteit). */
export const instituteMembers = sqliteTable(
  "institute_members",
  {
    instituteId: text("institute_id")
      .notNull()
      .references(() => institutes.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"member" | "coordinator">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.instituteId, t.userId] }), index("institute_members_user_idx").on(t.userId)],
);

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
 * One row per normalised URL: what the saves of the same page share, and nothing anyone wrote about it.
 * `url` is the normalised URL (no credentials, fragment or tracking parameters); every page fact lives
 * on the save of the person who captured it, so an item shows each viewer only saves they may see.
 */
export const items = sqliteTable(
  "items",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    urlKey: text("url_key").notNull(),
    url: text("url").notNull(),
  },
  (t) => [uniqueIndex("items_id_unique").on(t.id), uniqueIndex("items_url_key_unique").on(t.urlKey)],
);

/**
 * A person's save of an item: the page facts they captured (title, kind, excerpt, readable text, …, the
 * URL as they submitted it, cleaned of credentials and tokens), their note, circle, themes and what
 * happened when they applied it. `seq` is the rowid of the save's search row (saves_fts).
 */
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
    url: text("url").notNull().default(""),
    canonicalUrl: text("canonical_url"),
    title: text("title").notNull().default(""),
    kind: text("kind").$type<ItemKind>().notNull().default("artikel"),
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
    note: text("note").notNull().default(""),
    quote: text("quote").notNull().default(""),
    tags: jsonList<string>("tags"),
    /** The save's theme slugs, as in save_themes (which the filters use): read in one pass by the facets. */
    themes: jsonList<string>("themes"),
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
    index("saves_created_idx").on(t.createdAt, t.itemSeq),
    // Everything the library's facets and its list without a query read of a save, so they walk this
    // index and never the rows, whose page text makes each one about a page long (library/facets.ts).
    index("saves_facets_idx").on(t.itemSeq, t.visibility, t.userId, t.schoolId, t.communityId, t.createdAt, t.kind, t.sector, t.themes),
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

// ---------------------------------------------------------------------------------------------------
// Bundles: a broker's curated, ordered selection, offered to schools.

/** The working copy a broker edits. `version` rises with every change and guards concurrent edits. */
export const bundles = sqliteTable(
  "bundles",
  {
    id: id(),
    title: text("title").notNull(),
    about: text("about").notNull().default(""),
    use: text("use").notNull().default(""),
    themes: jsonList<string>("themes"),
    sector: jsonList<ItemSector>("sector"),
    audience: text("audience").$type<"public" | "network">().notNull(),
    status: text("status").$type<"draft" | "published">().notNull().default("draft"),
    slug: text("slug"),
    version: integer("version").notNull().default(1),
    /** The number of the newest published snapshot; null while a draft. */
    publishedVersion: integer("published_version"),
    /** Who started it; null once that person's account was deleted (the curators in bundle_curators own it). */
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("bundles_slug_unique").on(t.slug), index("bundles_status_idx").on(t.status, t.updatedAt)],
);

export const bundleCurators = sqliteTable(
  "bundle_curators",
  {
    bundleId: text("bundle_id")
      .notNull()
      .references(() => bundles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"owner" | "curator">().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.userId] }), index("bundle_curators_user_idx").on(t.userId)],
);

export const bundleItems = sqliteTable(
  "bundle_items",
  {
    bundleId: text("bundle_id")
      .notNull()
      .references(() => bundles.id, { onDelete: "cascade" }),
    itemSeq: integer("item_seq")
      .notNull()
      .references(() => items.seq, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.itemSeq] }), index("bundle_items_item_idx").on(t.itemSeq)],
);

/**
 * A published snapshot: what schools were offered and what /b/:slug shows, unchanged when saves are
 * later deleted. `content` is the whole rendered bundle (items with the broker's notes) as JSON.
 */
export const bundleVersions = sqliteTable(
  "bundle_versions",
  {
    bundleId: text("bundle_id")
      .notNull()
      .references(() => bundles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    content: text("content", { mode: "json" }).$type<unknown>().notNull(),
    /** Null once the publisher's account was deleted: the snapshot stays what schools were offered. */
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: text("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.number] }), index("bundle_versions_published_idx").on(t.publishedAt)],
);

/** One offer per school per bundle version; the capability key lets a school pass that version's page around. */
export const offers = sqliteTable(
  "offers",
  {
    id: id(),
    bundleId: text("bundle_id")
      .notNull()
      .references(() => bundles.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    /** Null once the broker's account was deleted: the school keeps the offer, "from a former colleague". */
    offeredBy: text("offered_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<"offered" | "opened" | "accepted" | "declined">().notNull().default("offered"),
    capabilityKey: text("capability_key").notNull(),
    /** When the current key was issued: it expires OFFER_KEY_DAYS later (the setting, read at each use). */
    keyIssuedAt: text("key_issued_at"),
    /** Set when the key stopped opening anything before its time: revoked by hand, or the school declined. */
    keyRevokedAt: text("key_revoked_at"),
    reason: text("reason"),
    offeredAt: text("offered_at").notNull(),
    openedAt: text("opened_at"),
    respondedAt: text("responded_at"),
    respondedBy: text("responded_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("offers_bundle_version_school_unique").on(t.bundleId, t.version, t.schoolId),
    uniqueIndex("offers_capability_unique").on(t.capabilityKey),
    index("offers_school_idx").on(t.schoolId, t.offeredAt),
  ],
);

/** What happened to offers, per school and day: the broker's reach chart. Never per person. */
export const offerEvents = sqliteTable(
  "offer_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"offered" | "opened" | "accepted" | "declined" | "reshared">().notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("offer_events_offer_idx").on(t.offerId, t.at)],
);

// ---------------------------------------------------------------------------------------------------
// Schools receiving knowledge: subscriptions, feeds, webhooks.

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    theme: text("theme").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.theme] }), index("subscriptions_theme_idx").on(t.theme)],
);

/** Per school: the sectors its subscriptions are narrowed to, and the revocable token of its private feed. */
export const schoolFeeds = sqliteTable(
  "school_feeds",
  {
    schoolId: text("school_id")
      .primaryKey()
      .references(() => schools.id, { onDelete: "cascade" }),
    sector: jsonList<ItemSector>("sector"),
    feedToken: text("feed_token"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("school_feeds_token_unique").on(t.feedToken)],
);

export const webhooks = sqliteTable(
  "webhooks",
  {
    id: id(),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    format: text("format").$type<"teams" | "json">().notNull(),
    events: jsonList<"offer.created" | "bundle.accepted" | "item.published" | "question.created" | "question.answered" | "question.followup">("events"),
    secret: text("secret").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_school_idx").on(t.schoolId)],
);

/**
 * The outbox: a delivery is written in the same transaction as the change that caused it, with its
 * exact body, and a worker sends it. Its id is the Knooppunt-Delivery header, stable across retries.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: id(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    /** The offer an offer.created or bundle.accepted delivery is about: a delivered acceptance counts as a reshare of it. */
    offerId: text("offer_id").references(() => offers.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: text("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_hook_idx").on(t.webhookId, t.createdAt),
    // Deleting a bundle deletes its offers, which clears this column: without the index each offer scans the log.
    index("webhook_deliveries_offer_idx").on(t.offerId),
  ],
);

export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("delivery_attempts_delivery_idx").on(t.deliveryId, t.at)],
);

// ---------------------------------------------------------------------------------------------------
// Accountability without personal data: what administrators did, and which accounts were deleted.

/**
 * Every administrator action (HTTP admin routes and the admin command). The actor is kept by id while the
 * account exists; `subject` names what was acted on by id only, never by name or e-mail, so a deleted
 * person leaves no personal data here.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** "admin" through the API, "operator" through `npm run admin` on the server's machine. */
    actorKind: text("actor_kind").$type<"admin" | "operator">().notNull(),
    action: text("action").notNull(),
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id"),
    /** Counts and choices (never names, e-mail addresses or content). */
    details: text("details", { mode: "json" }).$type<Record<string, string | number | boolean | null>>().notNull().default(sql`'{}'`),
  },
  (t) => [index("audit_log_at_idx").on(t.at, t.seq)],
);

/** One row per deleted account: when, on whose initiative (by role) and how much went; nothing about the person. */
export const accountDeletions = sqliteTable("account_deletions", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  initiatedBy: text("initiated_by").$type<"self" | "admin" | "operator">().notNull(),
  sharedWork: text("shared_work").$type<"handOver" | "remove">().notNull(),
  counts: text("counts", { mode: "json" }).$type<Record<string, number>>().notNull(),
});

// ---------------------------------------------------------------------------------------------------
// Leervragen: a school or teacher asks, a broker answers, the asker says whether it worked.

/**
 * A question lives in a circle exactly as a save does (`user_id` is the asker, `visibility`, `school_id`,
 * `community_id`), so db/visibility.ts's one rule reads it unchanged; services/questions adds what
 * brokers see. `owner_id` is the broker who took it; `answer_id` the answer it shares with similar ones.
 */
export const questions = sqliteTable(
  "questions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    context: text("context").notNull().default(""),
    themes: jsonList<string>("themes"),
    sector: jsonList<ItemSector>("sector"),
    visibility: text("visibility").$type<Visibility>().notNull(),
    schoolId: text("school_id").references(() => schools.id, { onDelete: "set null" }),
    communityId: text("community_id").references(() => communities.id, { onDelete: "set null" }),
    status: text("status").$type<"open" | "claimed" | "answered" | "closed">().notNull().default("open"),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    answerId: text("answer_id").references(() => questionAnswers.id, { onDelete: "set null" }),
    /** How many weeks after the answer the asker is asked "Toegepast? Werkte het?". */
    followupWeeks: integer("followup_weeks").notNull().default(6),
    /** Closed by the asker with something the library already held ("Misschien helpt dit al"). */
    closedWith: text("closed_with", { mode: "json" }).$type<{ bundleId?: string; itemId?: string } | null>(),
    answeredAt: text("answered_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** When the asker was reminded "Toegepast? Werkte het?" (webhooks, feed); set once, so a restart never reminds twice. */
    followupRemindedAt: text("followup_reminded_at"),
  },
  (t) => [
    index("questions_created_idx").on(t.createdAt, t.id),
    index("questions_school_idx").on(t.schoolId, t.visibility),
    index("questions_user_idx").on(t.userId),
    index("questions_answer_idx").on(t.answerId),
    index("questions_followup_reminder_idx").on(t.status, t.followupRemindedAt),
  ],
);

/** One answer can serve several similar questions (003:283): a bundle, library items, and a note. */
export const questionAnswers = sqliteTable("question_answers", {
  id: id(),
  bundleId: text("bundle_id").references(() => bundles.id, { onDelete: "set null" }),
  itemIds: jsonList<string>("item_ids"),
  note: text("note").notNull().default(""),
  /** The bundle was published before the first of its questions was asked: the library already held the answer. */
  fromExistingBundle: integer("from_existing_bundle", { mode: "boolean" }).notNull().default(false),
  answeredBy: text("answered_by").references(() => users.id, { onDelete: "set null" }),
  answeredAt: text("answered_at").notNull(),
});

/** Every wording a question had, the first as asked: sharpening a question is itself a learning step (000:605). */
export const questionWordings = sqliteTable(
  "question_wordings",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    context: text("context").notNull(),
    changedBy: text("changed_by").references(() => users.id, { onDelete: "set null" }),
    at: text("at").notNull(),
  },
  (t) => [index("question_wordings_question_idx").on(t.questionId, t.seq)],
);

export const questionComments = sqliteTable(
  "question_comments",
  {
    id: id(),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("question_comments_question_idx").on(t.questionId, t.createdAt)],
);

/** The brokers working on a question: one owner at a time, others joined. */
export const questionBrokers = sqliteTable(
  "question_brokers",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"owner" | "joined">().notNull(),
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

/** What the asker said when asked "Toegepast? Werkte het?", kept like an item's outcome. */
export const questionFollowups = sqliteTable("question_followups", {
  questionId: text("question_id")
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  applied: integer("applied", { mode: "boolean" }).notNull(),
  worked: text("worked").$type<Outcome>().notNull(),
  note: text("note").notNull().default(""),
  recordedBy: text("recorded_by").references(() => users.id, { onDelete: "set null" }),
  recordedAt: text("recorded_at").notNull(),
});

/**
 * Change counters that feed validators are computed from, bumped by triggers (migration feed_versions) in
 * the same transaction as the write: `theme:<slug>:<circle>` when an item carrying the theme changes for
 * readers of that circle, `bundles:<audience>` when a published snapshot of that audience appears, goes
 * or moves, `taxonomy` when a theme changes. A counter only ever grows, so the sum over a fixed set of
 * them changes exactly when one of them does.
 */
export const feedVersions = sqliteTable("feed_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull(),
});

/**
 * The library's facet counts kept current by triggers (migration facet_tallies) in every write
 * transaction. For the items that have exactly one save: per audience of that save (`public`, `network`,
 * `school:<id>`, `community:<id>`, `private`) how many such items there are (`part` = `total`), of each
 * kind (`kind:<kind>`), sector (`sector:<sector>`) and theme (`theme:<slug>`, counting the items of the
 * themes below it once). `owner` is '' for every reader of the audience, or the person who saved it: a
 * person reads their own saves in any circle. Items with more saves are under audience `shared`
 * (`sharedItems`), since a reader who sees two of their saves counts the item once (library/facets.ts).
 */
export const facetTallies = sqliteTable(
  "facet_tallies",
  {
    audience: text("audience").notNull(),
    owner: text("owner").notNull(),
    part: text("part").notNull(),
    items: integer("items").notNull(),
  },
  // Owner first: a reader's rows are one range for everyone ('') and one for their own saves.
  (t) => [primaryKey({ columns: [t.owner, t.audience, t.part] })],
);

/**
 * Every theme with itself and each theme above it, kept by triggers on themes (migration facet_tallies):
 * a theme's facet count includes the items of the themes below it, each once.
 */
export const themeLineage = sqliteTable(
  "theme_lineage",
  {
    slug: text("slug").notNull(),
    ancestor: text("ancestor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.slug, t.ancestor] })],
);

/**
 * The items with two saves or more, kept by the facet_tallies triggers. Most are tallied too, under the
 * audiences `shared` and `shared:<circle>` (see `sharedItemParts`); `countedFromSaves` marks those that
 * are not (saves in two school or community circles or more, or more than 16 savers): their facets are
 * counted from their saves when read.
 */
export const sharedItems = sqliteTable(
  "shared_items",
  {
    itemSeq: integer("item_seq").primaryKey(),
    countedFromSaves: integer("counted_from_saves", { mode: "boolean" }).notNull(),
  },
  // The few counted from their saves, found without reading the rest (70k shared items at 1M).
  (t) => [index("shared_items_counted_idx").on(t.itemSeq).where(sql`counted_from_saves`)],
);

/**
 * What a shared item adds to facet_tallies' shared rows, kept to be taken out again when it changes.
 * `audience` `shared` holds the item as every signed-in reader sees it (its saves in public and
 * network circles); `shared:<circle>` what a reader of its one school or community circle sees more;
 * `shared-public` the item as a reader who is not signed in sees it (its public saves).
 * `owner` '' is any reader, `owner` <person> the difference for one of its savers, who also sees their
 * own save, which speaks for the item to them.
 */
export const sharedItemParts = sqliteTable(
  "shared_item_parts",
  {
    itemSeq: integer("item_seq").notNull(),
    owner: text("owner").notNull(),
    audience: text("audience").notNull(),
    part: text("part").notNull(),
    items: integer("items").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemSeq, t.owner, t.audience, t.part] })],
);

/** A queue of one row at a time: inserting an item here makes its trigger recount that shared item's parts. */
export const sharedItemRecounts = sqliteTable("shared_item_recounts", {
  itemSeq: integer("item_seq").primaryKey(),
});

/**
 * An import of a file of links (server/services/imports): read and reviewed at upload, run in the
 * background after the person confirms. `processed` is how far the run got: each batch of entries and
 * this counter commit together, so a restart resumes exactly where the last commit left off.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").$type<"reviewing" | "running" | "done" | "cancelled" | "failed">().notNull(),
    format: text("format").notNull(),
    fileName: text("file_name"),
    total: integer("total").notNull(),
    processed: integer("processed").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    merged: integer("merged").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** What the review found at upload: counts per folder, tag and kind, duplicates, suggested themes. */
    review: text("review", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The files of a folder ZIP that are not links, to upload later: [{path, bytes}]. */
    files: text("files", { mode: "json" }).$type<{ path: string; bytes: number }[]>().notNull().default(sql`'[]'`),
    /** Chosen at start: one circle for the whole import, and each folder or tag's themes. */
    visibility: text("visibility").$type<Visibility>(),
    schoolId: text("school_id"),
    communityId: text("community_id"),
    themeMapping: text("theme_mapping", { mode: "json" }).$type<Record<string, string[]>>().notNull().default(sql`'{}'`),
    /**
     * Chosen at start: read each new save's page afterwards to fill in what the file did not hold
     * (services/imports/page-reader.ts), and how far that got: pages still to read, read, not readable.
     */
    readPages: integer("read_pages", { mode: "boolean" }).notNull().default(false),
    /** The person stopped the reading: what was due is dropped, and the saves written later are not read. */
    pagesStopped: integer("pages_stopped", { mode: "boolean" }).notNull().default(false),
    pagesDue: integer("pages_due").notNull().default(0),
    pagesRead: integer("pages_read").notNull().default(0),
    pagesFailed: integer("pages_failed").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: text("finished_at"),
  },
  (t) => [index("imports_user_idx").on(t.userId, t.createdAt), index("imports_status_idx").on(t.status)],
);

/** One link of an import, as the file held it; `outcome` is set by the run, in the batch that handled it. */
export const importEntries = sqliteTable(
  "import_entries",
  {
    importId: text("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    url: text("url").notNull(),
    title: text("title"),
    folder: jsonList<string>("folder"),
    tags: jsonList<string>("tags"),
    note: text("note"),
    addedAt: text("added_at"),
    kind: text("kind").$type<ItemKind>(),
    /** Why the review already knows this link will not be imported (invalid_url, javascript, too_long, duplicate_in_file…). */
    skipReason: text("skip_reason"),
    outcome: text("outcome").$type<"imported" | "merged" | "skipped">(),
    itemId: text("item_id"),
    /**
     * The save's own circle and themes when the file carries them (Knooppunt's own JSON export), as the
     * review matched them to this server: `{themes, circle}`, `circle` null when its school or community
     * is unknown here and the import's circle applies. Null for formats that carry neither.
     */
    fileSave: text("file_save", { mode: "json" }).$type<{ themes: string[]; circle: { visibility: Visibility; schoolId: string | null; communityId: string | null } | null }>(),
    /**
     * The page of the save this entry wrote, when the import reads pages: `due` until read, then `read`
     * (`pageError` may name what was left out of it) or `failed` (`pageError`: the rule that stopped it),
     * or `dropped` (the save was gone, or the person stopped the reading). Null: nothing to read.
     */
    pageState: text("page_state").$type<"due" | "read" | "failed" | "dropped">(),
    pageError: text("page_error"),
    /** The site of a due page (its host without `www.`), so the reader can pass over the sites it may not ask yet. */
    pageSite: text("page_site"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.position] }), index("import_entries_page_due_idx").on(t.importId, t.position).where(sql`page_state = 'due'`)],
);

/**
 * A broker's secret for the per-theme feeds of new leervragen, so their feed reader or Teams channel can
 * poll without signing in. Kept in plain text like a school's feed token: the broker looks the URL up
 * again, and it opens nothing but those feeds, and only while the person is an active broker.
 */
export const brokerFeeds = sqliteTable(
  "broker_feeds",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    feedToken: text("feed_token").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("broker_feeds_token_unique").on(t.feedToken)],
);
