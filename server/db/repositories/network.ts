/** The network's data as a whole: whether anything has been built on this database yet. */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../core/context";
import { queryGet } from "../statements";

/** A school or an item exists: people have set up or clipped something here. */
export const networkHasData = (ctx: ServiceContext) =>
  queryGet(ctx, sql`SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM schools) OR EXISTS (SELECT 1 FROM items)`) !== undefined;
