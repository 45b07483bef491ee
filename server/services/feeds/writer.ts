/**
 * Writes a feed as Atom 1.0, RSS 2.0 or JSON Feed 1.1. Small and ours rather than a library: the
 * maintained `feed` package writes titles as HTML, mislabels enclosures, lets characters through that
 * XML 1.0 forbids and only writes JSON Feed 1.0. Every text goes through `cleanText`, every XML value
 * through `escapeXml`; there is no other way into the output.
 */
import type { FeedFormat } from "../../../shared/schemas";

export interface FeedEntry {
  /** Permanent and the same in every feed the entry appears in, so readers recognise it. */
  id: string;
  title: string;
  url: string;
  summary: string | null;
  categories: { term: string; label: string }[];
  authors: string[];
  published: string;
  updated: string;
  image: string | null;
  /** A kennisclip's player, as a media link. */
  video: { url: string; title: string } | null;
}

export interface FeedDocument {
  id: string;
  title: string;
  subtitle: string;
  language: string;
  /** The HTML page the feed belongs to. */
  homeUrl: string;
  selfUrls: Record<FeedFormat, string>;
  updated: string;
  entries: FeedEntry[];
}

// Outside XML 1.0's Char production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), plus
// the C1 controls it discourages: none of them means anything in a title or a note.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const cleanText = (value: string) => value.replace(NOT_XML_CHAR, "");

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const escapeXml = (value: string) => cleanText(value).replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);

/** Plain text as HTML (RSS descriptions are HTML): escaped, line breaks kept. */
const textAsHtml = (value: string) =>
  cleanText(value)
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!)
    .replace(/\r?\n/g, "<br>");

type Attrs = Record<string, string | number | null | undefined>;
type XmlChild = XmlElement | string | null | undefined | false;
interface XmlElement {
  name: string;
  attrs?: Attrs;
  children?: XmlChild[];
}

const el = (name: string, attrs?: Attrs, ...children: XmlChild[]): XmlElement => ({ name, attrs, children });
const textEl = (name: string, text: string | null | undefined, attrs?: Attrs) => (text ? el(name, attrs, text) : null);

function render(node: XmlElement, depth = 0): string {
  const pad = "  ".repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  const children = (node.children ?? []).filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false);
  if (children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  if (children.every((c) => typeof c === "string")) return `${pad}<${node.name}${attrs}>${children.map((c) => escapeXml(c as string)).join("")}</${node.name}>`;
  const inner = children.map((c) => (typeof c === "string" ? `${pad}  ${escapeXml(c)}` : render(c, depth + 1))).join("\n");
  return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
}

const xmlDocument = (root: XmlElement) => `<?xml version="1.0" encoding="utf-8"?>\n${render(root)}\n`;

const MEDIA_NS = "http://search.yahoo.com/mrss/";

/** Media RSS, understood in Atom and RSS alike: the kennisclip's player and the page's image. */
function mediaElements(entry: FeedEntry): XmlElement[] {
  const out: XmlElement[] = [];
  if (entry.video) {
    out.push(
      el(
        "media:content",
        { url: entry.video.url, medium: "video", type: "text/html" },
        el("media:title", { type: "plain" }, entry.video.title),
        el("media:player", { url: entry.video.url }),
      ),
    );
  }
  if (entry.image) out.push(el("media:thumbnail", { url: entry.image }));
  return out;
}

function atom(doc: FeedDocument): string {
  // Atom needs an author per entry or one for the feed; the installation stands in for entries without one.
  const feedAuthor = doc.entries.every((e) => e.authors.length > 0) ? null : el("author", {}, el("name", {}, "Knooppunt"));
  const entries = doc.entries.map((e) =>
    el(
      "entry",
      {},
      el("id", {}, e.id),
      el("title", { type: "text" }, e.title || e.url),
      el("link", { rel: "alternate", type: "text/html", href: e.url }),
      el("published", {}, e.published),
      el("updated", {}, e.updated),
      ...e.authors.map((name) => el("author", {}, el("name", {}, name))),
      ...e.categories.map((c) => el("category", { term: c.term, label: c.label })),
      textEl("summary", e.summary, { type: "text" }),
      ...mediaElements(e),
    ),
  );
  return xmlDocument(
    el(
      "feed",
      { xmlns: "http://www.w3.org/2005/Atom", "xmlns:media": MEDIA_NS, "xml:lang": doc.language },
      el("id", {}, doc.id),
      el("title", { type: "text" }, doc.title),
      textEl("subtitle", doc.subtitle, { type: "text" }),
      el("updated", {}, doc.updated),
      el("link", { rel: "self", type: "application/atom+xml", href: doc.selfUrls.atom }),
      el("link", { rel: "alternate", type: "text/html", href: doc.homeUrl }),
      el("generator", {}, "Knooppunt"),
      feedAuthor,
      ...entries,
    ),
  );
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

function rss(doc: FeedDocument): string {
  const items = doc.entries.map((e) =>
    el(
      "item",
      {},
      el("title", {}, e.title || e.url),
      el("link", {}, e.url),
      el("guid", { isPermaLink: "false" }, e.id),
      el("pubDate", {}, rfc822(e.published)),
      // RSS descriptions are HTML: the text is escaped as HTML first, then as XML.
      e.summary ? el("description", {}, textAsHtml(e.summary)) : null,
      // <author> must be an e-mail address in RSS 2.0; names go in Dublin Core's creator.
      ...e.authors.map((name) => el("dc:creator", {}, name)),
      ...e.categories.map((c) => el("category", {}, c.label)),
      ...mediaElements(e),
    ),
  );
  return xmlDocument(
    el(
      "rss",
      { version: "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:media": MEDIA_NS },
      el(
        "channel",
        {},
        el("title", {}, doc.title),
        el("link", {}, doc.homeUrl),
        el("description", {}, doc.subtitle || doc.title),
        el("language", {}, doc.language),
        el("lastBuildDate", {}, rfc822(doc.updated)),
        el("atom:link", { href: doc.selfUrls.rss, rel: "self", type: "application/rss+xml" }),
        el("generator", {}, "Knooppunt"),
        // Minutes a reader may cache: the polling rhythm feeds are made for.
        el("ttl", {}, "15"),
        ...items,
      ),
    ),
  );
}

function jsonFeed(doc: FeedDocument): string {
  const clean = (value: string | null) => (value === null ? undefined : cleanText(value));
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: cleanText(doc.title),
    home_page_url: doc.homeUrl,
    feed_url: doc.selfUrls.json,
    description: clean(doc.subtitle || null),
    language: doc.language,
    authors: [{ name: "Knooppunt" }],
    items: doc.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: cleanText(e.title || e.url),
      summary: clean(e.summary),
      // Every item needs content_html or content_text.
      content_text: cleanText(e.summary || e.title || e.url),
      image: e.image ?? undefined,
      date_published: e.published,
      date_modified: e.updated,
      authors: e.authors.length ? e.authors.map((name) => ({ name: cleanText(name) })) : undefined,
      tags: e.categories.length ? e.categories.map((c) => cleanText(c.label)) : undefined,
      attachments: e.video ? [{ url: e.video.url, mime_type: "text/html", title: cleanText(e.video.title) }] : undefined,
    })),
  });
}

export function writeFeed(doc: FeedDocument, format: FeedFormat): string {
  if (format === "atom") return atom(doc);
  if (format === "rss") return rss(doc);
  return jsonFeed(doc);
}
