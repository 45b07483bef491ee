import { sql } from "drizzle-orm";
import type { ServiceContext } from "../core/context";
import { queryGet } from "./statements";

/** Whether the database answers a query at all: what /healthz reports to whoever watches the server. */
export const databaseAnswers = (ctx: ServiceContext): boolean => queryGet<{ one: number }>(ctx, sql`SELECT 1 AS one`)?.one === 1;
