/** @jsxImportSource hono/jsx */
/**
 * /admin/schools, /admin/institutes, /admin/besturen and /admin/communities: each a list with a form to
 * add one, and a page per organisation to change it and its members. Codes that place people at sign-in
 * (BRIN, Entra tenants, Google and SURFconext domains) are typed one per line.
 */
import { adminText, type AdminTextKey } from "../../../shared/i18n/pages/admin";
import { COMMUNITY_KINDS, INSTITUTE_KINDS, SCHOOL_SECTORS, type AdminInstitute, type AdminMember, type AdminSchool, type Bestuur } from "../../../shared/schemas";
import { ActionButton, AdminPage, CsrfField, Field, listText, Problems, Select, stateFor, withLang, type AdminPageContext, type FormState } from "./shell";

type T = (key: AdminTextKey) => string;
const tFor = (page: AdminPageContext): T => (key) => adminText(page.lang, key);
const roleKey = (role: string) => `admin.role.${role}` as AdminTextKey;
const options = (values: readonly string[]) => values.map((v) => [v, v] as const);

function SaveButton({ label }: { label: string }) {
  return (
    <div>
      <button type="submit">{label}</button>
    </div>
  );
}

/** Who belongs, each with a remove button, and a form to add someone by e-mail address or id with a role. */
function Members({ page, base, members, roles, state }: { page: AdminPageContext; base: string; members: AdminMember[]; roles: readonly string[]; state: FormState | null }) {
  const t = tFor(page);
  const add = stateFor(state, "member");
  return (
    <>
      <h2>{t("admin.members")}</h2>
      {members.length === 0 ? (
        <p>{t("admin.noMembers")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.members")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.role")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("admin.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <td>
                  <a href={withLang(`/admin/people/${m.userId}`, page.lang)}>{m.name}</a>
                </td>
                <td>{m.email ?? "—"}</td>
                <td>{t(roleKey(m.role))}</td>
                <td>
                  <ActionButton action={withLang(`${base}/members/remove`, page.lang)} csrf={page.csrf} label={t("admin.remove")} what={m.name} fields={{ userId: m.userId }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="member-heading">{t("admin.addMember")}</h3>
      <Problems state={add} lang={page.lang} />
      <form method="post" action={withLang(`${base}/members`, page.lang)} class="stack" aria-labelledby="member-heading">
        <CsrfField token={page.csrf} />
        <Field form="member" name="who" label={t("admin.memberWho")} state={add} required />
        <Select form="member" name="role" label={t("admin.role")} state={add} value={roles[0]} options={roles.map((r) => [r, t(roleKey(r))] as const)} />
        <SaveButton label={t("admin.create")} />
      </form>
    </>
  );
}

function SchoolFields({ page, form, state, school }: { page: AdminPageContext; form: string; state: FormState | null; school?: AdminSchool }) {
  const t = tFor(page);
  return (
    <>
      <Field form={form} name="name" label={t("admin.name")} value={school?.name} state={state} required />
      <Select form={form} name="sector" label={t("admin.sector")} value={school?.sector} state={state} options={options(SCHOOL_SECTORS)} />
      <Field form={form} name="region" label={t("admin.region")} value={school?.region} state={state} />
      <Field form={form} name="bestuur" label={t("admin.bestuur")} hint={t("admin.bestuurHint")} value={school?.bestuur} state={state} />
      <Field form={form} name="brinCodes" label={t("admin.brinCodes")} hint={t("admin.brinHint")} value={listText(school?.brinCodes ?? [])} state={state} rows={3} />
      <Field form={form} name="entraTenants" label={t("admin.entraTenants")} hint={t("admin.entraHint")} value={listText(school?.entraTenants ?? [])} state={state} rows={2} />
      <Field form={form} name="googleDomains" label={t("admin.googleDomains")} hint={t("admin.googleHint")} value={listText(school?.googleDomains ?? [])} state={state} rows={2} />
    </>
  );
}

export function SchoolsPage({ page, schools, state }: { page: AdminPageContext; schools: AdminSchool[]; state: FormState | null }) {
  const t = tFor(page);
  const create = stateFor(state, "school");
  return (
    <AdminPage page={page} title={t("admin.schools")}>
      <table>
        <caption class="visually-hidden">{t("admin.schools")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.name")}</th>
            <th scope="col">{t("admin.sector")}</th>
            <th scope="col">{t("admin.bestuur")}</th>
            <th scope="col">{t("admin.brinCodes")}</th>
            <th scope="col">{t("admin.entraTenants")}</th>
            <th scope="col">{t("admin.googleDomains")}</th>
          </tr>
        </thead>
        <tbody>
          {schools.map((s) => (
            <tr>
              <td>
                <a href={withLang(`/admin/schools/${s.id}`, page.lang)}>{s.name}</a>
              </td>
              <td>{s.sector}</td>
              <td>{s.bestuur ?? "—"}</td>
              <td>{s.brinCodes.join(", ") || "—"}</td>
              <td>
                <code>{s.entraTenants.join(", ") || "—"}</code>
              </td>
              <td>{s.googleDomains.join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="school-heading">{t("admin.newSchool")}</h2>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/schools", page.lang)} class="stack" aria-labelledby="school-heading">
        <CsrfField token={page.csrf} />
        <SchoolFields page={page} form="school" state={create} />
        <SaveButton label={t("admin.create")} />
      </form>
    </AdminPage>
  );
}

export function SchoolPage({ page, school, members, state }: { page: AdminPageContext; school: AdminSchool; members: AdminMember[]; state: FormState | null }) {
  const t = tFor(page);
  const edit = stateFor(state, "school");
  const base = `/admin/schools/${school.id}`;
  return (
    <AdminPage page={page} title={school.name}>
      <h2 id="school-heading">{t("admin.details")}</h2>
      <Problems state={edit} lang={page.lang} />
      <form method="post" action={withLang(base, page.lang)} class="stack" aria-labelledby="school-heading">
        <CsrfField token={page.csrf} />
        <SchoolFields page={page} form="school" state={edit} school={school} />
        <SaveButton label={t("admin.save")} />
      </form>
      <Members page={page} base={base} members={members} roles={["member", "coordinator"]} state={state} />
    </AdminPage>
  );
}

function InstituteFields({ page, form, state, institute }: { page: AdminPageContext; form: string; state: FormState | null; institute?: AdminInstitute }) {
  const t = tFor(page);
  return (
    <>
      <Field form={form} name="name" label={t("admin.name")} value={institute?.name} state={state} required />
      <Select form={form} name="kind" label={t("admin.kind")} value={institute?.kind} state={state} options={options(INSTITUTE_KINDS)} />
      <Field form={form} name="domains" label={t("admin.domains")} hint={t("admin.domainsHint")} value={listText(institute?.domains ?? [])} state={state} rows={2} />
    </>
  );
}

export function InstitutesPage({ page, institutes, state }: { page: AdminPageContext; institutes: AdminInstitute[]; state: FormState | null }) {
  const t = tFor(page);
  const create = stateFor(state, "institute");
  return (
    <AdminPage page={page} title={t("admin.institutes")}>
      {institutes.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.institutes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.domains")}</th>
            </tr>
          </thead>
          <tbody>
            {institutes.map((i) => (
              <tr>
                <td>
                  <a href={withLang(`/admin/institutes/${i.id}`, page.lang)}>{i.name}</a>
                </td>
                <td>{i.kind}</td>
                <td>{i.domains.join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="institute-heading">{t("admin.newInstitute")}</h2>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/institutes", page.lang)} class="stack" aria-labelledby="institute-heading">
        <CsrfField token={page.csrf} />
        <InstituteFields page={page} form="institute" state={create} />
        <SaveButton label={t("admin.create")} />
      </form>
    </AdminPage>
  );
}

export function InstitutePage({ page, institute, members, state }: { page: AdminPageContext; institute: AdminInstitute; members: AdminMember[]; state: FormState | null }) {
  const t = tFor(page);
  const edit = stateFor(state, "institute");
  const base = `/admin/institutes/${institute.id}`;
  return (
    <AdminPage page={page} title={institute.name}>
      <h2 id="institute-heading">{t("admin.details")}</h2>
      <Problems state={edit} lang={page.lang} />
      <form method="post" action={withLang(base, page.lang)} class="stack" aria-labelledby="institute-heading">
        <CsrfField token={page.csrf} />
        <InstituteFields page={page} form="institute" state={edit} institute={institute} />
        <SaveButton label={t("admin.save")} />
      </form>
      <Members page={page} base={base} members={members} roles={["member", "coordinator"]} state={state} />
    </AdminPage>
  );
}

function BestuurFields({ page, form, state, bestuur }: { page: AdminPageContext; form: string; state: FormState | null; bestuur?: Bestuur }) {
  const t = tFor(page);
  return (
    <>
      <Field form={form} name="name" label={t("admin.name")} value={bestuur?.name} state={state} required />
      <Field form={form} name="entraTenants" label={t("admin.entraTenants")} hint={t("admin.entraHint")} value={listText(bestuur?.entraTenants ?? [])} state={state} rows={2} />
      <Field form={form} name="googleDomains" label={t("admin.googleDomains")} hint={t("admin.googleHint")} value={listText(bestuur?.googleDomains ?? [])} state={state} rows={2} />
    </>
  );
}

export function BesturenPage({ page, besturen, state }: { page: AdminPageContext; besturen: Bestuur[]; state: FormState | null }) {
  const t = tFor(page);
  const create = stateFor(state, "bestuur");
  return (
    <AdminPage page={page} title={t("admin.besturen")}>
      {besturen.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.besturen")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.schoolCount")}</th>
              <th scope="col">{t("admin.entraTenants")}</th>
              <th scope="col">{t("admin.googleDomains")}</th>
            </tr>
          </thead>
          <tbody>
            {besturen.map((b) => (
              <tr>
                <td>
                  <a href={withLang(`/admin/besturen/${b.id}`, page.lang)}>{b.name}</a>
                </td>
                <td>{b.schoolCount}</td>
                <td>
                  <code>{b.entraTenants.join(", ") || "—"}</code>
                </td>
                <td>{b.googleDomains.join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="bestuur-heading">{t("admin.newBestuur")}</h2>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/besturen", page.lang)} class="stack" aria-labelledby="bestuur-heading">
        <CsrfField token={page.csrf} />
        <BestuurFields page={page} form="bestuur" state={create} />
        <SaveButton label={t("admin.create")} />
      </form>
    </AdminPage>
  );
}

export function BestuurPage({ page, bestuur, schools, state }: { page: AdminPageContext; bestuur: Bestuur; schools: AdminSchool[]; state: FormState | null }) {
  const t = tFor(page);
  const edit = stateFor(state, "bestuur");
  return (
    <AdminPage page={page} title={bestuur.name}>
      <h2 id="bestuur-heading">{t("admin.details")}</h2>
      <Problems state={edit} lang={page.lang} />
      <form method="post" action={withLang(`/admin/besturen/${bestuur.id}`, page.lang)} class="stack" aria-labelledby="bestuur-heading">
        <CsrfField token={page.csrf} />
        <BestuurFields page={page} form="bestuur" state={edit} bestuur={bestuur} />
        <SaveButton label={t("admin.save")} />
      </form>
      <h2>{t("admin.schools")}</h2>
      {schools.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <ul>
          {schools.map((s) => (
            <li>
              <a href={withLang(`/admin/schools/${s.id}`, page.lang)}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}

export interface CommunityView {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  open: boolean;
}

export function CommunitiesPage({ page, communities, state }: { page: AdminPageContext; communities: (CommunityView & { memberCount: number })[]; state: FormState | null }) {
  const t = tFor(page);
  const create = stateFor(state, "community");
  return (
    <AdminPage page={page} title={t("admin.communities")}>
      {communities.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.communities")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.members")}</th>
            </tr>
          </thead>
          <tbody>
            {communities.map((c) => (
              <tr>
                <td>
                  <a href={withLang(`/admin/communities/${c.id}`, page.lang)}>{c.name}</a>
                </td>
                <td>{c.kind}</td>
                <td>{c.memberCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="community-heading">{t("admin.newCommunity")}</h2>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/communities", page.lang)} class="stack" aria-labelledby="community-heading">
        <CsrfField token={page.csrf} />
        <Field form="community" name="name" label={t("admin.name")} state={create} required />
        <Select form="community" name="kind" label={t("admin.kind")} state={create} options={options(COMMUNITY_KINDS)} />
        <Field form="community" name="description" label={t("admin.description")} state={create} rows={3} />
        <div>
          <input type="checkbox" id="community-open" name="open" value="true" checked={create?.values.open === "true"} /> <label for="community-open" style="display:inline;font-weight:400">{t("admin.open")}</label>
        </div>
        <SaveButton label={t("admin.create")} />
      </form>
    </AdminPage>
  );
}

export function CommunityPage({ page, community, members, state }: { page: AdminPageContext; community: CommunityView; members: AdminMember[]; state: FormState | null }) {
  return (
    <AdminPage page={page} title={community.name}>
      <p>
        {community.kind}
        {community.description ? ` · ${community.description}` : ""}
      </p>
      <Members page={page} base={`/admin/communities/${community.id}`} members={members} roles={["member", "owner"]} state={state} />
    </AdminPage>
  );
}
