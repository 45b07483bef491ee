/**
 * The video (or audio) a page is built around, and how long it runs; the address rules are shared/video.ts.
 */
import type { ExtractedVideo } from "../clip-request";
import { parseVideoUrl } from "../video";
import { deref, hasType, isArticleType, type LdNode, ldString } from "./json-ld";
import { itemprop, meta, type Page } from "./page";
import { httpUrl, parseIsoDuration, singleLine } from "./values";

const MAX_VIDEO_SECONDS = 86_400 * 7;

/** The video this page is, or null when it is not a video page. */
export function findVideo(page: Page): ExtractedVideo | null {
  const ldVideo = findLdVideo(page);
  const duration = () => findDuration(page, ldVideo);
  const finish = (found: { provider: string; id: string | null; embedUrl: string | null }): ExtractedVideo => ({
    ...found,
    durationSeconds: duration(),
  });

  const fromAddress = parseVideoUrl(page.url?.href);
  if (fromAddress) return finish(fromAddress);

  // A VideoObject next to an Article is usually a clip embedded in a text, not the page itself.
  const pageIsVideo =
    (ldVideo !== null && page.ld.includes(ldVideo) && !page.ld.some((node) => hasType(node, isArticleType))) ||
    /^video(\.|$)/i.test(meta(page, "og:type") ?? "");
  const ldEmbed = ldVideo ? (ldString(ldVideo["embedUrl"]) ?? null) : null;
  const ogEmbed = meta(page, "og:video:url", "og:video:secure_url", "og:video");
  if (pageIsVideo) {
    const known = parseVideoUrl(ldEmbed) ?? parseVideoUrl(ldVideo ? ldString(ldVideo["contentUrl"]) : null) ?? parseVideoUrl(ogEmbed);
    return finish(known ?? { provider: siteProvider(page), id: null, embedUrl: httpUrl(ldEmbed ?? ogEmbed, page.base) });
  }

  const media = mainMedia(page, "video");
  if (!media) return null;
  const iframeVideo = media.tagName === "IFRAME" ? parseVideoUrl(iframeSource(media, page)) : null;
  return finish(iframeVideo ?? { provider: siteProvider(page), id: null, embedUrl: httpUrl(ogEmbed ?? ldEmbed, page.base) });
}

function findLdVideo(page: Page): LdNode | null {
  const topLevel = page.ld.find((node) => hasType(node, (type) => type === "VideoObject"));
  if (topLevel) return topLevel;
  const nested = deref(page, page.ldMain?.["video"]);
  const candidate = Array.isArray(nested) ? deref(page, nested[0]) : nested;
  return candidate && typeof candidate === "object" && !Array.isArray(candidate) ? (candidate as LdNode) : null;
}

function findDuration(page: Page, ldVideo: LdNode | null): number | null {
  const seconds =
    parseIsoDuration(ldVideo ? ldString(ldVideo["duration"]) : null) ??
    parseIsoDuration(itemprop(page, "duration")) ??
    wholeSeconds(meta(page, "video:duration", "og:video:duration"));
  return seconds !== null && seconds <= MAX_VIDEO_SECONDS ? seconds : null;
}

function wholeSeconds(value: string | null): number | null {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function siteProvider(page: Page): string {
  return page.url?.hostname.toLowerCase().replace(/^www\./, "") || "web";
}

function iframeSource(iframe: Element, page: Page): string | null {
  // Cookie-consent and lazy-loading scripts park the real address in data-src until consent.
  const raw = iframe.getAttribute("src") || iframe.getAttribute("data-src");
  return raw ? httpUrl(raw, page.base) : null;
}

/**
 * The <video>/<audio> (or YouTube/Vimeo iframe) the page is built around, if any: visible, not a muted
 * background loop, near the top of the main content, on a page that is not mostly text. A clip in the
 * middle of a long article leaves the page an article.
 */
export function mainMedia(page: Page, tag: "video" | "audio"): Element | null {
  // A page too big to search (see Page.large) is not one built around a single clip.
  if (page.large) return null;
  const doc = page.doc;
  // Most pages have no media at all: counting tags is cheap in every DOM, matching selectors is not.
  const tags = tag === "video" ? ["video", "iframe"] : ["audio"];
  if (tags.every((name) => doc.getElementsByTagName(name).length === 0)) return null;
  const container = doc.querySelector("main, [role=main]") ?? doc.querySelector("article") ?? doc.body;
  if (!container) return null;
  const selector = tag === "video" ? "video, iframe" : "audio";
  const candidate = [...container.querySelectorAll(selector)].find((element) => {
    if (element.closest("[hidden], [aria-hidden=true], template, noscript")) return false;
    if (element.tagName === "IFRAME") return parseVideoUrl(iframeSource(element, page)) !== null;
    const decorative =
      !element.hasAttribute("controls") && element.hasAttribute("muted") && (element.hasAttribute("autoplay") || element.hasAttribute("loop"));
    return !decorative;
  });
  if (!candidate) return null;

  // One walk of the container that skips furniture whole and stops as soon as the answer is known:
  // a selector match per text node cost jsdom up to 200 ms on a page full of ads.
  let before = 0;
  let total = 0;
  let passed = false;
  const visit = (node: Node): boolean => {
    if (node === candidate) passed = true;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      const length = singleLine(node.nodeValue ?? "").length;
      total += length;
      if (!passed) before += length;
      return before < MAX_TEXT_BEFORE_MEDIA && total < MAX_TEXT_AROUND_MEDIA;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */ || NOT_CONTENT.has((node as Element).tagName.toUpperCase())) return true;
    for (let child = node.firstChild; child; child = child.nextSibling) if (!visit(child)) return false;
    return true;
  };
  return visit(container) ? candidate : null;
}

const NOT_CONTENT = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "NAV", "HEADER", "FOOTER", "ASIDE"]);
const MAX_TEXT_BEFORE_MEDIA = 400;
const MAX_TEXT_AROUND_MEDIA = 3000;
