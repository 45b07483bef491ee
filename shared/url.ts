/**
 * URL normalisation shared by the browser extension and the server (see API.md, "URL normalisation").
 * The library holds one item per normalised URL, so both sides must compute exactly the same key.
 *
 * Pure TypeScript on top of the WHATWG `URL` class, which browsers and Node both provide: no Node-only or
 * browser-only imports here.
 */
import { isYouTubeHost, parseVideoUrl } from "./video";
import type { ItemKind } from "./vocabulary";

/** Thrown by {@link normaliseUrl} for anything that is not an absolute http(s) URL. */
export class InvalidUrlError extends Error {
  override readonly name = "InvalidUrlError";
  /** The value that was rejected (as given, untrimmed). */
  readonly input: string;

  constructor(input: string, reason = "not an absolute http(s) URL") {
    super(`Invalid URL (${reason}): ${JSON.stringify(truncate(String(input), 200))}`);
    this.input = input;
  }
}

/** The host of an address without `www.` ("lowan.nl"), how a site is named to people and counted; null when `url` is not an address. */
export function siteHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** True when `value` is an absolute http or https URL, i.e. exactly when {@link normaliseUrl} accepts it. */
export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== null;
}

/**
 * The normalised form of an absolute http(s) URL; equal results mean "the same library item".
 *
 * - scheme and host lower-case (the URL parser does this; international host names become punycode);
 * - default ports (:80 for http, :443 for https), user info (`user:pass@`) and the fragment are dropped;
 * - tracking parameters are dropped: `utm_*`, `mc_*`, `fbclid`, `gclid`, `dclid`, `msclkid`, `_hsenc`,
 *   `_hsmi`, `igshid` (names compared case-insensitively); `si` on YouTube hosts; `share` on Vimeo hosts;
 * - the remaining query parameters are sorted by key, then value (stable); an empty `?` disappears;
 * - trailing slashes on the path are dropped, but the root path stays `/`;
 * - percent-encoding is kept as the URL parser serialises it (no decoding, no re-encoding);
 * - YouTube video links (the ones shared/video.ts recognises, except on `music.youtube.com`) become
 *   `https://www.youtube.com/watch?v=ID`, keeping only `v` and `list`.
 *
 * The scheme is deliberately kept as given: `http://` and `https://` are NOT merged. Some school and
 * municipality sites still serve different content (or an older copy of the site) over plain http, and a
 * few only work over one of the two, so merging could file a save under a URL that does not open for the
 * person who clicked it. When a page declares an https canonical URL on the same site, {@link dedupKey}
 * follows it, which merges the two in the common case anyway.
 *
 * `www.` is not dropped either: `www.example.nl` and `example.nl` can be different servers.
 *
 * @throws {InvalidUrlError} when `raw` is not an absolute http(s) URL.
 */
export function normaliseUrl(raw: string): string {
  const url = parseHttpUrl(raw);
  if (url === null) throw new InvalidUrlError(raw);

  url.username = "";
  url.password = "";
  url.hash = "";
  // Default ports are already removed by the parser (`https://x:443/` serialises as `https://x/`).

  const youTubeVideo = youTubeWatchUrl(url);
  if (youTubeVideo !== null) return youTubeVideo;

  const host = url.hostname;
  const youTube = isYouTubeHost(host);
  if (host === "youtube.com" || host === "m.youtube.com") {
    // Other YouTube pages (channels, playlists): one host and scheme, as for videos.
    url.hostname = "www.youtube.com";
  }
  if (host === "youtube.com" || host === "m.youtube.com" || host === "www.youtube.com") {
    url.protocol = "https:";
  }
  const vimeo = host === "vimeo.com" || host.endsWith(".vimeo.com");

  const kept = queryPairs(url.search).filter(({ key }) => {
    const k = key.toLowerCase();
    if (isTrackingParam(k)) return false;
    if (youTube && k === "si") return false;
    if (vimeo && k === "share") return false;
    return true;
  });
  kept.sort(comparePairs);
  url.search = kept.map((p) => p.raw).join("&");

  url.pathname = stripTrailingSlashes(url.pathname);
  return url.href;
}

/**
 * The address a save keeps of the URL its person submitted: what opens the page, nothing that only
 * belongs to them. User info (`user:pass@`), the fragment (where sign-in flows put tokens:
 * `#access_token=…`) and tracking parameters go as in {@link normaliseUrl}; unlike the normalised URL,
 * the query keeps its order and the path its trailing slash, which some sites need to open the page.
 *
 * @throws {InvalidUrlError} when `raw` is not an absolute http(s) URL.
 */
export function shareableUrl(raw: string): string {
  const url = parseHttpUrl(raw);
  if (url === null) throw new InvalidUrlError(raw);
  url.username = "";
  url.password = "";
  url.hash = "";
  const youTube = isYouTubeHost(url.hostname);
  const vimeo = url.hostname === "vimeo.com" || url.hostname.endsWith(".vimeo.com");
  const kept = queryPairs(url.search).filter(({ key }) => {
    const k = key.toLowerCase();
    return !isTrackingParam(k) && !(youTube && k === "si") && !(vimeo && k === "share");
  });
  url.search = kept.map((p) => p.raw).join("&");
  return url.href;
}

/**
 * Resolves a page's canonical link (`<link rel="canonical" href>`, possibly relative) against the page URL.
 * Returns the absolute URL only when it is http(s) and on the same site as the page: the same host name,
 * ignoring a leading `www.` on either side (ports are not compared). Returns null otherwise, including when
 * the page URL itself is not an absolute http(s) URL or the href cannot be parsed.
 *
 * Also returns null when a page that is not the home page declares the site's home page as its canonical
 * URL: that is a common CMS misconfiguration, and following it would merge every page of the site into
 * one library item.
 */
export function resolveCanonical(pageUrl: string, canonicalHref: string | null | undefined): string | null {
  if (typeof canonicalHref !== "string") return null;
  const href = canonicalHref.trim();
  if (href === "") return null;

  const page = parseHttpUrl(pageUrl);
  if (page === null) return null;

  let canonical: URL;
  try {
    canonical = new URL(href, page);
  } catch {
    return null;
  }
  if (!isHttpProtocol(canonical.protocol) || canonical.hostname === "") return null;
  if (withoutWww(canonical.hostname) !== withoutWww(page.hostname)) return null;

  const pageIsRoot = stripTrailingSlashes(page.pathname) === "/" && isEmptyQuery(page.search);
  const canonicalIsRoot = stripTrailingSlashes(canonical.pathname) === "/" && isEmptyQuery(canonical.search);
  if (canonicalIsRoot && !pageIsRoot) return null;

  return canonical.href;
}

/**
 * The key that identifies a library item: the normalised canonical URL when the page declares a usable one
 * (see {@link resolveCanonical}), else the normalised page URL.
 *
 * @throws {InvalidUrlError} when `pageUrl` is not an absolute http(s) URL.
 */
export function dedupKey(pageUrl: string, canonicalHref?: string | null): string {
  return normaliseUrl(resolveCanonical(pageUrl, canonicalHref) ?? pageUrl);
}

// ---------------------------------------------------------------------------------------------------
// Internals

const TRACKING_PARAMS = new Set(["fbclid", "gclid", "dclid", "msclkid", "_hsenc", "_hsmi", "igshid"]);
const TRACKING_PREFIXES = ["utm_", "mc_"];

function isTrackingParam(lowerKey: string): boolean {
  return TRACKING_PARAMS.has(lowerKey) || TRACKING_PREFIXES.some((prefix) => lowerKey.startsWith(prefix));
}

function isHttpProtocol(protocol: string): boolean {
  return protocol === "http:" || protocol === "https:";
}

/** A parsed absolute http(s) URL, or null. Never throws, also not for non-strings at run time. */
function parseHttpUrl(value: unknown): URL | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!isHttpProtocol(url.protocol) || url.hostname === "") return null;
  return url;
}

function withoutWww(hostname: string): string {
  return hostname.startsWith("www.") ? hostname.slice(4) : hostname;
}

function stripTrailingSlashes(pathname: string): string {
  const stripped = pathname.replace(/\/+$/, "");
  return stripped === "" ? "/" : stripped;
}

function isEmptyQuery(search: string): boolean {
  return search === "" || search === "?";
}

interface QueryPair {
  /** The pair exactly as the URL serialised it, e.g. `q=taal%20beleid`. */
  raw: string;
  /** Decoded key and value, used for filtering and sorting only. */
  key: string;
  value: string;
}

/** The non-empty `&`-separated pairs of a serialised query (`url.search`), keeping their raw encoding. */
function queryPairs(search: string): QueryPair[] {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return [];
  const pairs: QueryPair[] = [];
  for (const raw of query.split("&")) {
    if (raw === "") continue;
    const eq = raw.indexOf("=");
    const key = decodeComponent(eq === -1 ? raw : raw.slice(0, eq));
    const value = eq === -1 ? "" : decodeComponent(raw.slice(eq + 1));
    pairs.push({ raw, key, value });
  }
  return pairs;
}

/** Form decoding (`+` is a space); malformed escapes are left as they are. */
function decodeComponent(s: string): string {
  const spaced = s.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** By key, then value, then raw text; plain code-unit order so every platform sorts the same way. */
function comparePairs(a: QueryPair, b: QueryPair): number {
  return compareStrings(a.key, b.key) || compareStrings(a.value, b.value) || compareStrings(a.raw, b.raw);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- Video sites ---

const YOUTUBE_LIST = /^[A-Za-z0-9_-]+$/;

/**
 * `https://www.youtube.com/watch?v=ID[&list=…]` for a link to a single YouTube video (shared/video.ts
 * says which links are), else null. `music.youtube.com` is left alone: it plays the same id in a
 * different player. `v` comes before `list` (YouTube's own order) rather than being sorted; only these
 * two parameters are ever present.
 */
function youTubeWatchUrl(url: URL): string | null {
  if (url.hostname === "music.youtube.com") return null;
  const video = parseVideoUrl(url);
  if (video?.provider !== "youtube") return null;
  let result = `https://www.youtube.com/watch?v=${video.id}`;
  const list = url.searchParams.get("list");
  if (list !== null && YOUTUBE_LIST.test(list)) result += `&list=${list}`;
  return result;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

/** A first guess of the kind from the address alone (the clipper could not read the page, or sent no kind). */
export function guessKindFromUrl(url: string): ItemKind {
  const { hostname, pathname } = new URL(url);
  const host = hostname.replace(/^(www|m)\./, "");
  if (host === "youtube.com" || host === "youtu.be" || host === "vimeo.com" || host === "player.vimeo.com") return "kennisclip";
  if (/\.pdf$/i.test(pathname)) return "document";
  if (/\.(docx?|pptx?|xlsx?|odt|odp)$/i.test(pathname)) return "document";
  return "artikel";
}
