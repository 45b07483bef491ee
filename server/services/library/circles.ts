import type { Visibility } from "../../../shared/schemas";
import { forbidden, invalid } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";

export interface Circle {
  visibility: Visibility;
  schoolId: string | null;
  communityId: string | null;
}

/**
 * Works out where a save lives. The school defaults to the person's only school; sharing into a school
 * or community needs membership of it.
 */
export function resolveCircle(
  viewer: SignedInViewer,
  requested: { visibility?: Visibility; schoolId?: string | null; communityId?: string | null },
  current?: Circle,
): Circle {
  const visibility = requested.visibility ?? current?.visibility ?? "private";
  let schoolId = requested.schoolId !== undefined ? requested.schoolId : (current?.schoolId ?? null);
  let communityId = requested.communityId !== undefined ? requested.communityId : (current?.communityId ?? null);
  const mySchool = (id: string) => viewer.schools.some((s) => s.id === id);
  const myCommunity = (id: string) => viewer.communities.some((c) => c.id === id);
  // A circle kept from before may no longer be the person's (they left that school): editing the note
  // must still work, so only a circle named or chosen now is checked. Choosing "school" again without
  // naming one starts from their schools of today, not from the one they left.
  const choosingSchool = requested.schoolId !== undefined || requested.visibility === "school";
  const choosingCommunity = requested.communityId !== undefined || requested.visibility === "community";
  if (choosingSchool && requested.schoolId === undefined && schoolId !== null && !mySchool(schoolId)) schoolId = null;
  if (choosingCommunity && requested.communityId === undefined && communityId !== null && !myCommunity(communityId)) communityId = null;
  if (schoolId === null && viewer.schools.length === 1) schoolId = viewer.schools[0]!.id;
  if (choosingSchool && schoolId !== null && !mySchool(schoolId)) {
    throw forbidden("not_a_member", "You can only share into a school you belong to.");
  }
  if (choosingCommunity && communityId !== null && !myCommunity(communityId)) {
    throw forbidden("not_a_member", "You can only share into a community you belong to.");
  }
  if (visibility === "school" && schoolId === null) {
    throw invalid("school_required", "Choose the school to share with (schoolId).", [{ path: ["schoolId"], message: "required for visibility 'school'" }]);
  }
  if (visibility === "community" && communityId === null) {
    throw invalid("community_required", "Choose the community to share with (communityId).", [{ path: ["communityId"], message: "required for visibility 'community'" }]);
  }
  return { visibility, schoolId, communityId };
}
