/** @jsxImportSource hono/jsx */
import { html } from "hono/html";
import { kindKey, sectorKey, translate, type Language, type MessageKey } from "../../shared/i18n";
import type { BundleEntry } from "../../shared/schemas";
import { FEED_MEDIA_TYPES } from "../../shared/feeds";
import { paragraphs } from "../../shared/text";
import { youTubeStillUrl } from "../../shared/video";
import type { BundlePageView } from "../services/bundles/page";
import { httpOnly, Layout } from "./layout";

const LOCALES: Record<Language, string> = { nl: "nl-NL", en: "en-GB" };

// Stored URLs were validated as http(s) when clipped; checking again here keeps a javascript: link out of
// the page even if a row was written some other way.

// Built once per language: a page formats a date per item.
const DATES = {
  nl: new Intl.DateTimeFormat(LOCALES.nl, { dateStyle: "long", timeZone: "Europe/Amsterdam" }),
  en: new Intl.DateTimeFormat(LOCALES.en, { dateStyle: "long", timeZone: "Europe/Amsterdam" }),
};
const LISTS = { nl: new Intl.ListFormat(LOCALES.nl, { type: "conjunction" }), en: new Intl.ListFormat(LOCALES.en, { type: "conjunction" }) };

function formatDate(lang: Language, value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return DATES[lang].format(time);
}

function formatDuration(seconds: number | null | undefined): string | null {
  if (!seconds) return null;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A YouTube video without an image of its own still gets its still; nothing else is fetched from the provider. */
function thumbnailOf(entry: BundleEntry): string | null {
  const own = httpOnly(entry.imageUrl);
  if (own) return own;
  return entry.video?.provider === "youtube" && entry.video.id ? youTubeStillUrl(entry.video.id) : null;
}

/**
 * An item's image in a box of fixed size with a plain background, so an image that does not load leaves
 * the box and nothing else (the page runs no script to hide it). Decorative: the title beside it says what
 * it is, and an empty alt keeps a failed image's text from spilling over the layout.
 */
const Thumbnail = ({ src }: { src: string }) => (
  <span class="thumb">
    <img src={src} alt="" loading="lazy" />
  </span>
);

/** Broker texts are plain text: blank lines make paragraphs, single newlines line breaks. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((lines) => (
        <p>
          {lines.map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

function Entry({ entry, position, lang, themeName }: { entry: BundleEntry; position: number; lang: Language; themeName: (slug: string) => string }) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const href = httpOnly(entry.url);
  const thumbnail = thumbnailOf(entry);
  const duration = formatDuration(entry.video?.durationSeconds);
  const details = [
    translate(lang, kindKey(entry.kind)),
    entry.siteName,
    entry.author ? t("page.by", { author: entry.author }) : null,
    formatDate(lang, entry.publishedAt),
    duration ? t("page.duration", { duration }) : null,
  ].filter(Boolean);
  return (
    <article class="entry">
      <div>
        <h3>
          {position}. {href ? <a href={href}>{entry.title}</a> : entry.title}
        </h3>
        <p class="muted">{details.join(" · ")}</p>
        {entry.noLongerShared ? <p class="muted no-longer-shared">{t("bundle.noLongerShared")}</p> : null}
        {entry.note ? (
          <div class="note">
            <strong>{t("page.brokerNote")}</strong>
            <Paragraphs text={entry.note} />
          </div>
        ) : null}
        {entry.excerpt ? <p>{entry.excerpt}</p> : null}
        {entry.themes.length ? (
          <ul class="chips">
            {entry.themes.map((slug) => (
              <li>{themeName(slug)}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {/* Not a second link: on paper every link prints its address, and the title already links. */}
      {thumbnail ? (
        entry.video ? (
          <figure class="video">
            <Thumbnail src={thumbnail} />
            <figcaption class="muted">▶ {duration ?? t("page.watch")}</figcaption>
          </figure>
        ) : (
          <Thumbnail src={thumbnail} />
        )
      ) : null}
    </article>
  );
}

function BundlePage({ view, lang }: { view: BundlePageView; lang: Language }) {
  const { snapshot } = view;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const themeName = (slug: string) => view.themeNames[slug]?.[lang] ?? slug;
  const other: Language = lang === "nl" ? "en" : "nl";
  const switchHref = `?${new URLSearchParams({ lang: other, ...(view.key ? { key: view.key } : {}) })}`;
  const names = LISTS[lang].format(snapshot.curators.map((c) => c.name));
  const count = snapshot.entries.length;
  const firstImage = snapshot.entries.map(thumbnailOf).find(Boolean) ?? null;

  return (
    <Layout
      meta={{
        lang,
        title: snapshot.title,
        description: (snapshot.about || snapshot.use).replace(/\s+/g, " ").trim().slice(0, 300) || undefined,
        url: view.url,
        image: firstImage,
        alternates:
          snapshot.audience === "public"
            ? [
                { type: FEED_MEDIA_TYPES.atom, title: snapshot.title, href: view.feeds.atom },
                { type: FEED_MEDIA_TYPES.json, title: snapshot.title, href: view.feeds.json },
              ]
            : [],
      }}
    >
      <header>
        <nav class="no-print">
          <a href={switchHref} hreflang={other} lang={other}>
            {t("page.switchLanguage")}
          </a>
        </nav>
        <p class="muted">
          <span class="brand">Knooppunt</span> · {t("bundle.kicker")}
        </p>
        <h1>{snapshot.title}</h1>
        <p class="muted">
          {names ? <>{t("bundle.curatedBy", { names })} · </> : null}
          {t("page.published", { date: formatDate(lang, snapshot.publishedAt) ?? "" })}
          {view.version > 1 ? ` (${t("page.version", { version: view.version })})` : null}
        </p>
        {view.latestVersion > view.version ? <p class="muted no-print" data-testid="offered-version">{t("page.offeredVersion", { latest: view.latestVersion })}</p> : null}
        {snapshot.themes.length ? (
          <ul class="chips" aria-label={t("page.themes")}>
            {snapshot.themes.map((slug) => (
              <li>{themeName(slug)}</li>
            ))}
          </ul>
        ) : null}
        {snapshot.sector.length ? (
          <p class="muted">
            {t("page.sector")}: {snapshot.sector.map((s) => t(sectorKey(s))).join(", ")}
          </p>
        ) : null}
      </header>

      {snapshot.about ? (
        <section>
          <h2>{t("bundle.about")}</h2>
          <Paragraphs text={snapshot.about} />
        </section>
      ) : null}
      {snapshot.use ? (
        <section>
          <h2>{t("bundle.use")}</h2>
          <Paragraphs text={snapshot.use} />
        </section>
      ) : null}

      <section>
        <h2>
          {t("page.items")} <span class="muted">({count === 1 ? t("page.itemCount.one") : t("page.itemCount.other", { count })})</span>
        </h2>
        {snapshot.entries.map((entry, i) => (
          <Entry entry={entry} position={i + 1} lang={lang} themeName={themeName} />
        ))}
      </section>

      <footer class="muted">
        {/* On paper the link must work for colleagues without an account, so it keeps the school's key. */}
        <p>{t("page.onlineAt", { url: view.key ? `${view.url}?key=${view.key}` : view.url })}</p>
        <p class="no-print">{t("page.printHint")}</p>
      </footer>
    </Layout>
  );
}

function NotFoundPage({ lang }: { lang: Language }) {
  return (
    <Layout meta={{ lang, title: translate(lang, "page.notFound.title") }}>
      <h1>{translate(lang, "page.notFound.title")}</h1>
      <p>{translate(lang, "page.notFound.body")}</p>
    </Layout>
  );
}

// hono/jsx renders elements only; the doctype keeps browsers (and their print engines) in standards mode.
export const renderBundlePage = (view: BundlePageView, lang: Language) => html`<!doctype html>${<BundlePage view={view} lang={lang} />}`;

export const renderBundleNotFound = (lang: Language) => html`<!doctype html>${<NotFoundPage lang={lang} />}`;
