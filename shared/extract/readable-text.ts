/**
 * The page's readable text, for search: Readability's article when it finds one, else the visible text
 * of the main content.
 */
import { Readability } from "@mozilla/readability";
import { singleLine } from "./values";

const BLOCK_TAGS = new Set(
  "ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL".split(
    " ",
  ),
);

// <video>/<audio> children are fallback text for browsers without media support, not content.
const SKIPPED_TAGS = new Set("SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT EMBED CANVAS SELECT BUTTON VIDEO AUDIO".split(" "));

// Readability's time grows faster than the page; past this many elements (a 5 MB forum thread, an
// endless feed) the popup would hang, so the plain body text stands in for the article.
const MAX_READABILITY_ELEMENTS = 8000;
// Enough text for LIMITS.text with room for whitespace; reading further only costs time.
const MAX_FALLBACK_CHARACTERS = 300_000;

export function readableContent(doc: Document): { text: string | null; excerpt: string | null; byline: string | null } {
  let article: ReturnType<Readability<Element>["parse"]> = null;
  if (doc.documentElement && doc.getElementsByTagName("*").length <= MAX_READABILITY_ELEMENTS) {
    try {
      // Readability rewrites the document it is given; the live page must stay as the reader left it.
      const clone = doc.cloneNode(true) as Document;
      article = new Readability<Element>(clone, { serializer: (node) => node as Element }).parse();
    } catch {
      article = null;
    }
  }
  let text = article?.content ? textOf(article.content) : "";
  if (!text && doc.body) {
    // Too little for Readability (a short notice, a video page), or too much: the body text is still
    // worth searching. Read in place, leaving out the page's furniture.
    text = textOf(doc.body, SKIPPED_WITH_FURNITURE, MAX_FALLBACK_CHARACTERS);
  }
  // Readability's own excerpt prefers the meta description, which may be stale (see Page.staleHead) and
  // was already considered; the first paragraph of the content is what is left to offer.
  const firstParagraph = article?.content ? textOf(article.content.querySelector("p") ?? article.content) : "";
  return { text: text || null, excerpt: firstParagraph || null, byline: article?.byline ? singleLine(article.byline) || null : null };
}

const SKIPPED_WITH_FURNITURE = new Set([...SKIPPED_TAGS, "NAV", "HEADER", "FOOTER", "ASIDE", "FORM"]);

/** Text with a space at block boundaries, so "<h2>Kop</h2><p>Tekst" does not become "KopTekst". */
function textOf(root: Node, skipped: Set<string> = SKIPPED_TAGS, maxCharacters = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (node: Node): void => {
    if (length > maxCharacters) return;
    if (node.nodeType === 3 /* TEXT_NODE */) {
      const value = node.nodeValue ?? "";
      parts.push(value);
      length += value.length;
      return;
    }
    if (node.nodeType !== 1 /* ELEMENT_NODE */) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (skipped.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) parts.push(" ");
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) parts.push(" ");
  };
  visit(root);
  return singleLine(parts.join(""));
}
