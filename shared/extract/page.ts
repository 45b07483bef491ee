/**
 * What the page says about itself, read once: the address, the <meta> tags, the JSON-LD, microdata, and
 * whether YouTube left a stale <head> behind.
 */
import { parseVideoUrl } from "../video";
import { hasType, isArticleType, isPodcastType, type LdNode, readJsonLd } from "./json-ld";
import { httpUrl, singleLine } from "./values";

export interface Page {
  doc: Document;
  url: URL | null;
  /** Against what relative URLs resolve: the page URL, or its <base href>. */
  base: string;
  contentType: string;
  /** meta name/property (lower-cased) → contents, in document order. */
  metas: Map<string, string[]>;
  /** JSON-LD nodes at the top level (arrays and @graph flattened). */
  ld: LdNode[];
  ldById: Map<string, LdNode>;
  /** The article, video or episode the JSON-LD is about. */
  ldMain: LdNode | null;
  /**
   * A page too big to search through (a 5 MB forum thread): only its head, JSON-LD and the first match of
   * cheap selectors are read, so the popup opens at once on it too.
   */
  large: boolean;
  /**
   * YouTube navigates between videos without reloading, so the <head> can still describe the first video
   * watched. When it names a different video than the address bar, only document.title can be trusted.
   */
  staleHead: boolean;
  /** Elements by itemprop, built on first use: one pass instead of a selector match per property. */
  itemprops?: Map<string, Element[]>;
}

const MAX_META_TAGS = 2000;
const MAX_SEARCHED_ELEMENTS = 8000;
const MAX_VALUES_PER_KEY = 50;

/** `dc:title`, `DC.title` and `dcterms:title` spell the same key two ways; `og:article:x` is `article:x` (og:video:x is a key of its own). */
function metaKey(raw: string): string {
  return raw.replace(/^(dc|dcterms):/, "$1.").replace(/^og:article:/, "article:");
}

export function readPage(doc: Document, pageUrl: string, contentType: string | null | undefined): Page {
  let url: URL | null = null;
  try {
    url = new URL(pageUrl.trim());
  } catch {
    url = null;
  }
  const pageHref = url?.href ?? "about:blank";
  const baseHref = doc.querySelector("base[href]")?.getAttribute("href");
  const base = httpUrl(baseHref, pageHref) ?? pageHref;

  const metas = new Map<string, string[]>();
  let read = 0;
  for (const meta of doc.querySelectorAll("meta[content]")) {
    // A hostile page can carry thousands of tags; the facts worth having sit among the first few hundred.
    if (++read > MAX_META_TAGS) break;
    const content = meta.getAttribute("content")?.trim();
    if (!content) continue;
    // Sites mix up name= and property= for OpenGraph; accept both, and itemprop for microdata in the head.
    for (const attribute of ["name", "property", "itemprop", "http-equiv"]) {
      // RDFa lets one attribute hold several keys: property="og:title dc:title".
      for (const raw of meta.getAttribute(attribute)?.trim().toLowerCase().split(/\s+/) ?? []) {
        const key = metaKey(raw);
        if (!key) continue;
        const list = metas.get(key) ?? [];
        if (list.length < MAX_VALUES_PER_KEY) list.push(content);
        metas.set(key, list);
      }
    }
  }

  const { nodes, byId } = readJsonLd(doc);
  const page: Page = {
    doc,
    url,
    base,
    contentType: (contentType ?? doc.contentType ?? "").split(";")[0]!.trim().toLowerCase(),
    metas,
    ld: nodes,
    ldById: byId,
    ldMain: null,
    large: doc.getElementsByTagName("*").length > MAX_SEARCHED_ELEMENTS,
    staleHead: false,
  };
  page.ldMain =
    nodes.find((node) => hasType(node, isArticleType)) ??
    nodes.find((node) => hasType(node, (type) => type === "VideoObject")) ??
    nodes.find((node) => hasType(node, isPodcastType)) ??
    nodes.find((node) => hasType(node, (type) => type === "ImageObject")) ??
    null;

  const addressVideo = parseVideoUrl(url?.href);
  if (addressVideo?.provider === "youtube") {
    const claimed = [findCanonicalRaw(page), meta(page, "og:url"), meta(page, "og:video:url")]
      .map((href) => parseVideoUrl(href ? httpUrl(href, base) : null))
      .find((video) => video !== null);
    page.staleHead = claimed !== undefined && claimed.id !== addressVideo.id;
    if (page.staleHead) {
      page.metas = new Map();
      page.ld = [];
      page.ldById = new Map();
      page.ldMain = null;
    }
  }
  return page;
}

export function meta(page: Page, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = page.metas.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

export function metaAll(page: Page, ...keys: string[]): string[] {
  return keys.flatMap((key) => page.metas.get(key) ?? []);
}

/** Schema.org microdata (as YouTube uses it): the value of the first element with this itemprop. */
export function itemprop(page: Page, name: string, scope: ParentNode = page.doc): string | null {
  if (page.staleHead) return null;
  const elements = scope === page.doc ? (itemprops(page).get(name.toLowerCase()) ?? []) : Array.from(scope.querySelectorAll(`[itemprop~="${name}"]`));
  for (const element of elements) {
    const value =
      element.getAttribute("content") ??
      (element.tagName === "LINK" || element.tagName === "A" ? element.getAttribute("href") : null) ??
      (element.tagName === "TIME" ? element.getAttribute("datetime") : null) ??
      (element.tagName === "IMG" ? element.getAttribute("src") : null) ??
      (element.hasAttribute("itemscope") ? null : element.textContent);
    const text = value ? singleLine(value) : "";
    if (text) return text;
  }
  return null;
}

function itemprops(page: Page): Map<string, Element[]> {
  if (page.itemprops) return page.itemprops;
  const index = new Map<string, Element[]>();
  // On a page too big to search (see Page.large) only the head's microdata is read.
  const root: ParentNode = page.large ? (page.doc.head ?? page.doc) : page.doc;
  for (const element of Array.from(root.querySelectorAll("[itemprop]"))) {
    for (const key of element.getAttribute("itemprop")!.toLowerCase().split(/\s+/)) {
      if (!key) continue;
      const list = index.get(key) ?? [];
      list.push(element);
      index.set(key, list);
    }
  }
  page.itemprops = index;
  return index;
}

export function findCanonicalRaw(page: Page): string | null {
  for (const link of page.doc.querySelectorAll("link[rel][href]")) {
    if (link.getAttribute("rel")!.toLowerCase().split(/\s+/).includes("canonical")) return link.getAttribute("href");
  }
  return null;
}
