import { Hono } from "hono";
import { z } from "zod";
import {
  AdminDeleteUserRequest,
  AdminUserResponse,
  AuditLogResponse,
  DeletionResponse,
  PageQuery,
  CommunityMembershipRequest,
  CommunityResponse,
  CreateCommunityRequest,
  CreateSchoolRequest,
  CreateInstituteRequest,
  CreateUserRequest,
  Id,
  InstituteMembershipRequest,
  InstituteResponse,
  MembershipResponse,
  SchoolMembershipRequest,
  SchoolResponse,
  UpdateUserRequest,
} from "../../shared/schemas";
import { audited } from "../http/audit";
import { requireAdmin } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { adminUser, createUser, updateUser } from "../services/accounts/accounts";
import {
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
      const { sharedWork, handOverTo } = c.req.valid("json");
      const deleted = deleteAccount(c.var.ctx, c.req.valid("param").id, { sharedWork: sharedWork ?? "handOver", handOverTo }, { kind: "admin", userId: c.var.viewer.user.id });
      return c.json({ deleted });
    },
  )
  .post(
    "/admin/users",
    doc({ tag, summary: "Create an account", responses: { 201: { description: "Created", schema: AdminUserResponse }, 409: { description: "E-mail taken" } } }),
    requireAdmin,
    audited("user.create", "user"),
    idempotent,
    valid("json", CreateUserRequest),
    async (c) => c.json({ user: adminUser(await createUser(c.var.ctx, c.req.valid("json"))) }, 201),
  )
  .patch(
    "/admin/users/:id",
    doc({ tag, summary: "Change, disable or grant roles to an account", responses: { 200: { description: "Updated", schema: AdminUserResponse } } }),
    requireAdmin,
    audited("user.update", "user"),
    valid("param", IdParam),
    valid("json", UpdateUserRequest),
    async (c) => c.json({ user: adminUser(await updateUser(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))) }),
  )
  .post(
    "/admin/schools",
    doc({ tag, summary: "Create a school", responses: { 201: { description: "Created", schema: SchoolResponse } } }),
    requireAdmin,
    audited("school.create", "school"),
    idempotent,
    valid("json", CreateSchoolRequest),
    (c) => c.json({ school: createSchool(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .post(
    "/admin/institutes",
    doc({ tag, summary: "Create a teacher-education institute", responses: { 201: { description: "Created", schema: InstituteResponse } } }),
    requireAdmin,
    audited("institute.create", "institute"),
    idempotent,
    valid("json", CreateInstituteRequest),
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
  );
