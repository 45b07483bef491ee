/**
 * People as administrators see them: found by name or e-mail address, with whether they have a password,
 * the school accounts they sign in with (never the subject, which identifies them at the provider) and
 * where they belong.
 */
import type { AdminUserDetails } from "../../../shared/schemas";
import { userById, type UserRow } from "../../db/repositories/accounts";
import { identitiesOf } from "../../db/repositories/sign-in/identities";
import { communitiesOf, institutesOf, schoolsOf } from "../../db/repositories/memberships";
import { decodeCursor, pageOf } from "../../db/paging";
import { peopleMatching } from "../../db/repositories/people";
import { FORMER_COLLEAGUE } from "../../db/repositories/personal-data/deletion";
import type { ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import { adminUser } from "./accounts";

export function adminUserDetails(ctx: ServiceContext, row: UserRow): AdminUserDetails {
  return {
    ...adminUser(row),
    hasPassword: row.passwordHash !== null,
    identities: identitiesOf(ctx, row.id).map((i) => ({ provider: i.provider, email: i.email, organisation: i.organisation, lastUsedAt: i.lastUsedAt })),
  };
}

export function searchPeople(ctx: ServiceContext, query: { q?: string; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor, (v) => (typeof v.name === "string" && typeof v.id === "string" ? { name: v.name, id: v.id } : null));
  const { page, nextCursor } = pageOf(peopleMatching(ctx, query.q || undefined, after, limit + 1), limit, (row) => ({ name: row.name, id: row.id }));
  return { users: page.map((row) => adminUserDetails(ctx, row)), nextCursor };
}

/** One person, who must exist (the placeholder for deleted colleagues is nobody). */
export function getPerson(ctx: ServiceContext, id: string) {
  const row = userById(ctx, id);
  if (!row || row.id === FORMER_COLLEAGUE.id) throw notFound("user");
  return row;
}

export const personMemberships = (ctx: ServiceContext, userId: string) => ({
  schools: schoolsOf(ctx, userId),
  institutes: institutesOf(ctx, userId),
  communities: communitiesOf(ctx, userId),
});
