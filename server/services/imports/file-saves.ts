/**
 * Knooppunt's own export carries each save's circle and themes: an import of it keeps them instead of
 * giving every link one circle, so a person who moves to another installation finds their library as it
 * was. Ids differ between installations, so a school or community is found by its id first, then by its
 * name among the importer's own. A circle that cannot be found here (an unknown school or community, or
 * one the person is not in) falls back to the import's circle, the smallest unless they choose wider:
 * never a circle they did not have. The review counts both.
 */
import type { ImportJob } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { FileSave } from "../../db/repositories/imports/jobs";
import { membershipsOf } from "../accounts/accounts";
import { themeIndex } from "../taxonomy/theme-index";
import type { OwnSaveFacts } from "./formats";

type FromFile = NonNullable<ImportJob["review"]["fromFile"]>;

/** Matches the file's circles and themes to this server for one person, and tallies them for the review. */
export function fileSaveMatcher(ctx: ServiceContext, userId: string) {
  const { schools, communities } = membershipsOf(ctx, userId);
  const taxonomy = themeIndex(ctx);
  const unknownThemes = new Set<string>();
  const circles = new Map<string, FromFile["circles"][number]>();
  let links = 0;
  let unknownCircles = 0;

  const find = <T extends { id: string; name: string }>(mine: T[], id: string | null, name: string | null): T | null => {
    const byId = id ? mine.find((m) => m.id === id) : undefined;
    if (byId) return byId;
    const named = name ? mine.filter((m) => m.name === name) : [];
    return named.length === 1 ? named[0]! : null;
  };

  function circleOf(circle: NonNullable<OwnSaveFacts["circle"]>): FileSave["circle"] {
    const school = find(schools, circle.schoolId, circle.schoolName);
    if (circle.visibility === "school" && !school) return null;
    if (circle.visibility === "community") {
      const community = find(communities, circle.communityId, circle.communityName);
      return community ? { visibility: "community", schoolId: school?.id ?? null, communityId: community.id } : null;
    }
    return { visibility: circle.visibility, schoolId: school?.id ?? null, communityId: null };
  }

  return {
    /** What one link keeps from the file; null for links of formats that carry nothing of the kind. */
    match(own: OwnSaveFacts | undefined): FileSave | null {
      if (!own) return null;
      links++;
      const themes = own.themes.filter((slug) => {
        if (taxonomy.bySlug.has(slug)) return true;
        unknownThemes.add(slug);
        return false;
      });
      const circle = own.circle ? circleOf(own.circle) : null;
      if (own.circle && !circle) unknownCircles++;
      if (circle) {
        const schoolName = schools.find((s) => s.id === circle.schoolId)?.name ?? null;
        const communityName = communities.find((c) => c.id === circle.communityId)?.name ?? null;
        // Private, network and public circles are the person's own whichever school they are in: counted by visibility alone.
        const shown = { visibility: circle.visibility, schoolName: circle.visibility === "school" || circle.visibility === "community" ? schoolName : null, communityName };
        const key = JSON.stringify(shown);
        const known = circles.get(key);
        if (known) known.links++;
        else circles.set(key, { ...shown, links: 1 });
      }
      return { themes, circle };
    },
    /** For the review: absent when the file carried no circles or themes of its own. */
    summary(): FromFile | undefined {
      if (links === 0) return undefined;
      return { links, circles: [...circles.values()], unknownCircles, unknownThemes: [...unknownThemes].sort() };
    },
  };
}
