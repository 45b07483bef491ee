/**
 * What a page says it is about, for suggesting themes: its keywords (meta keywords, news_keywords,
 * article:tag, JSON-LD keywords and about) and the headings of its main content.
 */
import { deref, ldName } from "./json-ld";
import { metaAll, type Page } from "./page";
import { singleLine } from "./values";

const MAX_KEYWORDS = 30;
const MAX_HEADINGS = 30;
const MAX_LENGTH = 200;

/** Trimmed, single-line, each once (case aside), at most `max`. */
const keep = (values: Iterable<string>, max: number) => {
  const kept = new Map<string, string>();
  for (const value of values) {
    const text = singleLine(value).slice(0, MAX_LENGTH);
    if (text && !kept.has(text.toLowerCase()) && kept.size < max) kept.set(text.toLowerCase(), text);
  }
  return [...kept.values()];
};

/** A JSON-LD `keywords` value: "a, b", ["a", "b"], or DefinedTerm nodes with a name. */
function ldTerms(page: Page, value: unknown): string[] {
  const node = deref(page, value);
  if (typeof node === "string") return node.split(",");
  if (Array.isArray(node)) return node.flatMap((entry) => ldTerms(page, entry));
  const name = ldName(page, node);
  return name ? [name] : [];
}

export function findKeywords(page: Page): string[] {
  const fromMeta = metaAll(page, "keywords", "news_keywords").flatMap((list) => list.split(","));
  const tags = metaAll(page, "article:tag");
  // The article's own terms; a page without an article node may still describe itself (a WebPage).
  const node = page.ldMain ?? page.ld.find((entry) => entry["keywords"] !== undefined || entry["about"] !== undefined);
  const fromLd = node ? [...ldTerms(page, node["keywords"]), ...ldTerms(page, node["about"])] : [];
  return keep([...fromMeta, ...tags, ...fromLd], MAX_KEYWORDS);
}

/** The h1–h3 of the main content, leaving out navigation, sidebars and footers. */
export function findHeadings(page: Page): string[] {
  if (page.staleHead) return [];
  const doc = page.doc;
  const root = doc.getElementsByTagName("main").item(0) ?? doc.querySelector('[role="main"]') ?? doc.getElementsByTagName("article").item(0) ?? doc.body;
  if (!root) return [];
  const headings = Array.from(root.querySelectorAll("h1, h2, h3"))
    .slice(0, MAX_HEADINGS * 3)
    .filter((heading) => !inFurniture(heading))
    .map((heading) => heading.textContent ?? "");
  return keep(headings, MAX_HEADINGS);
}

const FURNITURE = new Set(["NAV", "ASIDE", "FOOTER"]);

// An ancestor walk rather than closest(): jsdom matches selectors slowly, and this runs per heading.
function inFurniture(element: Element): boolean {
  for (let node = element.parentElement; node; node = node.parentElement) if (FURNITURE.has(node.tagName.toUpperCase())) return true;
  return false;
}
