/** @jsxImportSource hono/jsx */
import { teamsText, type TeamsTextKey } from "../../../shared/i18n/pages/teams";
import type { Language } from "../../../shared/vocabulary";
import type { TabChoice, TabChoices } from "../../services/teams/tab-choices";
import { Layout } from "../layout";

const FORM_STYLE = `
form.choose { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 1rem 0; }
form.choose label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
form.choose select, .address input { font: inherit; padding: 0.45rem; border: 1px solid #8a968f; border-radius: 6px; max-width: 100%; }
form.choose button { font: inherit; font-weight: 600; padding: 0.5rem 1.1rem; border-radius: 6px; border: 1px solid #155c39; background: #1f7a4d; color: #fff; cursor: pointer; }
.address { border: 2px solid #1f7a4d; border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; }
.address input { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 0.9rem; }
`;

export interface TeamsConfigureView {
  lang: Language;
  choices: TabChoices;
  /** What the person chose, when the form came back with a choice they may make. */
  chosen: TabChoice | null;
  /** The form came back with a value that is no (longer a) choice. */
  unknownChoice: boolean;
  /** This page in the other language, the choice kept. */
  switchTo: string;
  /** Where signing in returns to this page. */
  signInUrl: string;
  /** Addresses of the Teams JavaScript library and of our configure script, both on this server. */
  scripts: { teamsJs: string; configure: string };
  /** The operator's EMBED_ALLOW_ORIGINS, which the configure script lets speak for Teams as well. */
  teamsOrigins: readonly string[];
}

/**
 * The Teams tab's configuration page. Inside Teams its script (configure-script.ts) hands Teams the chosen
 * page when the person clicks Teams' Save; without script, or outside Teams, the form shows the chosen
 * page's address to paste into a Website tab or SharePoint's Embed web part.
 */
export function renderTeamsConfigurePage(v: TeamsConfigureView) {
  const t = (key: TeamsTextKey, params?: Record<string, string>) => teamsText(v.lang, key, params);
  const other: Language = v.lang === "nl" ? "en" : "nl";
  const header = (
    <nav aria-label={v.lang === "nl" ? "Taal" : "Language"}>
      <a class="brand" href={`/?lang=${v.lang}`} target="_blank" rel="noopener">
        Knooppunt
      </a>
      {" · "}
      <a href={v.switchTo} hreflang={other} lang={other}>
        {t("teams.configure.switchLanguage")}
      </a>
    </nav>
  );
  const option = (choice: TabChoice) => (
    <option value={choice.value} selected={choice.value === v.chosen?.value} data-url={choice.url}>
      {choice.name[v.lang]}
    </option>
  );
  return (
    <Layout meta={{ lang: v.lang, title: t("teams.configure.title") }} header={header}>
      <style>{FORM_STYLE}</style>
      <h1>{t("teams.configure.title")}</h1>
      <p>{t("teams.configure.intro")}</p>
      {v.unknownChoice ? (
        <p class="note" role="alert">
          {t("teams.configure.unknown")}
        </p>
      ) : null}
      {v.chosen ? (
        <section class="address" aria-labelledby="chosen-heading">
          <h2 id="chosen-heading">{t("teams.configure.chosen")}</h2>
          <label class="visually-hidden" for="tab-address">
            {t("teams.configure.address", { name: v.chosen.name[v.lang] })}
          </label>
          <input id="tab-address" type="text" readonly value={v.chosen.url} data-testid="tab-address" />
          <p>{t("teams.configure.copy")}</p>
          <p>{t("teams.configure.sharePoint")}</p>
          {v.chosen.value.startsWith("offer:") ? <p class="muted">{t("teams.configure.keyNote")}</p> : null}
        </section>
      ) : null}
      <form class="choose" method="get" action="/teams/configure" data-teams-origins={JSON.stringify(v.teamsOrigins)}>
        <input type="hidden" name="lang" value={v.lang} />
        <div>
          <label for="tab">{t("teams.configure.choose")}</label>
          <select id="tab" name="tab" required>
            <option value="" selected={!v.chosen}>
              {t("teams.configure.placeholder")}
            </option>
            <optgroup label={t("teams.configure.themes")}>{v.choices.themes.map(option)}</optgroup>
            {(v.choices.schools ?? [])
              .filter((s) => s.bundles.length > 0)
              .map((s) => (
                <optgroup label={t("teams.configure.bundles", { school: s.school })}>{s.bundles.map(option)}</optgroup>
              ))}
          </select>
        </div>
        <button type="submit">{t("teams.configure.show")}</button>
      </form>
      <p id="in-teams" class="note" hidden>
        {t("teams.configure.inTeams")}
      </p>
      {v.choices.schools === null ? (
        <p>
          {t("teams.configure.signInForBundles")} <a href={v.signInUrl} target="_blank" rel="noopener">
            {t("teams.configure.signIn")}
          </a>
        </p>
      ) : (
        v.choices.schools
          .filter((s) => s.bundles.length === 0)
          .map((s) => <p class="muted">{t("teams.configure.noBundles", { school: s.school })}</p>)
      )}
      <script src={v.scripts.teamsJs} defer></script>
      <script src={v.scripts.configure} defer></script>
    </Layout>
  );
}
