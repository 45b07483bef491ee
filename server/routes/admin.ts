import { Hono } from "hono";
import { z } from "zod";
import {
  AdminCreateInstituteRequest,
  AdminCreateSchoolRequest,
  AdminInstituteResponse,
  AdminInstitutesResponse,
  AdminMembersResponse,
  AdminSchoolResponse,
  AdminSchoolsResponse,
  AdminUserDetailsResponse,
  AdminUserMemberships,
  AdminUsersQuery,
  AdminUsersResponse,
  BestuurResponse,
  BesturenResponse,
  CreateBestuurRequest,
  UpdateBestuurRequest,
  UpdateInstituteRequest,
  UpdateSchoolRequest,
  AdminDeleteUserRequest,
  AuditLogResponse,
  DeletionResponse,
  PageQuery,
  CommunityMembershipRequest,
  CommunityResponse,
  CreateCommunityRequest,
  CreateUserRequest,
  Id,
  InstituteMembershipRequest,
  MembershipResponse,
  SchoolMembershipRequest,
  UpdateUserRequest,
} from "../../shared/schemas";
import { audited } from "../http/audit";
import { requireAdmin } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { createUser, updateUser } from "../services/accounts/accounts";
import { adminUserDetails, getPerson, personMemberships, searchPeople } from "../services/accounts/people";
import {
  adminInstitutes,
  adminSchool,
  adminSchools,
  createBestuur,
  listBesturen,
  membersOfOrganisation,
  updateBestuur,
  updateInstitute,
  updateSchool,
  createCommunity,
  createInstitute,
  createSchool,
  removeCommunityMember,
  removeInstituteMember,
  removeSchoolMember,
  setCommunityMember,
  setInstituteMember,
  setSchoolMember,
} from "../services/accounts/organisations";
import { auditLogPage } from "../services/privacy/audit-log";
import { deleteAccount } from "../services/privacy/deletion";
import { HandOverChoices, HandOverPreviewQuery, HandOverPreviewResponse, HandOverResponse } from "../../shared/schemas";
import { disableWithHandOver, handOverPreview } from "../services/privacy/hand-over";

const tag = "administration";
const IdParam = z.object({ id: Id });
const MemberParam = z.object({ id: Id, userId: Id });

export const adminRoutes = new Hono<AppEnv>()
  .get(
    "/admin/audit-log",
    doc({ tag, summary: "What administrators did (API and admin command), newest first; people by id only", responses: { 200: { description: "Entries", schema: AuditLogResponse } } }),
    requireAdmin,
    valid("query", PageQuery),
    (c) => c.json(auditLogPage(c.var.ctx, c.req.valid("query"))),
  )
  .delete(
    "/admin/users/:id",
    doc({
      tag,
      summary: "Delete an account and its personal data; shared work is handed over (default) or removed, bundles nobody else curates go to `handOverTo` or to 'oud-collega'",
      responses: { 200: { description: "Deleted, with counts", schema: DeletionResponse }, 409: { description: "`last_admin`: the last administrator who can sign in is not deleted" } },
    }),
    requireAdmin,
    valid("param", IdParam),
    valid("json", AdminDeleteUserRequest),
    (c) => {
      const { sharedWork, handOverTo, communityOwners } = c.req.valid("json");
      const deleted = deleteAccount(c.var.ctx, c.req.valid("param").id, { sharedWork: sharedWork ?? "handOver", handOverTo, communityOwners }, { kind: "admin", userId: c.var.viewer.user.id });
      return c.json({ deleted });
    },
  )
  .post(
    "/admin/users",
    doc({ tag, summary: "Create a password account (e-mail and password required); the answer says whether it has a password and which school accounts it signs in with", responses: { 201: { description: "Created", schema: AdminUserDetailsResponse }, 409: { description: "E-mail taken" } } }),
    requireAdmin,
    audited("user.create", "user"),
    idempotent,
    valid("json", CreateUserRequest),
    async (c) => c.json({ user: adminUserDetails(c.var.ctx, await createUser(c.var.ctx, c.req.valid("json"))) }, 201),
  )
  .patch(
    "/admin/users/:id",
    doc({ tag, summary: "Change, disable or grant roles to an account; works for people without an e-mail address (school accounts), no field is required", responses: { 200: { description: "Updated", schema: AdminUserDetailsResponse } } }),
    requireAdmin,
    audited("user.update", "user"),
    valid("param", IdParam),
    valid("json", UpdateUserRequest),
    async (c) => c.json({ user: adminUserDetails(c.var.ctx, await updateUser(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))) }),
  )
  .post(
    "/admin/schools",
    doc({
      tag,
      summary: "Create a school; optionally with the BRIN codes (Entree), Entra tenant ids and Google domains that place people in it at sign-in",
      responses: { 201: { description: "Created", schema: AdminSchoolResponse }, 409: { description: "`brin_code_taken`, `entra_tenant_taken`, `google_domain_taken`: another school or bestuur holds it" } },
    }),
    requireAdmin,
    audited("school.create", "school"),
    idempotent,
    valid("json", AdminCreateSchoolRequest),
    (c) => c.json({ school: createSchool(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .post(
    "/admin/institutes",
    doc({
      tag,
      summary: "Create a teacher-education institute; optionally with its domains as SURFconext names them (schac_home_organization)",
      responses: { 201: { description: "Created", schema: AdminInstituteResponse }, 409: { description: "`institute_domain_taken`: another institute holds the domain" } },
    }),
    requireAdmin,
    audited("institute.create", "institute"),
    idempotent,
    valid("json", AdminCreateInstituteRequest),
    (c) => c.json({ institute: createInstitute(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .put(
    "/admin/institutes/:id/members/:userId",
    doc({ tag, summary: "Add a person to an institute or change their role", responses: { 200: { description: "Member", schema: MembershipResponse } } }),
    requireAdmin,
    audited("institute.member.set", "institute"),
    valid("param", MemberParam),
    valid("json", InstituteMembershipRequest),
    (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json({ membership: setInstituteMember(c.var.ctx, id, userId, c.req.valid("json").role) });
    },
  )
  .delete(
    "/admin/institutes/:id/members/:userId",
    doc({ tag, summary: "Remove a person from an institute", responses: { 204: { description: "Removed" } } }),
    requireAdmin,
    audited("institute.member.remove", "institute"),
    valid("param", MemberParam),
    (c) => {
      const { id, userId } = c.req.valid("param");
      removeInstituteMember(c.var.ctx, id, userId);
      return c.body(null, 204);
    },
  )
  .post(
    "/admin/communities",
    doc({ tag, summary: "Create a community", responses: { 201: { description: "Created", schema: CommunityResponse } } }),
    requireAdmin,
    audited("community.create", "community"),
    idempotent,
    valid("json", CreateCommunityRequest),
    (c) => c.json({ community: createCommunity(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .put(
    "/admin/schools/:id/members/:userId",
    doc({ tag, summary: "Add a person to a school or change their role", responses: { 200: { description: "Member", schema: MembershipResponse } } }),
    requireAdmin,
    audited("school.member.set", "school"),
    valid("param", MemberParam),
    valid("json", SchoolMembershipRequest),
    (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json({ membership: setSchoolMember(c.var.ctx, id, userId, c.req.valid("json").role) });
    },
  )
  .delete(
    "/admin/schools/:id/members/:userId",
    doc({ tag, summary: "Remove a person from a school", responses: { 204: { description: "Removed" } } }),
    requireAdmin,
    audited("school.member.remove", "school"),
    valid("param", MemberParam),
    (c) => {
      const { id, userId } = c.req.valid("param");
      removeSchoolMember(c.var.ctx, id, userId);
      return c.body(null, 204);
    },
  )
  .put(
    "/admin/communities/:id/members/:userId",
    doc({ tag, summary: "Add a person to a community or change their role", responses: { 200: { description: "Member", schema: MembershipResponse } } }),
    requireAdmin,
    audited("community.member.set", "community"),
    valid("param", MemberParam),
    valid("json", CommunityMembershipRequest),
    (c) => {
      const { id, userId } = c.req.valid("param");
      return c.json({ membership: setCommunityMember(c.var.ctx, id, userId, c.req.valid("json").role) });
    },
  )
  .delete(
    "/admin/communities/:id/members/:userId",
    doc({ tag, summary: "Remove a person from a community", responses: { 204: { description: "Removed" } } }),
    requireAdmin,
    audited("community.member.remove", "community"),
    valid("param", MemberParam),
    (c) => {
      const { id, userId } = c.req.valid("param");
      removeCommunityMember(c.var.ctx, id, userId);
      return c.body(null, 204);
    },
  )
  .get(
    "/admin/users",
    doc({ tag, summary: "Find people by part of their name or e-mail address, by name, a page at a time", responses: { 200: { description: "People", schema: AdminUsersResponse } } }),
    requireAdmin,
    valid("query", AdminUsersQuery),
    (c) => c.json(searchPeople(c.var.ctx, c.req.valid("query"))),
  )
  .get(
    "/admin/users/:id",
    doc({
      tag,
      summary: "One person with their school accounts and where they belong",
      responses: { 200: { description: "The person", schema: AdminUserDetailsResponse.extend({ memberships: AdminUserMemberships }) } },
    }),
    requireAdmin,
    valid("param", IdParam),
    (c) => {
      const person = getPerson(c.var.ctx, c.req.valid("param").id);
      return c.json({ user: adminUserDetails(c.var.ctx, person), memberships: personMemberships(c.var.ctx, person.id) });
    },
  )
  .get(
    "/admin/schools",
    doc({ tag, summary: "Every school with its bestuur, BRIN codes, Entra tenants and Google domains", responses: { 200: { description: "Schools", schema: AdminSchoolsResponse } } }),
    requireAdmin,
    (c) => c.json({ schools: adminSchools(c.var.ctx) }),
  )
  .get(
    "/admin/schools/:id",
    doc({ tag, summary: "One school with its sign-in codes", responses: { 200: { description: "School", schema: AdminSchoolResponse } } }),
    requireAdmin,
    valid("param", IdParam),
    (c) => c.json({ school: adminSchool(c.var.ctx, c.req.valid("param").id) }),
  )
  .patch(
    "/admin/schools/:id",
    doc({
      tag,
      summary: "Change a school: name, sector, region, bestuur (by name; null: none), BRIN codes, Entra tenants, Google domains (each list replaces the old one)",
      responses: { 200: { description: "Updated", schema: AdminSchoolResponse }, 409: { description: "`brin_code_taken`, `entra_tenant_taken`, `google_domain_taken`: another school or bestuur holds it; nothing changed" } },
    }),
    requireAdmin,
    audited("school.update", "school"),
    valid("param", IdParam),
    valid("json", UpdateSchoolRequest),
    (c) => c.json({ school: updateSchool(c.var.ctx, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .get(
    "/admin/schools/:id/members",
    doc({ tag, summary: "Who belongs to a school, by name", responses: { 200: { description: "Members", schema: AdminMembersResponse } } }),
    requireAdmin,
    valid("param", IdParam),
    (c) => c.json({ members: membersOfOrganisation(c.var.ctx, "school", c.req.valid("param").id) }),
  )
  .get(
    "/admin/besturen",
    doc({ tag, summary: "Every bestuur with its Entra tenants, Google domains and number of schools", responses: { 200: { description: "Besturen", schema: BesturenResponse } } }),
    requireAdmin,
    (c) => c.json({ besturen: listBesturen(c.var.ctx) }),
  )
  .post(
    "/admin/besturen",
    doc({
      tag,
      summary: "Create a bestuur; people whose Entra tenant or Google domain it holds belong to its schools",
      responses: { 201: { description: "Created", schema: BestuurResponse }, 409: { description: "`bestuur_exists`, `entra_tenant_taken`, `google_domain_taken`" } },
    }),
    requireAdmin,
    audited("bestuur.create", "bestuur"),
    idempotent,
    valid("json", CreateBestuurRequest),
    (c) => c.json({ bestuur: createBestuur(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .patch(
    "/admin/besturen/:id",
    doc({
      tag,
      summary: "Rename a bestuur or replace its Entra tenants or Google domains",
      responses: { 200: { description: "Updated", schema: BestuurResponse }, 409: { description: "`bestuur_exists`, `entra_tenant_taken`, `google_domain_taken`; nothing changed" } },
    }),
    requireAdmin,
    audited("bestuur.update", "bestuur"),
    valid("param", IdParam),
    valid("json", UpdateBestuurRequest),
    (c) => c.json({ bestuur: updateBestuur(c.var.ctx, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .get(
    "/admin/institutes",
    doc({ tag, summary: "Every teacher-education institute with its domains", responses: { 200: { description: "Institutes", schema: AdminInstitutesResponse } } }),
    requireAdmin,
    (c) => c.json({ institutes: adminInstitutes(c.var.ctx) }),
  )
  .patch(
    "/admin/institutes/:id",
    doc({
      tag,
      summary: "Rename an institute, change its kind or replace its domains (SURFconext's schac_home_organization)",
      responses: { 200: { description: "Updated", schema: AdminInstituteResponse }, 409: { description: "`institute_domain_taken`; nothing changed" } },
    }),
    requireAdmin,
    audited("institute.update", "institute"),
    valid("param", IdParam),
    valid("json", UpdateInstituteRequest),
    (c) => c.json({ institute: updateInstitute(c.var.ctx, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .get(
    "/admin/users/:id/hand-over",
    doc({
      tag,
      summary:
        "What handing over a leaving person's work would do, changing nothing: their saves per circle (all but private ones are handed over or removed), each bundle and who holds it next, each community they own and its next owner, each leervraag they own as broker and who takes it (null: released to every broker)",
      responses: { 200: { description: "The preview", schema: HandOverPreviewResponse }, 400: { description: "`hand_over_not_broker`: `handOverTo` is not another active broker" } },
    }),
    requireAdmin,
    valid("param", IdParam),
    valid("query", HandOverPreviewQuery),
    (c) => c.json({ handOver: handOverPreview(c.var.ctx, c.req.valid("param").id, c.req.valid("query")) }),
  )
  .post(
    "/admin/users/:id/hand-over",
    doc({
      tag,
      summary:
        "A person leaves: disable the account and hand over their work in one step, as chosen (see the preview). Private saves are never handed over; they stay with the disabled account. Also for a person disabled earlier",
      responses: {
        200: { description: "Disabled, with what was handed over", schema: HandOverResponse },
        400: { description: "`hand_over_not_broker`; `hand_over_not_owned`: a community the person does not own; `hand_over_not_member`: the new owner is no active member of the community" },
        409: { description: "`last_admin`: the last administrator who can sign in is not disabled" },
      },
    }),
    requireAdmin,
    valid("param", IdParam),
    valid("json", HandOverChoices),
    (c) => {
      const done = disableWithHandOver(c.var.ctx, c.req.valid("param").id, c.req.valid("json"), { kind: "admin", userId: c.var.viewer.user.id });
      return c.json({ user: adminUserDetails(c.var.ctx, done.user), handedOver: done.handedOver });
    },
  );
