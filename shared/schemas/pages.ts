/**
 * Reading a page on the server (`POST /api/v1/pages/facts`): the web app sends the address a person
 * pasted or shared and gets back what the extension would have read from the open tab.
 */
import { z } from "zod";
import { ErrorBody, ItemKind } from "./common";

/**
 * Any string up to the URL cap: whether it is an address the server may read is the service's call, and
 * a refusal names its rule (`reason`) rather than arriving as a bare validation issue.
 */
export const PageFactsRequest = z.object({ url: z.string().trim().min(1).max(4096) });
export type PageFactsRequest = z.infer<typeof PageFactsRequest>;

const ExtractedVideo = z.object({
  provider: z.string(),
  id: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  embedUrl: z.string().nullable(),
});

/** shared/clip-request.ts's ExtractedPage, for the OpenAPI document; the web app turns it into a clip with toCreateItemRequest. */
export const ExtractedPageFacts = z.object({
  /** The address the page was read at: the submitted one after any redirects. */
  url: z.string(),
  title: z.string(),
  kind: ItemKind,
  language: z.string().nullable(),
  text: z.string().nullable(),
  /** Always null here: a quote is what a person selected, and nobody selected anything. */
  quote: z.string().nullable(),
  meta: z.object({
    siteName: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: z.string().nullable(),
    imageUrl: z.string().nullable(),
    faviconUrl: z.string().nullable(),
    excerpt: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    video: ExtractedVideo.nullable(),
  }),
  /** What the page says it is about, for theme suggestions (shared/suggest-themes.ts). */
  keywords: z.array(z.string()),
  /** The headings of the main content, for theme suggestions. */
  headings: z.array(z.string()),
});

export const PageFactsResponse = z.object({ page: ExtractedPageFacts });
export type PageFactsResponse = z.infer<typeof PageFactsResponse>;

/**
 * Why the server would not (or could not) read a page: the `reason` of a 422 answer, also in its code as
 * `page_<reason>`, so a client can say it in the person's language (the message is English). The first
 * five are the webhook address rules (WEBHOOK_URL_REFUSALS), applied to the address and every redirect.
 */
export const PAGE_FETCH_REFUSALS = [
  "invalid_url",
  "https_required",
  "credentials",
  "internal_address",
  "unresolvable",
  "unreachable",
  "too_many_redirects",
  "too_large",
  "too_slow",
  "unsupported_content_type",
  "error_status",
] as const;
export type PageFetchRefusal = (typeof PAGE_FETCH_REFUSALS)[number];

export const PageFetchRefusedBody = z.object({
  error: ErrorBody.shape.error.extend({
    reason: z.enum(PAGE_FETCH_REFUSALS),
    /** With `error_status`: the status code the site answered. */
    siteStatus: z.number().int().optional(),
  }),
});
