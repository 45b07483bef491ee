/**
 * The fields of a clip other than kind, video and text: title, site, author, date, image, icon,
 * canonical URL, excerpt, language and the quoted selection.
 */
import type { ExtractedVideo } from "../clip-request";
import { parseVideoUrl, videoPlatformName, youTubeStillUrl } from "../video";
import { type ItemKind, LIMITS } from "../vocabulary";
import { hasType, ldName, ldString, ldUrl } from "./json-ld";
import { findCanonicalRaw, itemprop, meta, metaAll, type Page } from "./page";
import { clip, firstText, httpUrl, singleLine, stripControls } from "./values";

export function findTitle(page: Page, kind: ItemKind, siteName: string | null): string {
  const documentTitle = singleLine(page.doc.querySelector("title")?.textContent ?? "");
  let title: string | null = null;
  if (kind === "document") {
    title = meaningfulPdfTitle(documentTitle, page) ? documentTitle : fileName(page);
  }
  title ??=
    firstText(
      meta(page, "og:title", "twitter:title"),
      ldTitle(page, documentTitle),
      meta(page, "citation_title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title"),
      documentTitle,
      page.doc.querySelector("h1")?.textContent,
    ) ?? urlTitle(page);

  const siteNames = [siteName, meta(page, "og:site_name"), meta(page, "application-name")].filter((name): name is string => Boolean(name));
  return clip(stripSiteSuffix(title, siteNames), LIMITS.title) ?? page.url?.hostname ?? "";
}

/**
 * The JSON-LD headline, unless the page's name is what <title> shows and the headline is not: Wikipedia
 * puts a one-line description in headline.
 */
function ldTitle(page: Page, documentTitle: string): string | null {
  if (!page.ldMain) return null;
  const headline = ldString(page.ldMain["headline"]);
  const name = ldString(page.ldMain["name"]);
  if (headline && name && headline !== name) {
    const shown = documentTitle.toLowerCase();
    const at = shown.indexOf(name.toLowerCase());
    // As <title> writes it: Wikipedia's name is "T-distributed…", its page "t-distributed…".
    if (at >= 0 && !shown.includes(headline.toLowerCase())) return documentTitle.slice(at, at + name.length);
  }
  return headline ?? name;
}

function stripSiteSuffix(raw: string, siteNames: string[]): string {
  // The New York Times marks articles from its archive in og:title; the article's title is without it.
  const title = raw.replace(/\s+\(Published \d{4}\)$/, "");
  const names = siteNames.map((name) => singleLine(name).toLowerCase());
  for (const separator of TITLE_SEPARATORS) {
    const index = title.indexOf(separator);
    if (index <= 0) continue;
    // "… | CNN Politics", "… | DW | 19.01.2020": the site's name, perhaps with a section or a date after it.
    const suffix = title.slice(index + separator.length).trim().toLowerCase();
    if (names.some((name) => suffix === name || suffix.startsWith(`${name} `))) return title.slice(0, index).trim();
  }
  return title;
}

/** Chrome shows a PDF's metadata title when it has one; often that is a file name or Word's leftovers. */
function meaningfulPdfTitle(title: string, page: Page): boolean {
  if (!title || title === page.url?.href) return false;
  if (/\.(pdf|docx?|odt|pptx?|xlsx?)$/i.test(title)) return false;
  if (/^(microsoft (word|powerpoint|excel) - |untitled|naamloos|document\d*$)/i.test(title)) return false;
  const name = fileName(page);
  return !name || title.toLowerCase() !== name.toLowerCase();
}

function fileName(page: Page): string | null {
  const last = page.url?.pathname.split("/").filter(Boolean).pop();
  if (!last) return null;
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A stray % in the name: keep it as written.
  }
  return singleLine(decoded.replace(/\.[a-z0-9]{1,5}$/i, "")) || null;
}

function urlTitle(page: Page): string {
  if (!page.url) return "";
  return fileName(page) ?? page.url.hostname;
}

export function findSiteName(page: Page): string | null {
  const publisherOf = page.ldMain ?? page.ld.find((node) => node["publisher"] !== undefined);
  const publisher = publisherOf ? ldName(page, publisherOf["publisher"]) : null;
  const website = page.ld.find((node) => hasType(node, (type) => type === "WebSite"));
  return firstText(
    meta(page, "og:site_name"),
    // "… - Wikipedia" on wikipedia.org names the site; the JSON-LD publisher is the foundation behind it.
    titleSuffixSite(page, true),
    publisher,
    website ? ldString(website["name"]) : null,
    meta(page, "application-name", "publisher", "dc.publisher", "dcterms.publisher", "citation_publisher", "citation_journal_title"),
    titleSuffixSite(page),
    // On a video platform the head can be stale (see Page.staleHead), but the platform is certain.
    videoPlatformName(parseVideoUrl(page.url?.href)),
  );
}

const TITLE_SEPARATORS = [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » "];

/**
 * "… | smitten kitchen", "… - Wikipedia": the part after the last separator in <title> is the site when
 * the part before it is the page's own title, or when it spells the site's address.
 */
function titleSuffixSite(page: Page, onlySpellingHost = false): string | null {
  if (page.staleHead) return null;
  const documentTitle = singleLine(page.doc.querySelector("title")?.textContent ?? "");
  const ownTitles = [meta(page, "og:title", "twitter:title"), page.doc.querySelector("h1")?.textContent]
    .map((title) => (title ? singleLine(title).toLowerCase() : ""))
    .filter(Boolean);
  const host = (page.url?.hostname ?? "").toLowerCase().replace(/^www\./, "");
  for (const separator of TITLE_SEPARATORS) {
    const index = documentTitle.lastIndexOf(separator);
    if (index <= 0) continue;
    const head = documentTitle.slice(0, index).trim().toLowerCase();
    // "NDR.de - Nachrichten - NDR Info": the site is the first part, the rest its sections.
    const suffix = documentTitle
      .slice(index + separator.length)
      .split(/\s+[|·–—-]\s+/)[0]!
      .trim();
    if (!suffix || suffix.length > 60) continue;
    const letters = suffix.toLowerCase().replace(/[^a-z0-9]/g, "");
    const spellsHost = letters.length >= 2 && host.replace(/[^a-z0-9]/g, "").includes(letters);
    if (spellsHost || (!onlySpellingHost && ownTitles.includes(head))) return suffix;
  }
  return null;
}

export function findImage(page: Page, video: ExtractedVideo | null): string | null {
  // Lazily, in order: the body-wide searches at the end are the costly ones and rarely needed.
  const candidates: (() => string | null | undefined)[] = [
    ...metaAll(page, "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src").map((url) => () => url),
    () => (page.ldMain ? ldUrl(page, page.ldMain["image"]) : null),
    () => (page.ldMain ? ldUrl(page, page.ldMain["thumbnailUrl"]) : null),
    () => (page.staleHead ? null : page.doc.querySelector('link[rel~="image_src"]')?.getAttribute("href")),
    () => itemprop(page, "image"),
    () => itemprop(page, "thumbnailUrl"),
    // A poster is a still the page chose itself; on a page that is not a video it is still better than none.
    () => (page.staleHead || page.large ? null : page.doc.querySelector("video[poster]")?.getAttribute("poster")),
    // YouTube always serves this thumbnail; useful when the head is stale or missing.
    () => (video?.provider === "youtube" && video.id ? youTubeStillUrl(video.id) : null),
  ];
  for (const candidate of candidates) {
    const url = httpUrl(candidate(), page.base);
    if (url) return url;
  }
  return null;
}

export function findFavicon(page: Page): string | null {
  const links = [...page.doc.querySelectorAll("link[rel][href]")].map((link) => ({
    rel: link.getAttribute("rel")!.toLowerCase().split(/\s+/),
    href: link.getAttribute("href"),
  }));
  const icons = [
    ...links.filter((link) => link.rel.includes("icon")),
    ...links.filter((link) => link.rel.includes("apple-touch-icon") || link.rel.includes("apple-touch-icon-precomposed")),
  ];
  for (const icon of icons) {
    const url = httpUrl(icon.href, page.base);
    if (url) return url;
  }
  // Browsers ask for /favicon.ico when a page declares nothing; so do we.
  return page.url ? httpUrl("/favicon.ico", page.url.href) : null;
}

/**
 * Only <link rel=canonical>; og:url is left alone because misconfigured sites point it at their home page,
 * which would fold every page of the site into one library item.
 */
export function findCanonical(page: Page): string | null {
  return httpUrl(findCanonicalRaw(page), page.base);
}

export function findExcerpt(page: Page): string | null {
  return firstText(
    meta(page, "og:description", "description", "twitter:description"),
    page.ldMain ? ldString(page.ldMain["description"]) : null,
    meta(page, "dc.description", "dcterms.description", "dcterms.abstract", "citation_abstract"),
  );
}

export function findLanguage(page: Page): string | null {
  // Lazily: <html lang> is nearly always there, and the microdata lookup is the costly one.
  const candidates: (() => string | null | undefined)[] = [
    () => page.doc.documentElement?.getAttribute("lang"),
    () => page.doc.documentElement?.getAttribute("xml:lang"),
    () => meta(page, "content-language"),
    () => (page.ldMain ? ldString(page.ldMain["inLanguage"]) : null),
    () => itemprop(page, "inLanguage"),
    () => meta(page, "og:locale", "dc.language", "dcterms.language", "citation_language"),
  ];
  for (const candidate of candidates) {
    const tag = normaliseLanguage(candidate());
    if (tag) return tag;
  }
  return null;
}

/** BCP 47 casing (nl, nl-NL, sr-Latn); og:locale's nl_NL becomes nl-NL; "und" and junk give null. */
function normaliseLanguage(raw: string | null | undefined): string | null {
  const value = raw?.split(",")[0]?.trim().replace(/_/g, "-");
  if (!value || value.length > 35 || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value)) return null;
  const [primary, ...rest] = value.split("-");
  if (primary!.toLowerCase() === "und") return null;
  const subtags = rest.map((part) =>
    part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase(),
  );
  return [primary!.toLowerCase(), ...subtags].join("-");
}

export function cleanQuote(selection: string | null | undefined): string | null {
  if (!selection) return null;
  // Keep paragraph breaks from the selection, but not runs of blank lines or indentation.
  const text = stripControls(selection)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return clip(text, LIMITS.quote);
}
