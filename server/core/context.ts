import type Database from "better-sqlite3";
import type { Db } from "../db/client";

/** What every service needs: the database and a clock (tests move time instead of sleeping). */
export interface ServiceContext {
  db: Db;
  sqlite: Database.Database;
  now: () => Date;
  /**
   * Set by the server once it listens, with its webhook worker: the services that record events deep
   * inside a clip or an offer write absolute links and wake the worker through it. Without it (seeding,
   * `npm run admin`) links are relative, no private address is allow-listed, and nobody is woken.
   */
  deliveries?: Deliveries;
}

export interface Deliveries {
  publicUrl: string;
  webhookAllowHosts: string[];
  /** Tells the worker that deliveries were written. */
  wake: () => void;
}

export const isoNow = (ctx: ServiceContext) => ctx.now().toISOString();
