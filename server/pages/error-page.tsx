/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import { errorText, type ErrorTextKey } from "../../shared/i18n/pages/errors";
import type { Language } from "../../shared/vocabulary";
import { Layout } from "./layout";

const KNOWN = new Set([400, 401, 403, 404, 409, 413, 415, 429]);

/**
 * A failed request for a page, as a page: a person who follows a link or posts a form reads what happened
 * in their language, not the API's JSON. `csrf_failed` has its own words, because "reload and try again"
 * is all the person needs to know.
 */
export function renderErrorPage(status: number, code: string, lang: Language) {
  const key = code === "csrf_failed" ? "csrf" : KNOWN.has(status) ? String(status) : "500";
  const title = errorText(lang, `error.${key}.title` as ErrorTextKey);
  return html`<!doctype html>${(
    <Layout meta={{ lang, title: `${title} · Knooppunt` }}>
      <h1>{title}</h1>
      <p data-error={code}>{errorText(lang, `error.${key}.body` as ErrorTextKey)}</p>
      <p>
        {status === 401 ? (
          <>
            <a href={`/login?lang=${lang}`}>{errorText(lang, "error.signIn")}</a>
            {" · "}
          </>
        ) : null}
        <a href={`/?lang=${lang}`}>{errorText(lang, "error.home")}</a>
      </p>
    </Layout>
  )}`;
}
