/**
 * Page extraction for the clipper: turns the DOM of the page a teacher is reading into the fields of
 * `POST /api/v1/items`. Runs inside the page (bundled and injected with scripting.executeScript) and in
 * Node tests under jsdom, so it touches only the `Document` it is given: no `window`, no `chrome`, no
 * DOM globals such as `Node` or `NodeFilter` (jsdom does not install them in Node).
 *
 * Everything here is a best guess from what the page says about itself; the person can correct title and
 * kind in the popup, and the server normalises URLs and decides whether a canonical URL is same-site.
 *
 * Which source wins, field by field (first that gives a usable value; "LD" is the JSON-LD node the page
 * is about: an Article, Posting or Review, else a VideoObject, podcast or ImageObject, found at the top,
 * in @graph, or under mainEntity/article):
 *
 * | field     | 1st                    | then, in order                                                                                                  |
 * |-----------|------------------------|-----------------------------------------------------------------------------------------------------------------|
 * | title     | og:title, twitter:title| LD headline (its name when <title> shows the name and not the headline), citation_title, dc.title, parsely-title, sailthru.title, <title>, <h1>, file name |
 * | site      | og:site_name           | <title> suffix that spells the address, LD publisher.name, LD WebSite name, application-name, publisher, dc.publisher, citation_publisher/journal_title, <title> suffix, video platform |
 * | author    | citation_author        | LD author/creator (people before an Organization), article:author (a name, not a URL), author, dc.creator, parsely-author/byline/byl/sailthru.author, parsely-page, itemprop=author of the page's own item, the first element marked as byline (rel/itemprop=author, byline/author class or id, a link to an author page; its links' names when it has them), .byline text |
 * | date      | article:published_time | LD datePublished/uploadDate/dateCreated, citation_*date, dc.date*, parsely-pub-date/sailthru.date/…, itemprop datePublished/uploadDate, <time datetime>/<abbr title> in the article or header |
 * | image     | og:image, twitter:image| LD image/thumbnailUrl, link rel=image_src, itemprop image/thumbnailUrl, <video poster>, YouTube still            |
 * | language  | <html lang>            | xml:lang, content-language, LD inLanguage, itemprop inLanguage, og:locale, dc.language, citation_language      |
 *
 * An author that is the site's or publisher's own name is passed over; "A, B and C" is three people.
 * Meta keys are read from name, property and itemprop alike, each key of a multi-key attribute counts, and
 * dc:x is DC.x. Never the modified date. Every value is cleaned (authors of "By ", e-mail and what a byline
 * prints after the name; dates to ISO, numeric ones month-first only on American English pages; URLs made
 * absolute against <base href>). On hostile pages the work is capped: 2,000 meta tags, 50 JSON-LD blocks of
 * at most 1 MB, and past 8,000 elements no body-wide search (see Page.large). Readability is not run: the
 * readable text comes from the element the page marks as its article (see readable-text.ts).
 */
import type { ExtractedPage } from "../clip-request";
import { LIMITS, type ItemKind } from "../vocabulary";
import { classify } from "./kind";
import { findAuthor } from "./author";
import { cleanQuote, findCanonical, findExcerpt, findFavicon, findImage, findLanguage, findSiteName, findTitle } from "./metadata";
import { readPage } from "./page";
import { findPublishedAt } from "./published-date";
import { readableContent } from "./readable-text";
import { findHeadings, findKeywords } from "./topics";
import { clip, cut } from "./values";

export type { ExtractedMeta, ExtractedPage, ExtractedVideo } from "../clip-request";
export { toCreateItemRequest } from "../clip-request";
export { parseVideoUrl } from "../video";
export { normaliseDate, parseIsoDuration } from "./values";

export interface ExtractOptions {
  /** The person's text selection (window.getSelection().toString()); becomes the quote. */
  selection?: string | null;
  /** Cap for the readable text; never more than LIMITS.text. */
  maxTextLength?: number;
  /** The document's MIME type when known (Chrome's PDF viewer tab reports application/pdf). */
  contentType?: string | null;
}

const LIMIT_SITE_NAME = 200;
const LIMIT_AUTHOR = 300;

export function extractPage(doc: Document, pageUrl: string, options: ExtractOptions = {}): ExtractedPage {
  const page = readPage(doc, pageUrl, options.contentType);
  const { kind, video } = classify(page);
  const readable = readableContent(doc, page.large);
  const maxText = Math.max(0, Math.min(options.maxTextLength ?? LIMITS.text, LIMITS.text));

  const siteName = clip(findSiteName(page), LIMIT_SITE_NAME);
  const language = findLanguage(page);
  return {
    url: pageUrl.trim(),
    title: findTitle(page, kind, siteName),
    kind,
    language,
    text: readable.text ? cut(readable.text, maxText) || null : null,
    quote: cleanQuote(options.selection),
    meta: {
      siteName,
      author: clip(findAuthor(page), LIMIT_AUTHOR),
      publishedAt: findPublishedAt(page, language),
      imageUrl: findImage(page, video),
      faviconUrl: findFavicon(page),
      excerpt: clip(findExcerpt(page) ?? readable.excerpt, LIMITS.excerpt),
      canonicalUrl: page.staleHead ? null : findCanonical(page),
      video,
    },
    keywords: findKeywords(page),
    headings: findHeadings(page),
  };
}

/** The kind the page looks like; the same guess extractPage makes, without reading the text. */
export function detectKind(doc: Document, pageUrl: string, options: Pick<ExtractOptions, "contentType"> = {}): ItemKind {
  return classify(readPage(doc, pageUrl, options.contentType)).kind;
}
