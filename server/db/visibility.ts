import { sql, type SQL } from "drizzle-orm";
import type { SaveScope } from "../core/viewer";

/**
 * The visibility scope (decided in services/access/visibility.ts) as SQL fragments that every read's
 * WHERE clause is built from. `alias` names the saves (or items) table in the surrounding query.
 */
export function visibleSave(scope: SaveScope, alias = "s"): SQL {
  const s = sql.raw(alias);
  const parts: SQL[] = [];
  if (scope.ownerId !== null) parts.push(sql`${s}.user_id = ${scope.ownerId}`);
  // The open circles come from a fixed list: written as literals, the statement text is the same for
  // every viewer of a kind and the planner sees the constant (as it did when this rule was hand-written).
  parts.push(sql.raw(scope.open.length === 1 ? `${alias}.visibility = '${scope.open[0]}'` : `${alias}.visibility IN (${scope.open.map((c) => `'${c}'`).join(", ")})`));
  if (scope.schoolIds.length) parts.push(sql`(${s}.visibility = 'school' AND ${s}.school_id IN ${scope.schoolIds})`);
  if (scope.communityIds.length) parts.push(sql`(${s}.visibility = 'community' AND ${s}.community_id IN ${scope.communityIds})`);
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` OR `)})`;
}

/** An item is visible when one of its saves is. */
export function visibleItem(scope: SaveScope, itemAlias = "i"): SQL {
  const i = sql.raw(itemAlias);
  return sql`EXISTS (SELECT 1 FROM saves vs WHERE vs.item_seq = ${i}.seq AND ${visibleSave(scope, "vs")})`;
}

/**
 * Which of an item's visible saves speaks for it (title, excerpt, URL, … — every page fact a viewer is
 * shown), as an ORDER BY over saves `alias`: the viewer's own save first, else the most widely shared
 * one (public, then network, then school or community, then private), then the earliest, then the
 * lowest seq. Only ever applied to saves that `visibleSave` lets through.
 */
export function factsSaveOrder(scope: SaveScope, alias = "s"): SQL {
  const s = sql.raw(alias);
  const circle = sql.raw(
    `CASE ${alias}.visibility WHEN 'public' THEN 0 WHEN 'network' THEN 1 WHEN 'school' THEN 2 WHEN 'community' THEN 2 ELSE 3 END`,
  );
  const rest = sql`${circle}, ${s}.created_at, ${s}.seq`;
  return scope.ownerId === null ? rest : sql`(${s}.user_id = ${scope.ownerId}) DESC, ${rest}`;
}
