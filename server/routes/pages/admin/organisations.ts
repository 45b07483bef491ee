/** /admin/schools, /institutes, /besturen and /communities: the organisations, their sign-in codes and members. */
import type { Hono } from "hono";
import { adminText } from "../../../../shared/i18n/pages/admin";
import {
  AdminCreateInstituteRequest,
  AdminCreateSchoolRequest,
  CommunityRole,
  CreateBestuurRequest,
  CreateCommunityRequest,
  SchoolRole,
  UpdateBestuurRequest,
  UpdateInstituteRequest,
  UpdateSchoolRequest,
} from "../../../../shared/schemas";
import type { SignedInEnv } from "../../../http/env";
import {
  BesturenPage,
  BestuurPage,
  CommunitiesPage,
  CommunityPage,
  InstitutePage,
  InstitutesPage,
  SchoolPage,
  SchoolsPage,
} from "../../../pages/admin/organisations";
import type { FormState } from "../../../pages/admin/shell";
import { findUserByEmail } from "../../../services/accounts/accounts";
import {
  adminInstitute,
  adminInstitutes,
  adminSchool,
  adminSchools,
  createBestuur,
  createCommunity,
  createInstitute,
  createSchool,
  getBestuur,
  getCommunity,
  listBesturen,
  listCommunities,
  membersOfOrganisation,
  removeCommunityMember,
  removeInstituteMember,
  removeSchoolMember,
  setCommunityMember,
  setInstituteMember,
  setSchoolMember,
  updateBestuur,
  updateInstitute,
  updateSchool,
} from "../../../services/accounts/organisations";
import { getPerson } from "../../../services/accounts/people";
import { recordAdminAction } from "../../../services/privacy/audit-log";
import { codes, idOf, langOf, optional, pageContext, pageDoc, param, readForm, show, strings, submit, text, withStatus, type Ctx } from "./forms";

/** A person named on a form by e-mail address or id, or null when nobody is. */
function personNamed(c: Ctx, who: string) {
  const trimmed = who.trim();
  if (!trimmed) return null;
  if (trimmed.includes("@")) return findUserByEmail(c.var.ctx, trimmed)?.id ?? null;
  try {
    return getPerson(c.var.ctx, trimmed).id;
  } catch {
    return null;
  }
}

const schoolsPage = (c: Ctx, state: FormState | null = null) => show(c, SchoolsPage({ page: pageContext(c), schools: adminSchools(c.var.ctx), state }));

function schoolPage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, SchoolPage({ page: pageContext(c), school: adminSchool(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "school", id), state }));
}

const institutesPage = (c: Ctx, state: FormState | null = null) => show(c, InstitutesPage({ page: pageContext(c), institutes: adminInstitutes(c.var.ctx), state }));

function institutePage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, InstitutePage({ page: pageContext(c), institute: adminInstitute(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "institute", id), state }));
}

const besturenPage = (c: Ctx, state: FormState | null = null) => show(c, BesturenPage({ page: pageContext(c), besturen: listBesturen(c.var.ctx), state }));

function bestuurPage(c: Ctx, state: FormState | null = null) {
  const bestuur = getBestuur(c.var.ctx, param(c));
  const schools = adminSchools(c.var.ctx).filter((s) => s.bestuurId === bestuur.id);
  return show(c, BestuurPage({ page: pageContext(c), bestuur, schools, state }));
}

function communitiesPage(c: Ctx, state: FormState | null = null) {
  const communities = listCommunities(c.var.ctx).map((row) => ({ ...row, memberCount: getCommunity(c.var.ctx, row.id).memberCount }));
  return show(c, CommunitiesPage({ page: pageContext(c), communities, state }));
}

function communityPage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, CommunityPage({ page: pageContext(c), community: getCommunity(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "community", id), state }));
}

// Memberships: the same three forms for schools, institutes and communities

const MEMBERSHIPS = {
  schools: { kind: "school", roles: SchoolRole, set: setSchoolMember, remove: removeSchoolMember, page: schoolPage },
  institutes: { kind: "institute", roles: SchoolRole, set: setInstituteMember, remove: removeInstituteMember, page: institutePage },
  communities: { kind: "community", roles: CommunityRole, set: setCommunityMember, remove: removeCommunityMember, page: communityPage },
} as const;

export function registerOrganisationPages(pages: Hono<SignedInEnv>) {
  pages
  .get("/admin/schools", pageDoc("Administration: schools with BRIN codes, Entra tenants, Google domains and bestuur"), (c) => schoolsPage(c))
  .post("/admin/schools", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "sector", "region", "bestuur", "brinCodes", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "school",
      values,
      schema: AdminCreateSchoolRequest,
      input: {
        name: values.name,
        sector: values.sector,
        region: optional(values.region!),
        bestuur: optional(values.bestuur!),
        brinCodes: codes(form, "brinCodes"),
        entraTenants: codes(form, "entraTenants"),
        googleDomains: codes(form, "googleDomains"),
      },
      act: (input) => createSchool(c.var.ctx, input),
      audit: { action: "school.create", subjectKind: "school", subjectId: idOf },
      done: (school) => `/admin/schools/${idOf(school)}`,
      notice: "created",
      again: (state) => schoolsPage(c, state),
    });
  })
  .get("/admin/schools/:id", pageDoc("Administration: one school, its sign-in codes and members"), (c) => schoolPage(c))
  .post("/admin/schools/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "sector", "region", "bestuur", "brinCodes", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "school",
      values,
      schema: UpdateSchoolRequest,
      input: {
        name: values.name,
        sector: values.sector,
        region: optional(values.region!) ?? null,
        bestuur: optional(values.bestuur!) ?? null,
        brinCodes: codes(form, "brinCodes"),
        entraTenants: codes(form, "entraTenants"),
        googleDomains: codes(form, "googleDomains"),
      },
      act: (input) => updateSchool(c.var.ctx, id, input),
      audit: { action: "school.update", subjectKind: "school", subjectId: () => id },
      done: () => `/admin/schools/${id}`,
      again: (state) => schoolPage(c, state),
    });
  })
  .get("/admin/institutes", pageDoc("Administration: institutes with their SURFconext domains"), (c) => institutesPage(c))
  .post("/admin/institutes", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "domains"]);
    return submit(c, {
      form: "institute",
      values,
      schema: AdminCreateInstituteRequest,
      input: { name: values.name, kind: values.kind, domains: codes(form, "domains") },
      act: (input) => createInstitute(c.var.ctx, input),
      audit: { action: "institute.create", subjectKind: "institute", subjectId: idOf },
      done: (institute) => `/admin/institutes/${idOf(institute)}`,
      notice: "created",
      again: (state) => institutesPage(c, state),
    });
  })
  .get("/admin/institutes/:id", pageDoc("Administration: one institute, its domains and members"), (c) => institutePage(c))
  .post("/admin/institutes/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "domains"]);
    return submit(c, {
      form: "institute",
      values,
      schema: UpdateInstituteRequest,
      input: { name: values.name, kind: values.kind, domains: codes(form, "domains") },
      act: (input) => updateInstitute(c.var.ctx, id, input),
      audit: { action: "institute.update", subjectKind: "institute", subjectId: () => id },
      done: () => `/admin/institutes/${id}`,
      again: (state) => institutePage(c, state),
    });
  })
  .get("/admin/besturen", pageDoc("Administration: besturen with their Entra tenants and Google domains"), (c) => besturenPage(c))
  .post("/admin/besturen", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "bestuur",
      values,
      schema: CreateBestuurRequest,
      input: { name: values.name, entraTenants: codes(form, "entraTenants"), googleDomains: codes(form, "googleDomains") },
      act: (input) => createBestuur(c.var.ctx, input),
      audit: { action: "bestuur.create", subjectKind: "bestuur", subjectId: idOf },
      done: (bestuur) => `/admin/besturen/${idOf(bestuur)}`,
      notice: "created",
      again: (state) => besturenPage(c, state),
    });
  })
  .get("/admin/besturen/:id", pageDoc("Administration: one bestuur, its tenants, domains and schools"), (c) => bestuurPage(c))
  .post("/admin/besturen/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "bestuur",
      values,
      schema: UpdateBestuurRequest,
      input: { name: values.name, entraTenants: codes(form, "entraTenants"), googleDomains: codes(form, "googleDomains") },
      act: (input) => updateBestuur(c.var.ctx, id, input),
      audit: { action: "bestuur.update", subjectKind: "bestuur", subjectId: () => id },
      done: () => `/admin/besturen/${id}`,
      again: (state) => bestuurPage(c, state),
    });
  })
  .get("/admin/communities", pageDoc("Administration: communities"), (c) => communitiesPage(c))
  .post("/admin/communities", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "description", "open"]);
    return submit(c, {
      form: "community",
      values,
      schema: CreateCommunityRequest,
      input: { name: values.name, kind: values.kind, description: optional(values.description!), open: values.open === "true" },
      act: (input) => createCommunity(c.var.ctx, input),
      audit: { action: "community.create", subjectKind: "community", subjectId: idOf },
      done: (community) => `/admin/communities/${idOf(community)}`,
      notice: "created",
      again: (state) => communitiesPage(c, state),
    });
  })
  .get("/admin/communities/:id", pageDoc("Administration: one community and its members"), (c) => communityPage(c));

  for (const [path, m] of Object.entries(MEMBERSHIPS)) {
    pages
      .post(`/admin/${path}/:id/members`, async (c) => {
        const id = param(c);
        const form = await readForm(c);
        const values = strings(form, ["who", "role"]);
        const userId = personNamed(c, values.who!);
        if (!userId) {
          return withStatus(m.page(c, { form: "member", values, errors: { who: adminText(langOf(c), "field.who") } }), 400);
        }
        return submit(c, {
          form: "member",
          values,
          schema: m.roles,
          input: values.role,
          act: (role) => m.set(c.var.ctx, id, userId, role as never),
          audit: { action: `${m.kind}.member.set`, subjectKind: m.kind, subjectId: () => id, details: { userId } },
          done: () => `/admin/${path}/${id}`,
          again: (state) => m.page(c, { ...state, errors: { role: adminText(langOf(c), "field.role") } }),
        });
      })
      .post(`/admin/${path}/:id/members/remove`, async (c) => {
        const id = param(c);
        const form = await readForm(c);
        const userId = text(form, "userId");
        m.remove(c.var.ctx, id, userId);
        recordAdminAction(c.var.ctx, { kind: "admin", userId: c.var.viewer.user.id }, { action: `${m.kind}.member.remove`, subjectKind: m.kind, subjectId: id, details: { userId } });
        // Removed from the person's page: back there, never to an address the form could name freely.
        const back = text(form, "back") === `/admin/people/${userId}` ? `/admin/people/${userId}` : `/admin/${path}/${id}`;
        return c.redirect(`${back}?notice=removed&lang=${langOf(c)}`, 303);
      });
  }
}
