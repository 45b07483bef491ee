import type Database from "better-sqlite3";
import type { Db } from "../db/client";

/** What every service needs: the database and a clock (tests move time instead of sleeping). */
export interface ServiceContext {
  db: Db;
  sqlite: Database.Database;
  now: () => Date;
}

export const isoNow = (ctx: ServiceContext) => ctx.now().toISOString();
