import { networkHasData } from "../db/repositories/organisations";
import type { ServiceContext } from "../core/context";
import type { SignedInViewer } from "../core/viewer";
import { createUser, findUserByEmail, signedInViewer } from "../services/accounts/accounts";
import { saveItem, setOutcome } from "../services/library/saves";
import { createCommunity, createSchool, setCommunityMember, setSchoolMember } from "../services/accounts/organisations";
import { DEMO_BESTUUR, DEMO_COMMUNITY, DEMO_EXTRA_SAVES, DEMO_ITEMS, DEMO_PEOPLE, DEMO_SCHOOLS, demoItemRequest } from "./demo-data";

export interface DemoSummary {
  created: boolean;
  people: { key: string; name: string; email: string; password: string; roleLabel: string }[];
}

const ROLE_LABELS: Record<string, string> = {
  teacher: "leraar / teacher",
  broker: "kennismakelaar / broker",
  coordinator: "schoolcoördinator / school coordinator",
  admin: "beheerder / administrator",
};

/**
 * Seeds a small demo network on an empty database, through the same services the API uses, so search
 * and visibility behave exactly as for real clips. A database that already has schools or items is left
 * alone.
 */
export async function seedDemo(ctx: ServiceContext): Promise<DemoSummary> {
  const people = DEMO_PEOPLE.map((p) => ({ key: p.key, name: p.name, email: p.email, password: p.password, roleLabel: ROLE_LABELS[p.key]! }));
  if (networkHasData(ctx)) {
    // Print only the demo sign-ins that still exist.
    return { created: false, people: people.filter((p) => findUserByEmail(ctx, p.email)) };
  }

  const schoolIds = new Map<string, string>();
  for (const school of DEMO_SCHOOLS) {
    schoolIds.set(school.key, createSchool(ctx, { name: school.name, sector: school.sector, region: school.region, bestuur: DEMO_BESTUUR }).id);
  }
  const community = createCommunity(ctx, {
    name: DEMO_COMMUNITY.name,
    kind: DEMO_COMMUNITY.kind,
    description: DEMO_COMMUNITY.description,
    open: DEMO_COMMUNITY.open,
  });

  const viewers = new Map<string, SignedInViewer>();
  for (const person of DEMO_PEOPLE) {
    const user = findUserByEmail(ctx, person.email) ?? (await createUser(ctx, { name: person.name, email: person.email, password: person.password, roles: [...person.roles] }));
    for (const membership of person.schools) setSchoolMember(ctx, schoolIds.get(membership.school)!, user.id, membership.role);
    for (const membership of person.communities) setCommunityMember(ctx, community.id, user.id, membership.role);
    viewers.set(person.key, signedInViewer(ctx, user, "seed"));
  }

  // Spread the clips over the past weeks so "recent" reads like a living library.
  const base = ctx.now().getTime();
  const at = (hoursAgo: number): ServiceContext => ({ ...ctx, now: () => new Date(base - hoursAgo * 3_600_000) });
  DEMO_ITEMS.forEach((item, index) => {
    const viewer = viewers.get(item.savedBy)!;
      const saved = saveItem(at((DEMO_ITEMS.length - index) * 7), viewer, {
        ...demoItemRequest(item),
        communityId: item.communityKey ? community.id : null,
        schoolId: item.schoolKey ? schoolIds.get(item.schoolKey)! : undefined,
      });
      if (item.outcome) setOutcome(at((DEMO_ITEMS.length - index) * 7 - 2), viewer, saved.item.id, item.outcome);
    });
  for (const extra of DEMO_EXTRA_SAVES) {
      saveItem(at(1), viewers.get(extra.savedBy)!, {
        url: extra.itemUrl,
        note: extra.note,
        themes: extra.themes,
        visibility: extra.visibility,
        communityId: extra.visibility === "community" ? community.id : null,
      });
  }
  return { created: true, people };
}
