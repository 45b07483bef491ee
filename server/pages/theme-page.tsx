/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import { translate, kindKey } from "../../shared/i18n";
import type { FeedFormat } from "../../shared/delivery-schemas";
import type { ThemePage as ThemePageData } from "../services/feeds";
import { httpOnly, Layout } from "./layout";
import { themeText, type PageLanguage } from "./theme-messages";

const FEED_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml",
  rss: "application/rss+xml",
  json: "application/feed+json",
};
const FORMATS: FeedFormat[] = ["atom", "rss", "json"];

/** /t/:slug: a theme's public bundles and items, with its feeds for readers to subscribe to. */
export function ThemePage({ page, lang }: { page: ThemePageData; lang: PageLanguage }) {
  const t = (key: Parameters<typeof themeText>[1], params?: Record<string, string | number>) => themeText(lang, key, params);
  const name = page.theme.name[lang];
  const description = page.theme.description[lang];
  const other: PageLanguage = lang === "nl" ? "en" : "nl";
  return (
    <Layout
      meta={{
        lang,
        title: `${name} — Knooppunt`,
        description: description || undefined,
        url: page.url,
        alternates: FORMATS.map((format) => ({ type: FEED_TYPES[format], title: `${name} (${t(`theme.feed.${format}`)})`, href: page.feeds[format] })),
      }}
    >
      <nav class="no-print">
        <span class="brand">Knooppunt</span>
        {" · "}
        <a href={`?lang=${other}`} hreflang={other} lang={other}>
          {t("theme.language")}
        </a>
      </nav>
      <p class="muted">
        {t("theme.kicker")}
        {page.parent ? (
          <>
            {" · "}
            <a href={`/t/${page.parent.slug}?lang=${lang}`}>{t("theme.partOf", { parent: page.parent.name[lang] })}</a>
          </>
        ) : null}
      </p>
      <h1>{name}</h1>
      {description ? <p>{description}</p> : null}
      {page.subThemes.length ? (
        <section aria-labelledby="sub-themes">
          <h2 id="sub-themes">{t("theme.subThemes")}</h2>
          <ul class="chips">
            {page.subThemes.map((sub) => (
              <li>
                <a href={`/t/${sub.slug}?lang=${lang}`}>{sub.name[lang]}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="follow" class="no-print">
        <h2 id="follow">{t("theme.follow")}</h2>
        <p class="muted">{t("theme.followHint")}</p>
        <ul class="chips">
          {FORMATS.map((format) => (
            <li>
              <a href={page.feeds[format]} type={FEED_TYPES[format]}>
                {t(`theme.feed.${format}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="bundles">
        <h2 id="bundles">{t("theme.bundles")}</h2>
        {page.bundles.length === 0 ? <p class="muted">{t("theme.noBundles")}</p> : null}
        {page.bundles.map((bundle) => (
          <article class="entry">
            <div>
              <h3>
                <a href={bundle.url}>{bundle.title}</a>
              </h3>
              <p class="muted">{t("theme.itemCount", { count: bundle.itemCount })}</p>
              {bundle.about ? <p>{bundle.about}</p> : null}
              {bundle.use ? (
                <p class="note">
                  <strong>{t("theme.use")}</strong> {bundle.use}
                </p>
              ) : null}
            </div>
          </article>
        ))}
      </section>

      <section aria-labelledby="items">
        <h2 id="items">{t("theme.items")}</h2>
        {page.items.length === 0 ? <p class="muted">{t("theme.noItems")}</p> : null}
        {page.items.map((item) => {
          const notes = item.notes.map((n) => n.note.trim()).filter(Boolean);
          return (
            <article class="entry">
              <div>
                <h3>
                  <a href={httpOnly(item.url) ?? undefined} rel="noopener">
                    {item.title}
                  </a>
                </h3>
                <p class="muted">{[translate(lang, kindKey(item.kind)), item.siteName, item.author].filter(Boolean).join(" · ")}</p>
                {notes.map((note) => (
                  <p class="note">{note}</p>
                ))}
                {item.excerpt ? <p>{item.excerpt}</p> : null}
              </div>
              {httpOnly(item.imageUrl) ? <img src={httpOnly(item.imageUrl)!} alt="" loading="lazy" /> : null}
            </article>
          );
        })}
      </section>
    </Layout>
  );
}

function ThemeNotFound({ lang }: { lang: PageLanguage }) {
  return (
    <Layout meta={{ lang, title: themeText(lang, "theme.notFound.title") }}>
      <h1>{themeText(lang, "theme.notFound.title")}</h1>
      <p>{themeText(lang, "theme.notFound.body")}</p>
    </Layout>
  );
}

// hono/jsx renders elements only; the doctype keeps browsers in standards mode (as on the bundle page).
export const renderThemePage = (page: ThemePageData, lang: PageLanguage) => html`<!doctype html>${<ThemePage page={page} lang={lang} />}`;
export const renderThemeNotFound = (lang: PageLanguage) => html`<!doctype html>${<ThemeNotFound lang={lang} />}`;
