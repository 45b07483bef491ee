/**
 * Page extraction for the clipper: turns the DOM of the page a teacher is reading into the fields of
 * `POST /api/v1/items`. Runs inside the page (bundled and injected with scripting.executeScript) and in
 * Node tests under jsdom, so it touches only the `Document` it is given: no `window`, no `chrome`, no
 * DOM globals such as `Node` or `NodeFilter` (jsdom does not install them in Node).
 *
 * Everything here is a best guess from what the page says about itself; the person can correct title and
 * kind in the popup, and the server normalises URLs and decides whether a canonical URL is same-site.
 */
import { Readability } from "@mozilla/readability";
import type { ExtractedMeta, ExtractedPage, ExtractedVideo } from "./clip-request";
import { parseVideoUrl, videoPlatformName, youTubeStillUrl } from "./video";
import { LIMITS, type ItemKind } from "./vocabulary";

export type { ExtractedMeta, ExtractedPage, ExtractedVideo } from "./clip-request";
export { toCreateItemRequest } from "./clip-request";
export { parseVideoUrl } from "./video";

export interface ExtractOptions {
  /** The person's text selection (window.getSelection().toString()); becomes the quote. */
  selection?: string | null;
  /** Cap for the readable text; never more than LIMITS.text. */
  maxTextLength?: number;
  /** The document's MIME type when known (Chrome's PDF viewer tab reports application/pdf). */
  contentType?: string | null;
}

const MAX_URL_LENGTH = 4096;
const MAX_VIDEO_SECONDS = 86_400 * 7;
const LIMIT_SITE_NAME = 200;
const LIMIT_AUTHOR = 300;

// ---------------------------------------------------------------------------------------------------
// Public API

export function extractPage(doc: Document, pageUrl: string, options: ExtractOptions = {}): ExtractedPage {
  const page = readPage(doc, pageUrl, options.contentType);
  const { kind, video } = classify(page);
  const readable = readableContent(doc);
  const maxText = Math.max(0, Math.min(options.maxTextLength ?? LIMITS.text, LIMITS.text));

  const siteName = clip(findSiteName(page), LIMIT_SITE_NAME);
  return {
    url: pageUrl.trim(),
    title: findTitle(page, kind, siteName),
    kind,
    language: findLanguage(page),
    text: readable.text ? cut(readable.text, maxText) || null : null,
    quote: cleanQuote(options.selection),
    meta: {
      siteName,
      author: clip(findAuthor(page), LIMIT_AUTHOR),
      publishedAt: findPublishedAt(page),
      imageUrl: findImage(page, video),
      faviconUrl: findFavicon(page),
      excerpt: clip(findExcerpt(page) ?? readable.excerpt, LIMITS.excerpt),
      canonicalUrl: page.staleHead ? null : findCanonical(page),
      video,
    },
  };
}

/** The kind the page looks like; the same guess extractPage makes, without reading the text. */
export function detectKind(doc: Document, pageUrl: string, options: Pick<ExtractOptions, "contentType"> = {}): ItemKind {
  return classify(readPage(doc, pageUrl, options.contentType)).kind;
}

/**
 * Seconds in an ISO 8601 duration such as `PT1H2M3S`, `P1DT2H` or `PT90.5S` (rounded). Years and
 * months have no fixed length, so durations using them are not understood and give null.
 */
export function parseIsoDuration(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(
    value.trim(),
  );
  if (!match || match.slice(1).every((part) => part === undefined)) return null;
  if (/T$/i.test(value.trim())) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part.replace(",", ".")) : 0));
  return Math.round((weeks ?? 0) * 604_800 + (days ?? 0) * 86_400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0));
}

// ---------------------------------------------------------------------------------------------------
// What the page says about itself, read once

type LdNode = Record<string, unknown>;

interface Page {
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
   * YouTube navigates between videos without reloading, so the <head> can still describe the first video
   * watched. When it names a different video than the address bar, only document.title can be trusted.
   */
  staleHead: boolean;
}

function readPage(doc: Document, pageUrl: string, contentType: string | null | undefined): Page {
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
  for (const meta of doc.querySelectorAll("meta[content]")) {
    const content = meta.getAttribute("content")?.trim();
    if (!content) continue;
    // Sites mix up name= and property= for OpenGraph; accept both.
    for (const attribute of ["name", "property", "http-equiv"]) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (!key) continue;
      const list = metas.get(key) ?? [];
      list.push(content);
      metas.set(key, list);
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
    staleHead: false,
  };
  page.ldMain =
    nodes.find((node) => hasType(node, isArticleType)) ??
    nodes.find((node) => hasType(node, (type) => type === "VideoObject")) ??
    nodes.find((node) => hasType(node, isPodcastType)) ??
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

function meta(page: Page, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = page.metas.get(key)?.[0];
    if (value) return value;
  }
  return null;
}

function metaAll(page: Page, ...keys: string[]): string[] {
  return keys.flatMap((key) => page.metas.get(key) ?? []);
}

/** Schema.org microdata (as YouTube uses it): the value of the first element with this itemprop. */
function itemprop(page: Page, name: string, scope: ParentNode = page.doc): string | null {
  if (page.staleHead) return null;
  for (const element of scope.querySelectorAll(`[itemprop~="${name}"]`)) {
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

// ---------------------------------------------------------------------------------------------------
// JSON-LD

function readJsonLd(doc: Document): { nodes: LdNode[]; byId: Map<string, LdNode> } {
  const nodes: LdNode[] = [];
  const byId = new Map<string, LdNode>();
  for (const script of doc.querySelectorAll("script[type]")) {
    const type = script.getAttribute("type")!.split(";")[0]!.trim().toLowerCase();
    if (type !== "application/ld+json") continue;
    const data = parseLenientJson(script.textContent ?? "");
    collectTopLevel(data, nodes, 0);
    indexIds(data, byId, 0);
  }
  return { nodes, byId };
}

/**
 * CMS templates break JSON-LD in a few typical ways (HTML comment or CDATA wrappers, raw line breaks in
 * strings, trailing commas). Repair those; give up quietly on anything else, one block at a time.
 */
function parseLenientJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    const repaired = raw
      .trim()
      .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, "")
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, "")
      .replace(/[\u0000-\u001f]+/g, " ")
      .replace(/,\s*([}\]])/g, "$1");
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

function collectTopLevel(value: unknown, into: LdNode[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const entry of value) collectTopLevel(entry, into, depth + 1);
    return;
  }
  const node = value as LdNode;
  if (node["@graph"] !== undefined) collectTopLevel(node["@graph"], into, depth + 1);
  if (node["@type"] !== undefined) into.push(node);
  // A WebPage wrapping its article: the article is what the page is about.
  const mainEntity = node["mainEntity"];
  if (mainEntity && typeof mainEntity === "object" && !isReference(mainEntity)) collectTopLevel(mainEntity, into, depth + 1);
}

function indexIds(value: unknown, byId: Map<string, LdNode>, depth: number): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const entry of value) indexIds(entry, byId, depth + 1);
    return;
  }
  const node = value as LdNode;
  const id = node["@id"];
  if (typeof id === "string" && !isReference(node) && !byId.has(id)) byId.set(id, node);
  for (const child of Object.values(node)) indexIds(child, byId, depth + 1);
}

function isReference(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => key === "@id");
}

/** Yoast and friends point from the article to `{"@id": "#author"}` elsewhere in the graph. */
function deref(page: Page, value: unknown): unknown {
  if (isReference(value)) {
    const id = (value as LdNode)["@id"];
    return typeof id === "string" ? (page.ldById.get(id) ?? null) : null;
  }
  return value;
}

function types(node: LdNode): string[] {
  const raw = node["@type"];
  const list = Array.isArray(raw) ? raw : [raw];
  // "schema:Article" and "https://schema.org/Article" mean Article.
  return list.filter((type): type is string => typeof type === "string").map((type) => type.replace(/^.*[/:#]/, ""));
}

function hasType(node: LdNode, test: (type: string) => boolean): boolean {
  return types(node).some(test);
}

const isArticleType = (type: string) => /Article$/.test(type) || ["BlogPosting", "LiveBlogPosting", "Report", "Thesis"].includes(type);
const isResearchType = (type: string) => ["ScholarlyArticle", "MedicalScholarlyArticle", "Report", "Thesis"].includes(type);
const isPodcastType = (type: string) => type === "PodcastEpisode" || type === "PodcastSeries";

/** A plain string from a JSON-LD value that may be a string, number, list or `{"@value": ...}`. */
function ldString(value: unknown): string | null {
  if (typeof value === "string") return singleLine(value) || null;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    for (const entry of value) {
      const text = ldString(entry);
      if (text) return text;
    }
    return null;
  }
  if (value && typeof value === "object" && "@value" in value) return ldString((value as LdNode)["@value"]);
  return null;
}

function ldName(page: Page, value: unknown): string | null {
  const node = deref(page, value);
  if (typeof node === "string") return singleLine(node) || null;
  if (!node || typeof node !== "object" || Array.isArray(node)) return null;
  const record = node as LdNode;
  const given = ldString(record["givenName"]);
  const family = ldString(record["familyName"]);
  return ldString(record["name"]) ?? ([given, family].filter(Boolean).join(" ") || null);
}

function ldNames(page: Page, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => ldName(page, entry)).filter((name): name is string => Boolean(name));
}

/** Image values: "url", {"url"}, {"contentUrl"}, or a list of those. */
function ldUrl(page: Page, value: unknown): string | null {
  const node = deref(page, value);
  if (typeof node === "string") return node;
  if (Array.isArray(node)) {
    for (const entry of node) {
      const url = ldUrl(page, entry);
      if (url) return url;
    }
    return null;
  }
  if (node && typeof node === "object") {
    const record = node as LdNode;
    return ldString(record["url"]) ?? ldString(record["contentUrl"]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Kind and video

function classify(page: Page): { kind: ItemKind; video: ExtractedVideo | null } {
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

/** The video this page is, or null when it is not a video page. */
function findVideo(page: Page): ExtractedVideo | null {
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
function mainMedia(page: Page, tag: "video" | "audio"): Element | null {
  const doc = page.doc;
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

  let before = 0;
  let total = 0;
  const walker = doc.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest("script, style, noscript, template, nav, header, footer, aside")) continue;
    const length = singleLine(node.nodeValue ?? "").length;
    total += length;
    if (candidate.compareDocumentPosition(node) & 2 /* DOCUMENT_POSITION_PRECEDING */) before += length;
  }
  return before < 400 && total < 3000 ? candidate : null;
}

// ---------------------------------------------------------------------------------------------------
// Fields

function findTitle(page: Page, kind: ItemKind, siteName: string | null): string {
  const documentTitle = singleLine(page.doc.querySelector("title")?.textContent ?? "");
  let title: string | null = null;
  if (kind === "document") {
    title = meaningfulPdfTitle(documentTitle, page) ? documentTitle : fileName(page);
  }
  title ??=
    firstText(
      meta(page, "og:title", "twitter:title"),
      page.ldMain ? (ldString(page.ldMain["headline"]) ?? ldString(page.ldMain["name"])) : null,
      meta(page, "citation_title", "dc.title", "dcterms.title"),
      documentTitle,
      page.doc.querySelector("h1")?.textContent,
    ) ?? urlTitle(page);

  const siteNames = [siteName, meta(page, "og:site_name"), meta(page, "application-name")].filter((name): name is string => Boolean(name));
  return clip(stripSiteSuffix(title, siteNames), LIMITS.title) ?? page.url?.hostname ?? "";
}

function stripSiteSuffix(title: string, siteNames: string[]): string {
  for (const separator of [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » "]) {
    const index = title.lastIndexOf(separator);
    if (index <= 0) continue;
    const suffix = title.slice(index + separator.length).trim().toLowerCase();
    if (siteNames.some((name) => singleLine(name).toLowerCase() === suffix)) return title.slice(0, index).trim();
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

function findSiteName(page: Page): string | null {
  const publisher = page.ldMain ? ldName(page, page.ldMain["publisher"]) : null;
  const website = page.ld.find((node) => hasType(node, (type) => type === "WebSite"));
  return firstText(
    meta(page, "og:site_name"),
    publisher,
    website ? ldString(website["name"]) : null,
    meta(page, "application-name", "dc.publisher", "dcterms.publisher", "citation_publisher"),
    // On a video platform the head can be stale (see Page.staleHead), but the platform is certain.
    videoPlatformName(parseVideoUrl(page.url?.href)),
  );
}

function findAuthor(page: Page): string | null {
  const candidates: string[][] = [
    metaAll(page, "citation_author"),
    page.ldMain ? ldNames(page, page.ldMain["author"] ?? page.ldMain["creator"]) : [],
    metaAll(page, "author"),
    metaAll(page, "dc.creator", "dcterms.creator"),
    // article:author is meant to be a profile URL; only a name is worth keeping.
    metaAll(page, "article:author").filter((value) => !/^https?:|^\/\//i.test(value)),
  ];
  const microdata = page.doc.querySelector('[itemprop~="author"]');
  if (microdata && !page.staleHead) {
    const name = itemprop(page, "name", microdata) ?? (microdata.hasAttribute("itemscope") ? null : singleLine(microdata.textContent ?? ""));
    if (name) candidates.push([name]);
  }
  for (const names of candidates) {
    const unique = [...new Set(names.map(singleLine).filter(Boolean))];
    if (unique.length === 0) continue;
    // "Vries, A. de" style names carry their own commas; then only a semicolon separates people.
    return unique.join(unique.some((name) => name.includes(",")) ? "; " : ", ");
  }
  return null;
}

function findPublishedAt(page: Page): string | null {
  const candidates = [
    meta(page, "article:published_time"),
    page.ldMain ? (ldString(page.ldMain["datePublished"]) ?? ldString(page.ldMain["uploadDate"]) ?? ldString(page.ldMain["dateCreated"])) : null,
    ...metaAll(page, "citation_publication_date", "citation_date", "citation_online_date"),
    ...metaAll(page, "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "dcterms.created"),
    itemprop(page, "datePublished"),
    itemprop(page, "uploadDate"),
    meta(page, "date", "pubdate", "publish-date"),
  ];
  for (const candidate of candidates) {
    const date = candidate ? normaliseDate(candidate) : null;
    if (date) return date;
  }
  return null;
}

function findImage(page: Page, video: ExtractedVideo | null): string | null {
  const candidates = [
    ...metaAll(page, "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"),
    page.ldMain ? ldUrl(page, page.ldMain["image"]) : null,
    page.ldMain ? ldUrl(page, page.ldMain["thumbnailUrl"]) : null,
    page.staleHead ? null : page.doc.querySelector('link[rel~="image_src"]')?.getAttribute("href"),
    itemprop(page, "image"),
    itemprop(page, "thumbnailUrl"),
    video ? page.doc.querySelector("video[poster]")?.getAttribute("poster") : null,
    // YouTube always serves this thumbnail; useful when the head is stale or missing.
    video?.provider === "youtube" && video.id ? youTubeStillUrl(video.id) : null,
  ];
  for (const candidate of candidates) {
    const url = httpUrl(candidate, page.base);
    if (url) return url;
  }
  return null;
}

function findFavicon(page: Page): string | null {
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

function findCanonicalRaw(page: Page): string | null {
  for (const link of page.doc.querySelectorAll("link[rel][href]")) {
    if (link.getAttribute("rel")!.toLowerCase().split(/\s+/).includes("canonical")) return link.getAttribute("href");
  }
  return null;
}

/**
 * Only <link rel=canonical>; og:url is left alone because misconfigured sites point it at their home page,
 * which would fold every page of the site into one library item.
 */
function findCanonical(page: Page): string | null {
  return httpUrl(findCanonicalRaw(page), page.base);
}

function findExcerpt(page: Page): string | null {
  return firstText(
    meta(page, "og:description", "description", "twitter:description"),
    page.ldMain ? ldString(page.ldMain["description"]) : null,
    meta(page, "dc.description", "dcterms.description", "dcterms.abstract", "citation_abstract"),
  );
}

function findLanguage(page: Page): string | null {
  const candidates = [
    page.doc.documentElement?.getAttribute("lang"),
    page.doc.documentElement?.getAttribute("xml:lang"),
    meta(page, "content-language"),
    page.ldMain ? ldString(page.ldMain["inLanguage"]) : null,
    meta(page, "og:locale", "dc.language", "dcterms.language", "citation_language"),
  ];
  for (const candidate of candidates) {
    const tag = normaliseLanguage(candidate);
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

function cleanQuote(selection: string | null | undefined): string | null {
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

// ---------------------------------------------------------------------------------------------------
// Readable text

const BLOCK_TAGS = new Set(
  "ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL".split(
    " ",
  ),
);
// <video>/<audio> children are fallback text for browsers without media support, not content.
const SKIPPED_TAGS = new Set("SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT EMBED CANVAS SELECT BUTTON VIDEO AUDIO".split(" "));

function readableContent(doc: Document): { text: string | null; excerpt: string | null } {
  // Readability rewrites the document it is given; the live page must stay as the reader left it.
  const clone = doc.cloneNode(true) as Document;
  let article: ReturnType<Readability<Element>["parse"]> = null;
  try {
    article = clone.documentElement ? new Readability<Element>(clone, { serializer: (node) => node as Element }).parse() : null;
  } catch {
    article = null;
  }
  let text = article?.content ? textOf(article.content) : "";
  if (!text) {
    // Too little for Readability (a short notice, a video page): the body text is still worth searching.
    const body = (doc.cloneNode(true) as Document).body;
    if (body) {
      for (const element of body.querySelectorAll("nav, header, footer, aside, form")) element.remove();
      text = textOf(body);
    }
  }
  // Readability's own excerpt prefers the meta description, which may be stale (see Page.staleHead) and
  // was already considered; the first paragraph of the content is what is left to offer.
  const firstParagraph = article?.content ? textOf(article.content.querySelector("p") ?? article.content) : "";
  return { text: text || null, excerpt: firstParagraph || null };
}

/** Text with a space at block boundaries, so "<h2>Kop</h2><p>Tekst" does not become "KopTekst". */
function textOf(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === 3 /* TEXT_NODE */) {
      parts.push(node.nodeValue ?? "");
      return;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) parts.push(" ");
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) parts.push(" ");
  };
  visit(root);
  return singleLine(parts.join(""));
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** Absolute http(s) URL or null: javascript:, data:, blob: and friends never leave the page. */
function httpUrl(raw: string | null | undefined, base: string): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.length <= MAX_URL_LENGTH ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Control characters (a title is one line of text, not a terminal) and bidi overrides (which make a
 * title display as something else) go; emoji, including joiners and variation selectors, stay.
 */
function stripControls(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "");
}

function singleLine(value: string): string {
  return stripControls(value).replace(/\s+/g, " ").trim();
}

function firstText(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const text = value ? singleLine(value) : "";
    if (text) return text;
  }
  return null;
}

/** Hard cut at `max` UTF-16 units without leaving half of a surrogate pair behind. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end).trimEnd();
}

/** Shorten readable text to `max`, at a word boundary when one is near, marking the cut with "…". */
function clip(value: string | null, max: number): string | null {
  if (!value) return null;
  if (value.length <= max) return value;
  let head = cut(value, max - 1);
  const space = head.lastIndexOf(" ");
  if (space > max * 0.8) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, february: 2, mrt: 3, mar: 3, maart: 3, march: 3,
  apr: 4, april: 4, mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, augustus: 8,
  august: 8, sep: 9, sept: 9, september: 9, okt: 10, oct: 10, oktober: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

/**
 * A publication date as the API takes it: an ISO datetime with offset, or an ISO date. A time without a
 * zone keeps only its date (the zone is unknown); a bare year or year-month is dropped rather than
 * padded to a day nobody published on. Numeric day-month-year is read day first, as Dutch pages write it.
 */
export function normaliseDate(raw: string): string | null {
  const value = raw.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const date = isoDate(Number(year), Number(month), Number(day));
    if (!date || hour === undefined) return date;
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return date;
    if (!zone) return date;
    const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return `${date}T${hour}:${minute}:${second ?? "00"}${fraction ?? ""}${offset}`;
  }
  match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isoDate(year, second, first) ?? isoDate(year, first, second);
  }
  match = /^(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(value);
  if (match) return isoDate(Number(match[3]), MONTHS[match[2]!.toLowerCase()] ?? 0, Number(match[1]));
  match = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(value);
  if (match) return isoDate(Number(match[3]), MONTHS[match[1]!.toLowerCase()] ?? 0, Number(match[2]));
  // RFC 2822 and similar, but only with an explicit zone: Date.parse would otherwise guess one.
  if (/\b(GMT|UTC|Z)\b|[+-]\d{4}\b/.test(value) && /[a-z]/i.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
