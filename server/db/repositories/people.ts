/**
 * Finding people for administrators: by part of their name or e-mail address, a page at a time, in name
 * order. The placeholder for deleted colleagues is nobody and never appears.
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../core/context";
import type { UserRow } from "./accounts";
import { FORMER_COLLEAGUE } from "./personal-data/deletion";
import { queryAll } from "../statements";

/** `%` and `_` typed by an administrator are letters, not wildcards. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface PersonRowRaw {
  id: string;
  name: string;
  email: string | null;
  passwordHash: string | null;
  displayName: string | null;
  roles: string;
  disabled: number;
  createdAt: string;
  updatedAt: string;
}

/** People whose name or e-mail contains `q`, after the position (name, id), `limit` of them. */
export function peopleMatching(ctx: ServiceContext, q: string | undefined, after: { name: string; id: string } | null, limit: number): UserRow[] {
  const match = q ? sql`AND (lower(u.name) LIKE ${likePattern(q)} ESCAPE '\\' OR u.email LIKE ${likePattern(q)} ESCAPE '\\')` : sql``;
  const from = after ? sql`AND (u.name > ${after.name} OR (u.name = ${after.name} AND u.id > ${after.id}))` : sql``;
  return queryAll<PersonRowRaw>(
    ctx,
    sql`SELECT u.id AS id, u.name AS name, u.email AS email, u.password_hash AS passwordHash, u.display_name AS displayName,
          u.roles AS roles, u.disabled AS disabled, u.created_at AS createdAt, u.updated_at AS updatedAt
        FROM users u WHERE u.id <> ${FORMER_COLLEAGUE.id} ${match} ${from} ORDER BY u.name, u.id LIMIT ${limit}`,
  ).map((row) => ({ ...row, roles: JSON.parse(row.roles) as UserRow["roles"], disabled: Boolean(row.disabled) }));
}
