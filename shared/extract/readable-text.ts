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

export function readableContent(doc: Document): { text: string | null; excerpt: string | null; byline: string | null } {
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
  return { text: text || null, excerpt: firstParagraph || null, byline: article?.byline ? singleLine(article.byline) || null : null };
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
