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

// ---------------------------------------------------------------------------------------------------
// Organisations for sign-in with the school account (administrators only, except BRIN codes)

/** Four characters (two digits, two letters), with two digits more for one location of a school. */
export const BrinCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d\d[A-Z]{2}(\d\d)?$/, "A BRIN code is two digits and two letters, optionally with a two-digit location (12AB or 12AB01).");
/** A Microsoft Entra tenant id: a GUID, stored lower-case as Entra writes it in `tid`. */
export const EntraTenant = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "An Entra tenant id is a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
/** A domain name as Google (`hd`) and SURFconext (`schac_home_organization`) name an organisation. */
export const OrganisationDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "A domain name such as school.nl.");

/** A list of codes, each once, in the order given. */
const codeList = <T extends z.ZodType<string>>(code: T) =>
  z
    .array(code)
    .max(50)
    .transform((codes) => [...new Set(codes as string[])]);

export const BrinCodes = codeList(BrinCode);
export const EntraTenants = codeList(EntraTenant);
export const OrganisationDomains = codeList(OrganisationDomain);

/** A school as administrators see it: with what places people there at sign-in. */
export const AdminSchool = School.extend({
  bestuurId: z.string().nullable(),
  brinCodes: z.array(z.string()),
  entraTenants: z.array(z.string()),
  googleDomains: z.array(z.string()),
});
export type AdminSchool = z.infer<typeof AdminSchool>;
export const AdminSchoolResponse = z.object({ school: AdminSchool });
export const AdminSchoolsResponse = z.object({ schools: z.array(AdminSchool) });

export const AdminCreateSchoolRequest = CreateSchoolRequest.extend({
  brinCodes: BrinCodes.optional(),
  entraTenants: EntraTenants.optional(),
  googleDomains: OrganisationDomains.optional(),
});
export type AdminCreateSchoolRequest = z.infer<typeof AdminCreateSchoolRequest>;

/** Only the fields sent change; null clears region and bestuur. */
export const UpdateSchoolRequest = z.object({
  name: trimmed(200).min(1).optional(),
  sector: SchoolSector.optional(),
  region: trimmed(200).min(1).nullable().optional(),
  bestuur: trimmed(200).min(1).nullable().optional(),
  brinCodes: BrinCodes.optional(),
  entraTenants: EntraTenants.optional(),
  googleDomains: OrganisationDomains.optional(),
});
export type UpdateSchoolRequest = z.infer<typeof UpdateSchoolRequest>;

export const Bestuur = z.object({
  id: z.string(),
  name: z.string(),
  entraTenants: z.array(z.string()),
  googleDomains: z.array(z.string()),
  schoolCount: z.number().int(),
});
export type Bestuur = z.infer<typeof Bestuur>;
export const BestuurResponse = z.object({ bestuur: Bestuur });
export const BesturenResponse = z.object({ besturen: z.array(Bestuur) });
export const CreateBestuurRequest = z.object({
  name: trimmed(200).min(1),
  entraTenants: EntraTenants.optional(),
  googleDomains: OrganisationDomains.optional(),
});
export type CreateBestuurRequest = z.infer<typeof CreateBestuurRequest>;
export const UpdateBestuurRequest = CreateBestuurRequest.partial();
export type UpdateBestuurRequest = z.infer<typeof UpdateBestuurRequest>;

export const AdminInstitute = Institute.extend({ domains: z.array(z.string()) });
export type AdminInstitute = z.infer<typeof AdminInstitute>;
export const AdminInstituteResponse = z.object({ institute: AdminInstitute });
export const AdminInstitutesResponse = z.object({ institutes: z.array(AdminInstitute) });
export const AdminCreateInstituteRequest = CreateInstituteRequest.extend({ domains: OrganisationDomains.optional() });
export type AdminCreateInstituteRequest = z.infer<typeof AdminCreateInstituteRequest>;
export const UpdateInstituteRequest = AdminCreateInstituteRequest.partial();
export type UpdateInstituteRequest = z.infer<typeof UpdateInstituteRequest>;

/** Who belongs to an organisation, for the administration pages and API. */
export const AdminMember = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable(), role: z.string() });
export type AdminMember = z.infer<typeof AdminMember>;
export const AdminMembersResponse = z.object({ members: z.array(AdminMember) });
