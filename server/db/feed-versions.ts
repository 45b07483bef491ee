/**
 * Reads the change counters that the feed_versions triggers keep current in every write transaction
 * (see the migration feed_versions and `feedVersions` in schema.ts). A feed compares them with what it
 * saw last time instead of re-running its candidate query: a revalidation is then a few primary-key
 * lookups however large the library is.
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../core/context";
import type { SaveScope } from "../core/viewer";
import { inList } from "./sqlite";
import { queryGet } from "./statements";

const ALL_CIRCLES = ["public", "network", "school", "community", "private"] as const;

/** The circles whose saves a scope reads: its owner reads their own saves in every circle. */
export function circlesRead(scope: SaveScope): string[] {
  if (scope.ownerId !== null) return [...ALL_CIRCLES];
  const circles: string[] = [...scope.open];
  if (scope.schoolIds.length) circles.push("school");
  if (scope.communityIds.length) circles.push("community");
  return circles;
}

/** The counters of items carrying one of these themes, as readers of these circles see them. */
export const themeScopes = (themes: readonly string[], circles: readonly string[]) =>
  themes.flatMap((theme) => circles.map((circle) => `theme:${theme}:${circle}`));

export const bundleScopes = (audiences: readonly string[]) => audiences.map((audience) => `bundles:${audience}`);

export const TAXONOMY_SCOPE = "taxonomy";

/**
 * One string that changes whenever any of the counters does. Counters only grow and a scope never bumped
 * counts as 0, so over the same set of scopes the sum is enough.
 */
export function versionState(ctx: ServiceContext, scopes: readonly string[]): string {
  if (!scopes.length) return "0";
  const row = queryGet<{ total: number }>(ctx, sql`SELECT total(version) AS total FROM feed_versions WHERE scope IN ${inList(scopes)}`);
  return String(row?.total ?? 0);
}
