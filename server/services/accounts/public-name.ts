/**
 * The one place that decides how a person is named to others: on a note, as "bewaard door", as a
 * bundle's curator, as the broker of an offer, in feeds and webhook cards. A name the person chose is
 * used everywhere; otherwise colleagues in the network see the full name, and public readers only the
 * first name with the school ("Anna (De Regenboog)"), never the full name.
 */
import { namedPeople, type NamedPerson } from "../../db/repositories/accounts";
import { FORMER_COLLEAGUE } from "../../db/repositories/personal-data/deletion";
import type { ServiceContext } from "../../core/context";
import type { Viewer } from "../../core/viewer";

/** "colleagues": signed-in people of the network; "public": anyone, anonymous readers included. */
export type NameAudience = "colleagues" | "public";

export function nameFor(person: NamedPerson | undefined, audience: NameAudience): string {
  if (!person || person.id === FORMER_COLLEAGUE.id) return FORMER_COLLEAGUE.name;
  if (person.displayName) return person.displayName;
  if (audience === "colleagues") return person.name;
  const first = person.name.trim().split(/\s+/)[0] ?? person.name;
  return person.school ? `${first} (${person.school})` : first;
}

/** The names of these people for one audience, in one query. */
export function publicNames(ctx: ServiceContext, ids: readonly string[], audience: NameAudience): Map<string, string> {
  const people = new Map(namedPeople(ctx, ids).map((p) => [p.id, p]));
  return new Map(ids.map((id) => [id, nameFor(people.get(id), audience)]));
}

export const publicName = (ctx: ServiceContext, id: string, audience: NameAudience) => publicNames(ctx, [id], audience).get(id)!;

/**
 * Savers' names under their notes, for a whole page of items in one query: public circles and readers
 * without an account get the public form.
 */
export function saverNames(ctx: ServiceContext, viewer: Viewer, saves: readonly { userId: string }[]) {
  const people = new Map(namedPeople(ctx, [...new Set(saves.map((s) => s.userId))]).map((p) => [p.id, p]));
  return (save: { userId: string; visibility: string }) =>
    nameFor(people.get(save.userId), viewer.kind === "user" && save.visibility !== "public" ? "colleagues" : "public");
}

/** People listed with a name (a bundle's curators, also in published snapshots) renamed for an audience. */
export function renamed<T extends { id: string; name: string }>(ctx: ServiceContext, people: readonly T[], audience: NameAudience): T[] {
  if (people.length === 0) return [];
  const names = publicNames(ctx, people.map((p) => p.id), audience);
  return people.map((p) => ({ ...p, name: names.get(p.id)! }));
}
