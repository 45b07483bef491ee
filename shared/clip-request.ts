/**
 * The shape of a read page and how it becomes a clip request. Kept apart from the extractor so the
 * popup can build requests without bundling Readability or zod.
 */
import type { CreateItemRequest } from "./schemas";
import { guessKindFromUrl } from "./url";
import { LIMITS, type ItemKind } from "./vocabulary";

export interface ExtractedVideo {
  provider: string;
  id: string | null;
  durationSeconds: number | null;
  embedUrl: string | null;
}

export interface ExtractedMeta {
  siteName: string | null;
  author: string | null;
  publishedAt: string | null;
  imageUrl: string | null;
  faviconUrl: string | null;
  excerpt: string | null;
  canonicalUrl: string | null;
  video: ExtractedVideo | null;
}

export interface ExtractedPage {
  url: string;
  title: string;
  kind: ItemKind;
  language: string | null;
  text: string | null;
  quote: string | null;
  meta: ExtractedMeta;
  /** What the page says it is about (meta keywords, article tags, JSON-LD keywords/about): for theme suggestions, not sent. */
  keywords: string[];
  /** The headings of the main content: for theme suggestions, not sent. */
  headings: string[];
}

/**
 * The `POST /api/v1/items` fields of an extracted page. The request schema has no nulls for
 * language/text/quote (absent means "not known"), so they are left out instead of sent as null.
 */
export function toCreateItemRequest(page: ExtractedPage): CreateItemRequest {
  const request: CreateItemRequest = { url: page.url, title: page.title, kind: page.kind, meta: page.meta };
  if (page.language) request.language = page.language;
  if (page.text) request.text = page.text;
  if (page.quote) request.quote = page.quote;
  return request;
}

/** What can be said of a tab whose page could not be read (a PDF viewer, say): address, title, icon. */
export function requestFromTab(url: string, title: string | undefined, favIconUrl: string | null | undefined): CreateItemRequest {
  return {
    url,
    // A tab's title can be anything (a PDF's file name, a page's whole heading): capped like an extracted one.
    title: title?.trim().slice(0, LIMITS.title) || undefined,
    kind: guessKindFromUrl(url),
    meta: favIconUrl && /^https?:\/\//i.test(favIconUrl) ? { faviconUrl: favIconUrl } : undefined,
  };
}
