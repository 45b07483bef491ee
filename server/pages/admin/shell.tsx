/** @jsxImportSource hono/jsx */
/**
 * What every administration page shares: the navigation, the notice after a change, and form fields that
 * carry their label, hint and error (so a screen reader hears why a field was refused).
 */
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import { adminText, type AdminTextKey } from "../../../shared/i18n/pages/admin";
import type { Language } from "../../../shared/i18n";
import { Layout } from "../layout";

export interface AdminPageContext {
  lang: Language;
  csrf: string;
  /** The page's path, for the language switch. */
  path: string;
  /** A message after a change (303 back with ?notice=…), already in the reader's language. */
  notice?: string | null;
}

/** A form shown again after it was refused: what was typed and what is wrong, per field. */
export interface FormState {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  summary?: string | null;
}

export const stateFor = (state: FormState | null | undefined, form: string): FormState | null => (state && state.form === form ? state : null);

const SECTIONS: [string, AdminTextKey][] = [
  ["/admin/people", "admin.people"],
  ["/admin/schools", "admin.schools"],
  ["/admin/institutes", "admin.institutes"],
  ["/admin/besturen", "admin.besturen"],
  ["/admin/communities", "admin.communities"],
  ["/admin/themes", "admin.themes"],
  ["/admin/providers", "admin.providers"],
  ["/admin/audit-log", "admin.auditLog"],
];

export const adminSections = SECTIONS;

/** Adds the page's language to an address inside the administration. */
export const withLang = (href: string, lang: Language) => `${href}${href.includes("?") ? "&" : "?"}lang=${lang}`;

const ADMIN_STYLE = `
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem 0.35rem 0; vertical-align: top; }
form.stack { display: grid; gap: 0.75rem; max-width: 34rem; margin: 0.5rem 0 1.5rem; }
form.inline { display: inline; }
label, legend { font-weight: 600; display: block; }
input[type=text], input[type=email], input[type=password], input[type=search], select, textarea { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #6b7a71; border-radius: 4px; width: 100%; box-sizing: border-box; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
fieldset label { font-weight: 400; display: inline; }
button { font: inherit; padding: 0.35rem 0.9rem; border-radius: 4px; border: 1px solid #155c39; background: #155c39; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #155c39; }
.hint { color: var(--muted); font-size: 0.9rem; margin: 0.15rem 0; }
.error { color: #a4161a; font-weight: 600; margin: 0.15rem 0; }
[aria-invalid=true] { border-color: #a4161a; border-width: 2px; }
.notice { background: #eef6f1; border-left: 4px solid var(--green); padding: 0.5rem 0.75rem; }
.problems { background: #fdeeee; border-left: 4px solid #a4161a; padding: 0.5rem 0.75rem; }
.admin-nav ul { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
main { max-width: 60rem; }
body > header { max-width: 60rem; }
code { overflow-wrap: anywhere; }
`;

export function AdminPage({ page, title, children }: { page: AdminPageContext; title: string; children: Child }) {
  const t = (key: AdminTextKey) => adminText(page.lang, key);
  const other: Language = page.lang === "nl" ? "en" : "nl";
  const header = (
    <nav class="admin-nav" aria-label={t("admin.nav")}>
      <a class="brand" href={withLang("/admin", page.lang)}>
        Knooppunt · {t("admin.title")}
      </a>
      {" · "}
      <a href={withLang(page.path, other)} hreflang={other} lang={other}>
        {t("admin.switchLanguage")}
      </a>
      <ul>
        {SECTIONS.map(([href, key]) => (
          <li>
            <a href={withLang(href, page.lang)} aria-current={page.path === href ? "page" : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
  return (
    <Layout meta={{ lang: page.lang, title: `${title} · ${t("admin.title")} · Knooppunt` }} header={header}>
      <style>{ADMIN_STYLE}</style>
      <h1>{title}</h1>
      {page.notice ? (
        <p class="notice" role="status">
          {page.notice}
        </p>
      ) : null}
      {children}
    </Layout>
  );
}

export const renderAdminPage = (page: Child) => html`<!doctype html>${page}`;

/** The hidden field that proves the form came from this site's page (requireCsrf reads it). */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** What was refused, at the top of the form, with links to each field. */
export function Problems({ state, lang }: { state: FormState | null; lang: Language }) {
  if (!state) return null;
  const fields = Object.entries(state.errors);
  return (
    <div class="problems" role="alert">
      <p>{adminText(lang, "admin.errorSummary")}</p>
      <ul>
        {state.summary ? <li>{state.summary}</li> : null}
        {fields.map(([name, message]) => (
          <li>
            <a href={`#${state.form}-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  form: string;
  name: string;
  label: string;
  state: FormState | null;
  value?: string | null;
  hint?: string;
  type?: "text" | "email" | "password" | "search";
  required?: boolean;
  autocomplete?: string;
  /** A textarea with this many rows (lists of codes, descriptions). */
  rows?: number;
}

export function Field(props: FieldProps) {
  const id = `${props.form}-${props.name}`;
  const error = props.state?.errors[props.name];
  const value = props.state ? (props.state.values[props.name] ?? "") : (props.value ?? "");
  const described = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name: props.name, "aria-describedby": described, "aria-invalid": error ? "true" : undefined, required: props.required };
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {value}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? "text"} value={value} autocomplete={props.autocomplete ?? "off"} />
      )}
    </div>
  );
}

export function Select(props: { form: string; name: string; label: string; state: FormState | null; value?: string | null; options: readonly (readonly [string, string])[] }) {
  const id = `${props.form}-${props.name}`;
  const error = props.state?.errors[props.name];
  const value = props.state ? props.state.values[props.name] : props.value;
  return (
    <div>
      <label for={id}>{props.label}</label>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? "true" : undefined}>
        {props.options.map(([v, label]) => (
          <option value={v} selected={v === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A one-button form: remove, disable, enable. */
export function ActionButton({
  action,
  csrf,
  label,
  what,
  fields = {},
  secondary = true,
}: {
  action: string;
  csrf: string;
  label: string;
  /** Said after the label to screen readers, so a table's many "Remove" buttons each name their row. */
  what?: string;
  fields?: Record<string, string>;
  secondary?: boolean;
}) {
  return (
    <form class="inline" method="post" action={action}>
      <CsrfField token={csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={secondary ? "secondary" : undefined}>
        {label}
        {what ? <span class="visually-hidden"> {what}</span> : null}
      </button>
    </form>
  );
}

export const listText = (values: readonly string[]) => values.join("\n");
