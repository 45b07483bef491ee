import type Database from "better-sqlite3";
import type { Db } from "../db/client";
import type { Links } from "./links";
import { DEFAULT_PASSWORD_COST } from "./passwords";

/**
 * What every service needs, fixed when the context is made: the database, a clock (tests move time
 * instead of sleeping), the links the product prints, and where to tell that webhook deliveries were
 * written. Nothing changes it afterwards; a command without a running worker gets an outbox that tells
 * nobody.
 */
export interface ServiceContext {
  readonly db: Db;
  readonly sqlite: Database.Database;
  readonly now: () => Date;
  readonly links: Links;
  readonly outbox: OutboxSignal;
  /** Hosts that webhooks may reach although they are private (WEBHOOK_ALLOW_HOSTS). */
  readonly webhookAllowHosts: readonly string[];
  /** scrypt's N as a power of two for new password hashes (core/passwords.ts); lowered only by callers that ask. */
  readonly passwordCost: number;
  /** How long an offer's key opens its bundle version after it was issued (OFFER_KEY_DAYS). */
  readonly offerKeyDays: number;
  /** How many of the newest matching saves a relevance search ranks at most (SEARCH_RANK_CAP; db/repositories/library/search.ts). */
  readonly searchRankCap: number;
  /** Whether an import may read its links' pages afterwards (IMPORT_READ_PAGES; services/imports/page-reader.ts). */
  readonly importReadsPages: boolean;
}

/**
 * Services that write webhook deliveries inside a change call `written()`; the worker, when one runs,
 * listens and sends them after the commit. Written as a tiny observer rather than a field the server
 * sets once the worker exists, so the context never has to be changed after it is made.
 */
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  /** Deliveries were written in the current transaction; listeners run after it has returned. */
  written() {
    if (this.listeners.size) setTimeout(() => this.listeners.forEach((listener) => listener()), 0);
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface ContextOptions {
  db: Db;
  sqlite: Database.Database;
  links: Links;
  now?: () => Date;
  webhookAllowHosts?: readonly string[];
  passwordCost?: number;
  offerKeyDays?: number;
  searchRankCap?: number;
  importReadsPages?: boolean;
}

export const createServiceContext = (options: ContextOptions): ServiceContext => ({
  db: options.db,
  sqlite: options.sqlite,
  now: options.now ?? (() => new Date()),
  links: options.links,
  outbox: new OutboxSignal(),
  webhookAllowHosts: options.webhookAllowHosts ?? [],
  passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
  offerKeyDays: options.offerKeyDays ?? DEFAULT_OFFER_KEY_DAYS,
  searchRankCap: options.searchRankCap ?? DEFAULT_SEARCH_RANK_CAP,
  importReadsPages: options.importReadsPages ?? false,
});

/** A school year and a bit of slack: a key passed around in September still opens in the summer. */
export const DEFAULT_OFFER_KEY_DAYS = 365;

/** Enough for pages of results no one reads to the end, few enough to rank in milliseconds (measured in library.bench.ts). */
export const DEFAULT_SEARCH_RANK_CAP = 2000;

export const isoNow = (ctx: ServiceContext) => ctx.now().toISOString();
