/**
 * The page's readable text, for search: the text of the element that holds the article (articleBody,
 * the longest <article>, <main>, else the element holding most paragraph text) without the page's
 * furniture. Readability did this before; under jsdom it cost 50 ms to 2 s per page, the whole budget of
 * a popup that should open at once, for text that is only searched, never shown.
 */
import { singleLine } from "./values";

const BLOCK_TAGS = new Set(
  "ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL".split(
    " ",
  ),
);

// <video>/<audio> children are fallback text for browsers without media support, not content.
const SKIPPED_TAGS = new Set("SCRIPT STYLE NOSCRIPT TEMPLATE SVG IFRAME OBJECT EMBED CANVAS SELECT BUTTON VIDEO AUDIO".split(" "));
const SKIPPED_WITH_FURNITURE = new Set([...SKIPPED_TAGS, "NAV", "HEADER", "FOOTER", "ASIDE", "FORM"]);

const MAX_PARAGRAPHS_SCORED = 2000;
// Enough text for LIMITS.text with room for whitespace; reading further only costs time.
const MAX_TEXT_CHARACTERS = 300_000;
// A root with less text than this is a teaser or a card, not the article.
const MIN_ROOT_CHARACTERS = 200;
const MAX_ARTICLES_COMPARED = 20;

/** `large`: a page too big to search for its article (see Page.large); its body text is read as it comes. */
export function readableContent(doc: Document, large: boolean): { text: string | null; excerpt: string | null } {
  const root = (large ? null : contentRoot(doc)) ?? doc.body;
  if (!root) return { text: null, excerpt: null };
  const text = textOf(root, SKIPPED_WITH_FURNITURE, MAX_TEXT_CHARACTERS);
  const paragraph = root.querySelector("p");
  return { text: text || null, excerpt: paragraph ? textOf(paragraph) || null : null };
}

/** The element the page itself marks as its article, when it holds more than a teaser. */
function contentRoot(doc: Document): Element | null {
  const marked = doc.querySelector('[itemprop~="articleBody"]');
  if (marked && textLength(marked) >= MIN_ROOT_CHARACTERS) return marked;
  // News pages list related stories as <article> cards too; the article is the one with the most text.
  let best: Element | null = null;
  let bestLength = 0;
  for (const article of Array.from(doc.querySelectorAll("article")).slice(0, MAX_ARTICLES_COMPARED)) {
    const length = textLength(article);
    if (length > bestLength) [best, bestLength] = [article, length];
  }
  if (best && bestLength >= MIN_ROOT_CHARACTERS) return best;
  const main = doc.getElementsByTagName("main").item(0) ?? doc.querySelector('[role="main"]');
  if (main && textLength(main) >= MIN_ROOT_CHARACTERS) return main;
  return paragraphParent(doc);
}

/**
 * Readability's core idea at a fraction of its cost: the article is the element whose own paragraphs
 * hold the most text. Its parent counts half, so text split over sibling <div>s still finds one root.
 */
function paragraphParent(doc: Document): Element | null {
  const scores = new Map<Element, number>();
  for (const paragraph of Array.from(doc.querySelectorAll("p")).slice(0, MAX_PARAGRAPHS_SCORED)) {
    const parent = paragraph.parentElement;
    if (!parent) continue;
    const length = textLength(paragraph);
    scores.set(parent, (scores.get(parent) ?? 0) + length);
    const grandparent = parent.parentElement;
    if (grandparent) scores.set(grandparent, (scores.get(grandparent) ?? 0) + length / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  return best && bestScore >= MIN_ROOT_CHARACTERS ? best : null;
}

// Whitespace counts too; close enough to compare candidates, and cheaper than collapsing it first.
function textLength(element: Element): number {
  return (element.textContent ?? "").length;
}

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
