/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import { translate, type Language, type MessageKey } from "../../shared/i18n";
import type { RegisterRow } from "../services/privacy/registry";
import { Layout } from "./layout";

/** /privacy: the register of personal data, made from the schema's registry, in the reader's language. */
export function PrivacyPage({ register, lang, url }: { register: RegisterRow[]; lang: Language; url: string }) {
  const t = (key: MessageKey) => translate(lang, key);
  const other: Language = lang === "nl" ? "en" : "nl";
  const header = (
    <nav aria-label={t("home.nav")}>
      <a class="brand" href={`/?lang=${lang}`}>
        Knooppunt
      </a>
      {" · "}
      <a href={`?lang=${other}`} hreflang={other} lang={other}>
        {t("page.switchLanguage")}
      </a>
    </nav>
  );
  return (
    <Layout meta={{ lang, title: t("privacy.title"), description: t("privacy.description"), url }} header={header}>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <h2>{t("privacy.rights")}</h2>
      <p>{t("privacy.rightsBody")}</p>
      <h2 id="register">{t("privacy.register")}</h2>
      <table aria-labelledby="register">
        <thead>
          <tr>
            <th scope="col">{t("privacy.table")}</th>
            <th scope="col">{t("privacy.columns")}</th>
            <th scope="col">{t("privacy.why")}</th>
            <th scope="col">{t("privacy.kept")}</th>
            <th scope="col">{t("privacy.seenBy")}</th>
          </tr>
        </thead>
        <tbody>
          {register.map((row) => (
            <tr>
              <td>
                <code>{row.table}</code>
              </td>
              <td>{row.columns.map((c, i) => [i ? ", " : "", <code>{c}</code>])}</td>
              <td>{row.why[lang]}</td>
              <td>{row.kept[lang]}</td>
              <td>{row.seenBy[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export const renderPrivacyPage = (register: RegisterRow[], lang: Language, url: string) =>
  html`<!doctype html>${<PrivacyPage register={register} lang={lang} url={url} />}`;
