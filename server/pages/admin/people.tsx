/** @jsxImportSource hono/jsx */
/** /admin/people: finding people, making password accounts, and one person's roles, status, accounts and memberships. */
import { adminText, type AdminTextKey } from "../../../shared/i18n/pages/admin";
import { handOverText } from "../../../shared/i18n/pages/hand-over";
import type { AdminUserDetails } from "../../../shared/schemas";
import { ActionButton, AdminPage, CsrfField, Field, Problems, Select, stateFor, withLang, type AdminPageContext, type FormState } from "./shell";

const roleKey = (role: string) => `admin.role.${role}` as AdminTextKey;

export function PeoplePage({ page, q, users, nextCursor, state }: { page: AdminPageContext; q: string; users: AdminUserDetails[]; nextCursor: string | null; state: FormState | null }) {
  const t = (key: AdminTextKey) => adminText(page.lang, key);
  const create = stateFor(state, "new-person");
  return (
    <AdminPage page={page} title={t("admin.people")}>
      <form method="get" action="/admin/people" role="search" class="stack">
        <input type="hidden" name="lang" value={page.lang} />
        <Field form="search" name="q" label={t("admin.search")} type="search" value={q} state={null} />
        <div>
          <button type="submit">{t("admin.searchButton")}</button>
        </div>
      </form>
      {users.length === 0 ? (
        <p>{t("admin.noResults")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.people")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.roles")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">{t("admin.signIn")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  <a href={withLang(`/admin/people/${u.id}`, page.lang)}>{u.name}</a>
                </td>
                <td>{u.email ?? "—"}</td>
                <td>{u.roles.map((r) => t(roleKey(r))).join(", ") || "—"}</td>
                <td>{u.disabled ? t("admin.disabled") : t("admin.active")}</td>
                <td>{[u.hasPassword ? t("admin.hasPassword") : null, ...u.identities.map((i) => i.provider)].filter(Boolean).join(", ") || t("admin.noPassword")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor ? <a href={withLang(`/admin/people?q=${encodeURIComponent(q)}&cursor=${encodeURIComponent(nextCursor)}`, page.lang)}>{t("admin.next")}</a> : null}

      <h2 id="new-person-heading">{t("admin.newPerson")}</h2>
      <p class="hint">{t("admin.newPersonHint")}</p>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/people", page.lang)} class="stack" aria-labelledby="new-person-heading">
        <CsrfField token={page.csrf} />
        <Field form="new-person" name="name" label={t("admin.name")} state={create} required />
        <Field form="new-person" name="email" label={t("admin.email")} type="email" state={create} required />
        <Field form="new-person" name="password" label={t("admin.password")} type="password" autocomplete="new-password" state={create} required />
        <div>
          <button type="submit">{t("admin.create")}</button>
        </div>
      </form>
    </AdminPage>
  );
}

export interface PersonMemberships {
  schools: { id: string; name: string; role: string }[];
  institutes: { id: string; name: string; role: string }[];
  communities: { id: string; name: string; role: string }[];
}

export function PersonPage({
  page,
  user,
  memberships,
  heirs,
  state,
}: {
  page: AdminPageContext;
  user: AdminUserDetails;
  memberships: PersonMemberships;
  /** Active brokers who may receive the bundles nobody else curates. */
  heirs: { id: string; name: string }[];
  state: FormState | null;
}) {
  const t = (key: AdminTextKey) => adminText(page.lang, key);
  const base = `/admin/people/${user.id}`;
  const details = stateFor(state, "person");
  const roles = stateFor(state, "roles");
  const deletion = stateFor(state, "delete");
  const groups: [AdminTextKey, string, PersonMemberships["schools"]][] = [
    ["admin.schools", "schools", memberships.schools],
    ["admin.institutes", "institutes", memberships.institutes],
    ["admin.communities", "communities", memberships.communities],
  ];
  return (
    <AdminPage page={page} title={user.name}>
      <p>
        {user.email ?? "—"} · {user.disabled ? t("admin.disabled") : t("admin.active")} · {user.hasPassword ? t("admin.hasPassword") : t("admin.noPassword")}
      </p>

      <h2 id="roles-heading">{t("admin.roles")}</h2>
      <Problems state={roles} lang={page.lang} />
      <form method="post" action={withLang(`${base}/roles`, page.lang)} class="stack" aria-labelledby="roles-heading">
        <CsrfField token={page.csrf} />
        <fieldset>
          <legend>{t("admin.roles")}</legend>
          {(["broker", "admin"] as const).map((role) => (
            <div>
              <input type="checkbox" id={`role-${role}`} name="roles" value={role} checked={user.roles.includes(role)} />{" "}
              <label for={`role-${role}`}>{t(roleKey(role))}</label>
            </div>
          ))}
        </fieldset>
        <div>
          <button type="submit">{t("admin.save")}</button>
        </div>
      </form>
      <p>
        {user.disabled ? (
          <ActionButton action={withLang(`${base}/status`, page.lang)} csrf={page.csrf} label={t("admin.enable")} fields={{ disabled: "false" }} />
        ) : (
          <ActionButton action={withLang(`${base}/status`, page.lang)} csrf={page.csrf} label={t("admin.disable")} fields={{ disabled: "true" }} />
        )}
      </p>
      <p>
        <a href={withLang(`${base}/hand-over`, page.lang)}>{handOverText(page.lang, "handOver.link")}</a>
      </p>
      <p class="hint">{handOverText(page.lang, "handOver.linkHint")}</p>

      <h2 id="details-heading">{t("admin.details")}</h2>
      <Problems state={details} lang={page.lang} />
      <form method="post" action={withLang(base, page.lang)} class="stack" aria-labelledby="details-heading">
        <CsrfField token={page.csrf} />
        <Field form="person" name="name" label={t("admin.name")} value={user.name} state={details} required />
        <Field form="person" name="email" label={t("admin.emailOptional")} type="email" value={user.email} state={details} />
        <div>
          <button type="submit">{t("admin.save")}</button>
        </div>
      </form>

      <h2>{t("admin.identities")}</h2>
      {user.identities.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.identities")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.identity.provider")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.identity.organisation")}</th>
              <th scope="col">{t("admin.identity.lastUsed")}</th>
            </tr>
          </thead>
          <tbody>
            {user.identities.map((i) => (
              <tr>
                <td>{i.provider}</td>
                <td>{i.email ?? "—"}</td>
                <td>{i.organisation ?? "—"}</td>
                <td>{i.lastUsedAt ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("admin.memberships")}</h2>
      {groups.map(([title, path, rows]) => (
        <>
          <h3>{t(title)}</h3>
          {rows.length === 0 ? (
            <p>{t("admin.none")}</p>
          ) : (
            <ul>
              {rows.map((m) => (
                <li>
                  <a href={withLang(`/admin/${path}/${m.id}`, page.lang)}>{m.name}</a> ({t(roleKey(m.role))}){" "}
                  <ActionButton action={withLang(`/admin/${path}/${m.id}/members/remove`, page.lang)} csrf={page.csrf} label={t("admin.remove")} what={m.name} fields={{ userId: user.id, back: base }} />
                </li>
              ))}
            </ul>
          )}
        </>
      ))}

      <h2 id="delete-heading">{t("admin.delete")}</h2>
      <p class="hint">{t("admin.deleteHint")}</p>
      <Problems state={deletion} lang={page.lang} />
      <form method="post" action={withLang(`${base}/delete`, page.lang)} class="stack" aria-labelledby="delete-heading">
        <CsrfField token={page.csrf} />
        <Select
          form="delete"
          name="sharedWork"
          label={t("admin.sharedWork")}
          state={deletion}
          value="handOver"
          options={[
            ["handOver", t("admin.sharedWork.handOver")],
            ["remove", t("admin.sharedWork.remove")],
          ]}
        />
        <Select
          form="delete"
          name="handOverTo"
          label={t("admin.handOverTo")}
          state={deletion}
          value=""
          options={[["", t("admin.handOverTo.none")], ...heirs.map((h) => [h.id, h.name] as const)]}
        />
        <Field form="delete" name="confirm" label={t("admin.confirmName")} state={deletion} required />
        <div>
          <button type="submit">{t("admin.delete")}</button>
        </div>
      </form>
    </AdminPage>
  );
}
