import { readFileSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_OFFER_KEY_DAYS } from "./core/context";
import { DEFAULT_SEARCH_RANK_CAP } from "./core/context";
import { SignInProvidersSettings, type SignInProviderSettings } from "./services/sign-in/providers";
import type { SqliteMemory } from "./db/client";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** How long what is kept only for a while stays, in days (the privacy page shows them). */
export interface RetentionSettings {
  /** A login session (a sign-in's token) not used for this long ends. */
  sessionDays: number;
  /** An API token not used for this long is revoked. */
  apiTokenDays: number;
  /** Finished webhook deliveries (body, status, attempts) are kept this long. */
  deliveryLogDays: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { sessionDays: 90, apiTokenDays: 365, deliveryLogDays: 30 };

const days = (fallback: number) => z.coerce.number().int("must be a whole number of days").min(1).max(3650).default(fallback);

/** Environment variables, parsed once at start; a bad value stops the server with a clear message. */
const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_PATH: z.string().min(1).default("data/knooppunt.db"),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://knooppunt.example.nl" })
      .optional(),
    KNOOPPUNT_ADMIN_EMAIL: z.email().optional(),
    KNOOPPUNT_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
    KNOOPPUNT_DEMO: flag.optional(),
    TRUST_PROXY: flag.default(false),
    WEBHOOK_ALLOW_HOSTS: z.string().default(""),
    OFFER_KEY_DAYS: z.coerce
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(3650, "must be at most 3650 days (ten years)")
      .default(DEFAULT_OFFER_KEY_DAYS),
    SEARCH_RANK_CAP: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(100, "must be at least 100").max(1_000_000, "must be at most 1000000").default(DEFAULT_SEARCH_RANK_CAP),
    RETENTION_SESSION_DAYS: days(RETENTION_DEFAULTS.sessionDays),
    RETENTION_API_TOKEN_DAYS: days(RETENTION_DEFAULTS.apiTokenDays),
    RETENTION_DELIVERY_LOG_DAYS: days(RETENTION_DEFAULTS.deliveryLogDays),
    SIGN_IN_PROVIDERS: z.string().optional(),
    SIGN_IN_PROVIDERS_FILE: z.string().optional(),
    PAGE_FETCH_ALLOW_HOSTS: z.string().default(""),
    IMPORT_READ_PAGES: flag.default(true),
    SQLITE_CACHE_MB: z.coerce.number({ error: "must be a whole number of MB" }).int("must be a whole number of MB").min(0, "must be 0 or more").max(4096, "must be at most 4096").default(64),
    SQLITE_MMAP_MB: z.coerce.number({ error: "must be a whole number of MB" }).int("must be a whole number of MB").min(0, "must be 0 or more").max(65536, "must be at most 65536").default(256),
    EMBED_ALLOW_ORIGINS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((o) => o.trim().toLowerCase().replace(/\/+$/, "")).filter(Boolean))
      .refine((origins) => origins.every((o) => EMBED_ORIGIN.test(o)), {
        message: "must be comma-separated origins such as https://intranet.school.nl or https://*.school.nl (scheme and host, a port at most, no path)",
      }),
  })
  .refine((env) => Boolean(env.KNOOPPUNT_ADMIN_EMAIL) === Boolean(env.KNOOPPUNT_ADMIN_PASSWORD), {
    message: "set both KNOOPPUNT_ADMIN_EMAIL and KNOOPPUNT_ADMIN_PASSWORD, or neither",
    path: ["KNOOPPUNT_ADMIN_PASSWORD"],
  })
  .refine((env) => !(env.SIGN_IN_PROVIDERS?.trim() && env.SIGN_IN_PROVIDERS_FILE?.trim()), {
    message: "set SIGN_IN_PROVIDERS or SIGN_IN_PROVIDERS_FILE, not both",
    path: ["SIGN_IN_PROVIDERS_FILE"],
  });

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  /** null: derived from the address the server actually listens on. */
  publicUrl: string | null;
  admin: { email: string; password: string } | null;
  demo: boolean;
  trustProxy: boolean;
  webhookAllowHosts: string[];
  /** How long an offer's capability key opens its bundle version, counted from when the key was issued. */
  offerKeyDays: number;
  retention: RetentionSettings;
  /** The school-account providers (SIGN_IN_PROVIDERS or SIGN_IN_PROVIDERS_FILE); none: password sign-in only. */
  signInProviders: SignInProviderSettings[];
  /** Hosts the server may read pages from although they are private, also over plain http (PAGE_FETCH_ALLOW_HOSTS). */
  pageFetchAllowHosts?: string[];
  /** Whether imports may read their links' pages afterwards (IMPORT_READ_PAGES, default on; each import chooses too). */
  importReadPages?: boolean;
  /** Sites besides Teams and SharePoint that may frame bundle and theme pages (EMBED_ALLOW_ORIGINS); none when absent. */
  embedAllowOrigins?: string[];
  /** SQLite's page cache and memory-mapped reads (SQLITE_CACHE_MB, SQLITE_MMAP_MB); the defaults when absent. */
  sqliteMemory?: SqliteMemory;
  /** How many of the newest matching saves a relevance search ranks at most (SEARCH_RANK_CAP); 2000 when absent. */
  searchRankCap?: number;
}

/** One CSP host source: scheme, a host (a leading *. for its subdomains), a port at most: nothing that could end the directive. */
const EMBED_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

export class ConfigError extends Error {}

const fail = (lines: string[]) => new ConfigError(`Knooppunt cannot start; fix these settings:\n${lines.join("\n")}`);

/** The providers from a JSON array in the environment or in a file; a wrong one names the setting and the field. */
function signInProvidersFrom(inline: string | undefined, file: string | undefined): SignInProviderSettings[] {
  const setting = inline?.trim() ? "SIGN_IN_PROVIDERS" : file?.trim() ? "SIGN_IN_PROVIDERS_FILE" : null;
  if (!setting) return [];
  let text = inline ?? "";
  if (setting === "SIGN_IN_PROVIDERS_FILE") {
    try {
      text = readFileSync(file!.trim(), "utf8");
    } catch (error) {
      throw fail([`  SIGN_IN_PROVIDERS_FILE: cannot read ${file!.trim()} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail([`  ${setting}: is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = SignInProvidersSettings.safeParse(json);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((issue) => `  ${setting}${issue.path.map((part) => `[${JSON.stringify(part)}]`).join("")}: ${issue.message}`));
  }
  return parsed.data;
}

/**
 * The demo network's sign-ins, an administrator's among them, are printed in the README. A configured
 * administrator, or a server listening beyond this machine, says this is a real installation: then no demo
 * unless KNOOPPUNT_DEMO=1 asks for it.
 */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const looksLikeTrial = (e: { KNOOPPUNT_ADMIN_EMAIL?: string; HOST: string }) =>
  !e.KNOOPPUNT_ADMIN_EMAIL && (LOOPBACK_HOSTS.has(e.HOST) || e.HOST.startsWith("127."));

export function loadConfig(env: NodeJS.ProcessEnv, argv: string[] = []): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Knooppunt cannot start; fix these settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const signInProviders = signInProvidersFrom(e.SIGN_IN_PROVIDERS, e.SIGN_IN_PROVIDERS_FILE);
  const publicUrl = e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, "") : null;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    publicUrl,
    admin: e.KNOOPPUNT_ADMIN_EMAIL && e.KNOOPPUNT_ADMIN_PASSWORD ? { email: e.KNOOPPUNT_ADMIN_EMAIL.toLowerCase(), password: e.KNOOPPUNT_ADMIN_PASSWORD } : null,
    demo: argv.includes("--no-demo") ? false : (e.KNOOPPUNT_DEMO ?? looksLikeTrial(e)),
    trustProxy: e.TRUST_PROXY,
    webhookAllowHosts: e.WEBHOOK_ALLOW_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    offerKeyDays: e.OFFER_KEY_DAYS,
    retention: { sessionDays: e.RETENTION_SESSION_DAYS, apiTokenDays: e.RETENTION_API_TOKEN_DAYS, deliveryLogDays: e.RETENTION_DELIVERY_LOG_DAYS },
    signInProviders,
    pageFetchAllowHosts: e.PAGE_FETCH_ALLOW_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
    importReadPages: e.IMPORT_READ_PAGES,
    embedAllowOrigins: e.EMBED_ALLOW_ORIGINS,
    sqliteMemory: { cacheMb: e.SQLITE_CACHE_MB, mmapMb: e.SQLITE_MMAP_MB },
    searchRankCap: e.SEARCH_RANK_CAP,
  };
}

/** Where people reach this installation: PUBLIC_URL, else the configured address (for commands that do not listen). */
export const configuredPublicUrl = (config: Pick<ServerConfig, "publicUrl" | "host" | "port">) =>
  config.publicUrl ?? `http://${hostForUrl(config.host)}:${config.port}`;

/** A host as it stands in a URL: an IPv6 address in brackets. */
export const hostForUrl = (host: string) => (host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
