/** Schools, teacher-education institutes, communities and who belongs to them (API.md "Administration"). */
import { z } from "zod";
import { CommunityKind, CommunityRole, SchoolRole, SchoolSector, trimmed } from "./common";

export const School = z.object({
  id: z.string(),
  name: z.string(),
  sector: SchoolSector,
  region: z.string().nullable(),
  bestuur: z.string().nullable(),
});
export type School = z.infer<typeof School>;

export const CreateSchoolRequest = z.object({
  name: trimmed(200).min(1),
  sector: SchoolSector,
  region: trimmed(200).min(1).optional(),
  bestuur: trimmed(200).min(1).optional(),
});
export const SchoolResponse = z.object({ school: School });
export const SchoolsResponse = z.object({ schools: z.array(School) });

export const INSTITUTE_KINDS = ["pabo", "lerarenopleiding", "universiteit"] as const;
export const InstituteKind = z.enum(INSTITUTE_KINDS);

export const Institute = z.object({ id: z.string(), name: z.string(), kind: InstituteKind });
export const CreateInstituteRequest = z.object({ name: trimmed(200).min(1), kind: InstituteKind });
export const InstituteResponse = z.object({ institute: Institute });
export const InstitutesResponse = z.object({ institutes: z.array(Institute) });

export const Community = z.object({
  id: z.string(),
  name: z.string(),
  kind: CommunityKind,
  description: z.string().nullable(),
  open: z.boolean(),
  memberCount: z.number().int(),
  myRole: CommunityRole.nullable(),
});
export type Community = z.infer<typeof Community>;

export const CreateCommunityRequest = z.object({
  name: trimmed(200).min(1),
  kind: CommunityKind,
  description: trimmed(2000).optional(),
  open: z.boolean().optional(),
});
export const CommunityResponse = z.object({ community: Community });
export const CommunitiesResponse = z.object({ communities: z.array(Community) });

export const SchoolMembershipRequest = z.object({ role: SchoolRole });
export const InstituteMembershipRequest = z.object({ role: SchoolRole });
export const CommunityMembershipRequest = z.object({ role: CommunityRole });
export const MembershipResponse = z.object({
  membership: z.object({ userId: z.string(), role: z.string() }),
});
