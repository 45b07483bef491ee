/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import { translate, type Language, type MessageKey } from "../../shared/i18n";
import { FEED_FORMATS, FEED_MEDIA_TYPES } from "../../shared/feeds";
import type { HomePage as HomePageData, HomeTheme } from "../services/taxonomy/home-page";
import { Layout } from "./layout";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A catalogue sentence with some of its `{placeholders}` filled by elements (an address as <code>): the
 * sentence stays whole in the catalogue, in each language's own word order.
 */
function sentence(text: string, parts: Record<string, Child>): Child[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
}

/** Each feed's link reads in full to a screen reader ("Atom-feed van NT2"), short on the screen ("Atom"). */
function FeedLinks({ theme, lang, t }: { theme: HomeTheme; lang: Language; t: Translate }) {
  const name = theme.name[lang];
  return (
    <ul class="chips" aria-label={t("home.feedsOf", { theme: name })}>
      {FEED_FORMATS.map((format) => (
        <li>
          <a href={theme.feeds[format]} type={FEED_MEDIA_TYPES[format]}>
            {t(`home.feed.${format}`)}
            <span class="visually-hidden">{t("home.feedFor", { theme: name })}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function SubThemes({ theme, lang, t }: { theme: HomeTheme; lang: Language; t: Translate }) {
  if (!theme.subThemes.length) return null;
  return (
    <ul class="sub" aria-label={t("home.subThemesOf", { theme: theme.name[lang] })}>
      {theme.subThemes.map((sub) => (
        <li>
          <a href={`${sub.page}?lang=${lang}`}>{sub.name[lang]}</a> <FeedLinks theme={sub} lang={lang} t={t} />
          <SubThemes theme={sub} lang={lang} t={t} />
        </li>
      ))}
    </ul>
  );
}

/** /: what Knooppunt is, its themes with their pages and feeds, how to get the extension and sign in. */
export function HomePage({ page, lang }: { page: HomePageData; lang: Language }) {
  const t: Translate = (key, params) => translate(lang, key, params);
  const other: Language = lang === "nl" ? "en" : "nl";
  const code = (text: string) => <code>{text}</code>;
  const header = (
    <nav aria-label={t("home.nav")}>
      <span class="brand">Knooppunt</span>
      {" · "}
      <a href={`?lang=${other}`} hreflang={other} lang={other}>
        {t("page.switchLanguage")}
      </a>
    </nav>
  );
  return (
    <Layout meta={{ lang, title: t("home.title"), description: t("home.description"), url: page.url }} header={header}>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>

      <section aria-labelledby="themes">
        <h2 id="themes">{t("home.themes")}</h2>
        <p class="muted">{t("home.themesHint")}</p>
        {page.themes.length === 0 ? <p class="muted">{t("home.noThemes")}</p> : null}
        <ul class="tree">
          {page.themes.map((theme) => (
            <li>
              <h3>
                <a href={`${theme.page}?lang=${lang}`}>{theme.name[lang]}</a>
              </h3>
              {theme.description[lang] ? <p class="muted">{theme.description[lang]}</p> : null}
              <FeedLinks theme={theme} lang={lang} t={t} />
              <SubThemes theme={theme} lang={lang} t={t} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="extension">
        <h2 id="extension">{t("home.extension")}</h2>
        <p>{t("home.extensionIntro")}</p>
        <h3>{t("home.chromeEdge")}</h3>
        <ol>
          <li>{sentence(t("home.chrome.open"), { chromePage: code("chrome://extensions"), edgePage: code("edge://extensions") })}</li>
          <li>{t("home.chrome.developerMode")}</li>
          <li>{sentence(t("home.chrome.loadUnpacked"), { folder: code("chrome-mv3") })}</li>
        </ol>
        <h3>{t("home.firefox")}</h3>
        <ol>
          <li>{sentence(t("home.firefox.open"), { firefoxPage: code("about:debugging#/runtime/this-firefox") })}</li>
          <li>{sentence(t("home.firefox.load"), { manifest: code("manifest.json"), folder: code("firefox-mv3") })}</li>
        </ol>
        <p class="muted">{t("home.firefox.temporary")}</p>
      </section>

      <section aria-labelledby="sign-in">
        <h2 id="sign-in">{t("home.signIn")}</h2>
        <p>{t("home.signIn.account")}</p>
        <ol>
          <li>{t("home.signIn.openSettings", { button: t("popup.openOptions") })}</li>
          <li>{sentence(t("home.signIn.fill", { serverLabel: t("options.server"), schoolSignIn: t("schoolSignIn.button"), signIn: t("options.signIn") }), { address: code(page.serverAddress) })}</li>
        </ol>
        <p>{t("home.signIn.schoolAccount")}</p>
        <ul class="chips">
          <li>
            <a href={`/login?lang=${lang}`}>{t("home.signIn.loginPage")}</a>
          </li>
          <li>
            <a href="/app">{t("home.signIn.webApp")}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

// hono/jsx renders elements only; the doctype keeps browsers in standards mode (as on the other pages).
export const renderHomePage = (page: HomePageData, lang: Language) => html`<!doctype html>${<HomePage page={page} lang={lang} />}`;
