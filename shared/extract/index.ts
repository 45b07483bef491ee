/**
 * Page extraction for the clipper: turns the DOM of the page a teacher is reading into the fields of
 * `POST /api/v1/items`. Runs inside the page (bundled and injected with scripting.executeScript) and in
 * Node tests under jsdom, so it touches only the `Document` it is given: no `window`, no `chrome`, no
 * DOM globals such as `Node` or `NodeFilter` (jsdom does not install them in Node).
 *
 * Everything here is a best guess from what the page says about itself; the person can correct title and
 * kind in the popup, and the server normalises URLs and decides whether a canonical URL is same-site.
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
  const readable = readableContent(doc);
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
      author: clip(findAuthor(page, readable.byline), LIMIT_AUTHOR),
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
