/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import { translate, kindKey, type Language, type MessageKey } from "../../shared/i18n";
import { FEED_FORMATS, FEED_MEDIA_TYPES } from "../../shared/feeds";
import type { ThemePage as ThemePageData } from "../services/feeds/theme-page";
import { httpOnly, Layout } from "./layout";


/** /t/:slug: a theme's public bundles and items, with its feeds for readers to subscribe to. */
export function ThemePage({ page, lang }: { page: ThemePageData; lang: Language }) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const name = page.theme.name[lang];
  const description = page.theme.description[lang];
  const other: Language = lang === "nl" ? "en" : "nl";
  return (
    <Layout
      meta={{
        lang,
        title: `${name} — Knooppunt`,
        description: description || undefined,
        url: page.url,
        alternates: FEED_FORMATS.map((format) => ({ type: FEED_MEDIA_TYPES[format], title: `${name} (${t(`theme.feed.${format}`)})`, href: page.feeds[format] })),
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
            <a href={`${page.themeUrls[page.parent.slug]}?lang=${lang}`}>{t("theme.partOf", { parent: page.parent.name[lang] })}</a>
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
                <a href={`${page.themeUrls[sub.slug]}?lang=${lang}`}>{sub.name[lang]}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="follow" class="no-print">
        <h2 id="follow">{t("theme.follow")}</h2>
        <p class="muted">{t("theme.followHint")}</p>
        <ul class="chips">
          {FEED_FORMATS.map((format) => (
            <li>
              <a href={page.feeds[format]} type={FEED_MEDIA_TYPES[format]}>
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
                  <strong>{t("bundle.use")}</strong> {bundle.use}
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

function ThemeNotFound({ lang }: { lang: Language }) {
  return (
    <Layout meta={{ lang, title: translate(lang, "theme.notFound.title") }}>
      <h1>{translate(lang, "theme.notFound.title")}</h1>
      <p>{translate(lang, "theme.notFound.body")}</p>
    </Layout>
  );
}

// hono/jsx renders elements only; the doctype keeps browsers in standards mode (as on the bundle page).
export const renderThemePage = (page: ThemePageData, lang: Language) => html`<!doctype html>${<ThemePage page={page} lang={lang} />}`;
export const renderThemeNotFound = (lang: Language) => html`<!doctype html>${<ThemeNotFound lang={lang} />}`;
