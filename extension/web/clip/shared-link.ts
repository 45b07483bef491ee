/**
 * What arrived at /app/clip: from the share target (`url`, `title`, `text` — Android apps often leave
 * `url` empty and put the link inside `text`), from the paste form, or from the bookmarklet (which adds
 * the page's own facts in the fragment, `#page=`, see help/bookmarklet.ts).
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { ITEM_KINDS } from "../../../shared/vocabulary";

export interface SharedLink {
  url: string;
  title: string | undefined;
  /** What came with the link other than the link itself: the sharing app's text, or the selection. */
  text: string | undefined;
}

const LINK_IN_TEXT = /https?:\/\/[^\s<>"']+/i;

/** An http(s) address as given, or null: anything else (javascript:, a file) is not a page to clip. */
export function webAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Sharing apps end a link with punctuation of their sentence ("Lees dit: https://…)."). */
const trimSentenceEnd = (link: string) => link.replace(/[.,;:!?)\]]+$/, "");

export function sharedLinkOf(search: string): SharedLink | null {
  const query = new URLSearchParams(search);
  const text = query.get("text")?.trim() || undefined;
  const inText = text ? LINK_IN_TEXT.exec(text)?.[0] : undefined;
  const url = webAddress(query.get("url")) ?? webAddress(inText ? trimSentenceEnd(inText) : null);
  if (!url) return null;
  // The link itself is not worth keeping as a quote; what the app said around it is.
  const rest = inText ? text!.replace(inText, "").trim() : text;
  return { url, title: query.get("title")?.trim() || undefined, text: rest || undefined };
}

const isPage = (value: unknown): value is ExtractedPage => {
  const page = value as Partial<ExtractedPage> | null;
  return (
    typeof page === "object" &&
    page !== null &&
    typeof page.url === "string" &&
    webAddress(page.url) !== null &&
    typeof page.title === "string" &&
    (ITEM_KINDS as readonly unknown[]).includes(page.kind) &&
    typeof page.meta === "object" &&
    page.meta !== null &&
    Array.isArray(page.keywords) &&
    Array.isArray(page.headings)
  );
};

/**
 * The page's facts the bookmarklet read in the page itself. Only for the link that came with them: a
 * fragment describing some other site is ignored. The person sees and edits all of it before saving.
 */
export function pageFromFragment(hash: string, link: SharedLink): ExtractedPage | null {
  const raw = new URLSearchParams(hash.replace(/^#/, "")).get("page");
  if (!raw) return null;
  try {
    const page: unknown = JSON.parse(raw);
    if (!isPage(page) || new URL(page.url).origin !== new URL(link.url).origin) return null;
    return page;
  } catch {
    return null;
  }
}
