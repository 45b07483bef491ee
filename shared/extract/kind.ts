/**
 * Which kind of item the page is: document, kennisclip, podcast, onderzoek, protocol or artikel.
 */
import type { ExtractedVideo } from "../clip-request";
import type { ItemKind } from "../vocabulary";
import { hasType, isPodcastType, isResearchType, ldString } from "./json-ld";
import { findVideo, mainMedia } from "./media";
import { findTitle } from "./metadata";
import { meta, metaAll, type Page } from "./page";

export function classify(page: Page): { kind: ItemKind; video: ExtractedVideo | null } {
  if (isPdf(page)) return { kind: "document", video: null };
  const video = findVideo(page);
  if (video) return { kind: "kennisclip", video };
  if (isPodcast(page)) return { kind: "podcast", video: null };
  // Structured research metadata is stronger evidence than a word in the title, so it goes first.
  if (isResearch(page)) return { kind: "onderzoek", video: null };
  if (isProtocol(page)) return { kind: "protocol", video: null };
  return { kind: "artikel", video: null };
}

function isPdf(page: Page): boolean {
  return page.contentType === "application/pdf" || Boolean(page.url?.pathname.toLowerCase().endsWith(".pdf"));
}

function isPodcast(page: Page): boolean {
  if (/^(music\.|podcast)/i.test(meta(page, "og:type") ?? "")) return true;
  if (page.ld.some((node) => hasType(node, isPodcastType))) return true;
  return mainMedia(page, "audio") !== null;
}

function isResearch(page: Page): boolean {
  if (page.ld.some((node) => hasType(node, isResearchType))) return true;
  return [...page.metas.keys()].some((key) => key.startsWith("citation_"));
}

const PROTOCOL_WORDS = /protocol|werkvorm|stappenplan/i;

function isProtocol(page: Page): boolean {
  const ldKeywords = page.ldMain ? page.ldMain["keywords"] : undefined;
  const haystack = [
    findTitle(page, "artikel", null),
    ...metaAll(page, "keywords", "article:tag", "news_keywords"),
    ...(Array.isArray(ldKeywords) ? ldKeywords.map(ldString) : [ldString(ldKeywords)]),
  ];
  return haystack.some((text) => text !== null && PROTOCOL_WORDS.test(text));
}
