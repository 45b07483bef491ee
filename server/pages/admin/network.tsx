/** @jsxImportSource hono/jsx */
/** /admin (the overview), /admin/themes, /admin/providers and /admin/audit-log. */
import { adminText, type AdminTextKey } from "../../../shared/i18n/pages/admin";
import type { AuditEntry, Theme } from "../../../shared/schemas";
import { Layout } from "../layout";
import { AdminPage, adminSections, CsrfField, Field, Problems, Select, stateFor, withLang, type AdminPageContext, type FormState } from "./shell";

type T = (key: AdminTextKey) => string;
const tFor = (page: AdminPageContext): T => (key) => adminText(page.lang, key);

export function OverviewPage({ page }: { page: AdminPageContext }) {
  const t = tFor(page);
  return (
    <AdminPage page={page} title={t("admin.title")}>
      <p>{t("admin.intro")}</p>
      <ul>
        {adminSections.map(([href, key]) => (
          <li>
            <a href={withLang(href, page.lang)}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}

function ThemeFields({ page, form, state, theme, themes }: { page: AdminPageContext; form: string; state: FormState | null; theme?: Theme; themes?: Theme[] }) {
  const t = tFor(page);
  return (
    <>
      <Field form={form} name="nameNl" label={t("admin.themeNameNl")} value={theme?.name.nl} state={state} required />
      <Field form={form} name="nameEn" label={t("admin.themeNameEn")} value={theme?.name.en} state={state} required />
      <Field form={form} name="descriptionNl" label={t("admin.themeDescriptionNl")} value={theme?.description.nl} state={state} rows={3} />
      <Field form={form} name="descriptionEn" label={t("admin.themeDescriptionEn")} value={theme?.description.en} state={state} rows={3} />
      {themes ? (
        <Select
          form={form}
          name="parent"
          label={t("admin.themeParent")}
          state={state}
          value=""
          options={[["", t("admin.themeTop")] as const, ...themes.map((th) => [th.slug, th.name[page.lang]] as const)]}
        />
      ) : null}
    </>
  );
}

export function ThemesPage({ page, themes, state }: { page: AdminPageContext; themes: Theme[]; state: FormState | null }) {
  const t = tFor(page);
  const create = stateFor(state, "theme");
  const nameOf = new Map(themes.map((th) => [th.slug, th.name[page.lang]]));
  return (
    <AdminPage page={page} title={t("admin.themes")}>
      <table>
        <caption class="visually-hidden">{t("admin.themes")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.name")}</th>
            <th scope="col">{t("admin.slug")}</th>
            <th scope="col">{t("admin.themeParent")}</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((th) => (
            <tr>
              <td>
                <a href={withLang(`/admin/themes/${th.slug}`, page.lang)}>{th.name[page.lang]}</a>
              </td>
              <td>
                <code>{th.slug}</code>
              </td>
              <td>{th.parent ? nameOf.get(th.parent) ?? th.parent : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="theme-heading">{t("admin.newTheme")}</h2>
      <Problems state={create} lang={page.lang} />
      <form method="post" action={withLang("/admin/themes", page.lang)} class="stack" aria-labelledby="theme-heading">
        <CsrfField token={page.csrf} />
        <ThemeFields page={page} form="theme" state={create} themes={themes} />
        <div>
          <button type="submit">{t("admin.create")}</button>
        </div>
      </form>
    </AdminPage>
  );
}

export function ThemePage({ page, theme, state }: { page: AdminPageContext; theme: Theme; state: FormState | null }) {
  const t = tFor(page);
  const edit = stateFor(state, "theme");
  return (
    <AdminPage page={page} title={theme.name[page.lang]}>
      <p>
        <code>{theme.slug}</code>
      </p>
      <Problems state={edit} lang={page.lang} />
      <form method="post" action={withLang(`/admin/themes/${theme.slug}`, page.lang)} class="stack" aria-label={t("admin.edit")}>
        <CsrfField token={page.csrf} />
        <ThemeFields page={page} form="theme" state={edit} theme={theme} />
        <div>
          <button type="submit">{t("admin.save")}</button>
        </div>
      </form>
    </AdminPage>
  );
}

export interface ProviderStatus {
  id: string;
  family: string;
  issuer: string;
  redirectUri: string;
  unmatched: "network" | "refuse";
  /** Whether the provider answered its discovery just now, and why not. */
  health: { reachable: true } | { reachable: false; reason: string };
}

export function ProvidersPage({ page, providers }: { page: AdminPageContext; providers: ProviderStatus[] }) {
  const t = tFor(page);
  return (
    <AdminPage page={page} title={t("admin.providers")}>
      {providers.length === 0 ? (
        <p>{t("admin.providersNone")}</p>
      ) : (
        <>
          <p>{t("admin.providersIntro")}</p>
          <table>
            <caption class="visually-hidden">{t("admin.providers")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.provider.id")}</th>
                <th scope="col">{t("admin.provider.family")}</th>
                <th scope="col">{t("admin.provider.issuer")}</th>
                <th scope="col">{t("admin.provider.redirect")}</th>
                <th scope="col">{t("admin.provider.unmatched")}</th>
                <th scope="col">{t("admin.provider.status")}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr>
                  <td>{p.id}</td>
                  <td>{p.family}</td>
                  <td>
                    <code>{p.issuer}</code>
                  </td>
                  <td>
                    <code>{p.redirectUri}</code>
                  </td>
                  <td>{t(p.unmatched === "refuse" ? "admin.provider.refuse" : "admin.provider.network")}</td>
                  <td data-health={p.health.reachable ? "reachable" : "unreachable"}>
                    {p.health.reachable ? t("admin.provider.reachable") : `${t("admin.provider.unreachable")} ${p.health.reason}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AdminPage>
  );
}

export function AuditLogPage({ page, entries, nextCursor }: { page: AdminPageContext; entries: AuditEntry[]; nextCursor: string | null }) {
  const t = tFor(page);
  return (
    <AdminPage page={page} title={t("admin.auditLog")}>
      {entries.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("admin.auditLog")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.at")}</th>
              <th scope="col">{t("admin.audit.actor")}</th>
              <th scope="col">{t("admin.audit.action")}</th>
              <th scope="col">{t("admin.audit.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{e.at}</td>
                <td>{e.actor.userId ? <a href={withLang(`/admin/people/${e.actor.userId}`, page.lang)}>{e.actor.userId}</a> : t("admin.operator")}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.subject.kind} <code>{e.subject.id ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor ? <a href={withLang(`/admin/audit-log?cursor=${encodeURIComponent(nextCursor)}`, page.lang)}>{t("admin.next")}</a> : null}
    </AdminPage>
  );
}

/** A page outside the administration's navigation: not found (also for people who are no administrator), a refused form. */
export function MessagePage({ lang, title, body }: { lang: "nl" | "en"; title: string; body: string }) {
  return (
    <Layout meta={{ lang, title: `${title} · Knooppunt` }}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href={`/?lang=${lang}`}>Knooppunt</a>
      </p>
    </Layout>
  );
}
