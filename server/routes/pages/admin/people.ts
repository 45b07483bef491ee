/** /admin/people: finding people, making a password account, a person's details, roles, status and deletion. */
import type { Hono } from "hono";
import { adminText } from "../../../../shared/i18n/pages/admin";
import { CreateUserRequest, SharedWork, UpdateUserRequest } from "../../../../shared/schemas";
import type { SignedInEnv } from "../../../http/env";
import { PeoplePage, PersonPage } from "../../../pages/admin/people";
import type { FormState } from "../../../pages/admin/shell";
import { createUser, listUsers, updateUser } from "../../../services/accounts/accounts";
import { adminUserDetails, getPerson, personMemberships, searchPeople } from "../../../services/accounts/people";
import { deleteAccount } from "../../../services/privacy/deletion";
import { all, idOf, langOf, optional, pageContext, pageDoc, param, readForm, show, strings, submit, text, withStatus, type Ctx, type Form } from "./forms";

function peoplePage(c: Ctx, state: FormState | null = null) {
  const q = (c.req.query("q") ?? "").trim().slice(0, 200);
  const cursor = c.req.query("cursor")?.slice(0, 500);
  let found: ReturnType<typeof searchPeople>;
  try {
    found = searchPeople(c.var.ctx, { q, cursor, limit: 50 });
  } catch {
    // A cursor from elsewhere: start at the beginning rather than refuse the page.
    found = searchPeople(c.var.ctx, { q, limit: 50 });
  }
  return show(c, PeoplePage({ page: pageContext(c), q, users: found.users, nextCursor: found.nextCursor, state }));
}

function personPage(c: Ctx, state: FormState | null = null) {
  const person = getPerson(c.var.ctx, param(c));
  // Brokers who can take over the bundles nobody else curates, as `npm run admin -- user:delete --hand-over-to` offers.
  const heirs = listUsers(c.var.ctx)
    .filter((u) => u.id !== person.id && !u.disabled && u.roles.includes("broker"))
    .map((u) => ({ id: u.id, name: u.name }));
  return show(c, PersonPage({ page: pageContext(c), user: adminUserDetails(c.var.ctx, person), memberships: personMemberships(c.var.ctx, person.id), heirs, state }));
}

/** The person's own forms (details, roles, status): each an UpdateUserRequest, as the admin API takes it (PATCH /api/v1/admin/users/:id). */
async function updatePerson(c: Ctx, form: string, read: (form: Form) => { values: Record<string, string>; input: unknown }) {
  const id = param(c);
  const { values, input } = read(await readForm(c));
  return submit(c, {
    form,
    values,
    schema: UpdateUserRequest,
    input,
    act: (update) => updateUser(c.var.ctx, id, update),
    audit: { action: "user.update", subjectKind: "user", subjectId: () => id },
    done: () => `/admin/people/${id}`,
    again: (state) => personPage(c, state),
  });
}

export function registerPeoplePages(pages: Hono<SignedInEnv>) {
  pages
  .get("/admin/people", pageDoc("Administration: find people by name or e-mail; make a password account"), (c) => peoplePage(c))
  .post("/admin/people", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "email"]);
    return submit(c, {
      form: "new-person",
      values,
      schema: CreateUserRequest,
      input: { name: values.name, email: values.email, password: text(form, "password") },
      act: (input) => createUser(c.var.ctx, input),
      audit: { action: "user.create", subjectKind: "user", subjectId: idOf },
      done: (user) => `/admin/people/${idOf(user)}`,
      notice: "created",
      again: (state) => peoplePage(c, state),
    });
  })
  .get("/admin/people/:id", pageDoc("Administration: one person with roles, status, school accounts and memberships"), (c) => personPage(c))
  .post("/admin/people/:id", (c) =>
    updatePerson(c, "person", (form) => {
      const values = strings(form, ["name", "email"]);
      return { values, input: { name: values.name, email: optional(values.email!) } };
    }),
  )
  .post("/admin/people/:id/roles", (c) => updatePerson(c, "roles", (form) => ({ values: {}, input: { roles: all(form, "roles") } })))
  .post("/admin/people/:id/status", (c) => updatePerson(c, "roles", (form) => ({ values: {}, input: { disabled: text(form, "disabled") === "true" } })))
  .post("/admin/people/:id/delete", async (c) => {
    const id = param(c);
    const person = getPerson(c.var.ctx, id);
    const form = await readForm(c);
    const values = strings(form, ["sharedWork", "confirm", "handOverTo"]);
    // Typing the name is the one safeguard against deleting the wrong person from a long list.
    if (values.confirm!.trim() !== person.name) return withStatus(personPage(c, { form: "delete", values, errors: { confirm: adminText(langOf(c), "field.confirm") } }), 400);
    return submit(c, {
      form: "delete",
      values,
      schema: SharedWork,
      input: values.sharedWork,
      act: (sharedWork) => deleteAccount(c.var.ctx, id, { sharedWork, handOverTo: values.handOverTo || undefined }, { kind: "admin", userId: c.var.viewer.user.id }),
      audit: null,
      done: () => "/admin/people",
      notice: "removed",
      again: (state) => personPage(c, state),
    });
  });
}
