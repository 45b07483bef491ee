/**
 * Who wrote the page: metadata first, then what the page shows in its byline. Names come cleaned of
 * "By ", e-mail addresses and whatever a byline prints after the name (a date, the outlet).
 */
import { ldNames } from "./json-ld";
import { itemprop, meta, metaAll, type Page } from "./page";
import { singleLine } from "./values";

const MAX_NAME_LENGTH = 100;
const MAX_BYLINE_ELEMENTS = 20;

export function findAuthor(page: Page, readabilityByline: string | null): string | null {
  // Metadata names a person on purpose; a byline's text may be anything, so it must look like a name.
  const candidates: [() => string[], boolean][] = [
    [() => metaAll(page, "citation_author"), false],
    [() => (page.ldMain ? ldNames(page, page.ldMain["author"] ?? page.ldMain["creator"]) : []), false],
    [() => metaAll(page, "author"), false],
    [() => metaAll(page, "dc.creator", "dcterms.creator"), false],
    // One vendor at a time: sailthru.author can be a login ("mikecason") where byline has the name.
    ...["parsely-author", "article:author", "byline", "byl", "sailthru.author"].map((key): [() => string[], boolean] => [() => metaAll(page, key), false]),
    [() => parselyAuthors(page), false],
    [() => microdataAuthors(page), false],
    // Readability looks for rel=author, itemprop=author and byline-like classes, and knows what to skip.
    [() => (readabilityByline ? [readabilityByline] : []), true],
    [() => visibleBylines(page), true],
  ];
  for (const [candidate, strict] of candidates) {
    const unique = [...new Set(candidate().map((raw) => cleanName(raw, strict)).filter((name): name is string => name !== null))];
    if (unique.length === 0) continue;
    // "Vries, A. de" style names carry their own commas; then only a semicolon separates people.
    return unique.join(unique.some((name) => name.includes(",")) ? "; " : ", ");
  }
  return null;
}

/**
 * A person's name or null: "By Mike Cason | mcason@al.com" is Mike Cason; a profile URL is not a name,
 * and neither is, when `strict`, a byline with a date or a count in it.
 */
export function cleanName(raw: string, strict: boolean): string | null {
  let name = singleLine(raw)
    .replace(/^(?:written by|geschreven door|by|door|von|par|auteur|author)\s*:?\s+/i, "")
    .replace(/\S+@\S+\.\S+/g, "");
  // What a byline prints after the name: "Name | outlet", "Name · CBC News", "Name - Aug 10, 2016".
  name = name.split(/\s+[|·•–—-]\s+|\s*\|\s*/)[0]!.trim().replace(/[,;|·]+$/, "").trim();
  if (!name || name.length > MAX_NAME_LENGTH) return null;
  if (/^(?:https?:|\/\/|www\.)/i.test(name) || !/\p{L}/u.test(name)) return null;
  if (strict && /\d/.test(name)) return null;
  return name;
}

function parselyAuthors(page: Page): string[] {
  // Parse.ly's older tag is one JSON object: {"title": …, "authors": ["…"], "pub_date": …}.
  const raw = meta(page, "parsely-page");
  if (!raw || raw.length > 10_000) return [];
  try {
    const authors = (JSON.parse(raw) as { authors?: unknown }).authors;
    return Array.isArray(authors) ? authors.filter((author): author is string => typeof author === "string") : [];
  } catch {
    return [];
  }
}

function microdataAuthors(page: Page): string[] {
  if (page.staleHead || page.large) return [];
  const names: string[] = [];
  for (const element of [...page.doc.querySelectorAll('[itemprop~="author"]')].slice(0, MAX_BYLINE_ELEMENTS)) {
    // <meta itemprop=author content="…"> carries the name in content; a Person scope in its name.
    const name =
      element.getAttribute("content") ??
      itemprop(page, "name", element) ??
      (element.hasAttribute("itemscope") ? null : singleLine(element.textContent ?? ""));
    if (name) names.push(name);
  }
  return names;
}

function visibleBylines(page: Page): string[] {
  if (page.staleHead || page.large) return [];
  const scope = page.doc.querySelector("article, main, [role=main]") ?? page.doc.body;
  if (!scope) return [];
  for (const selector of ['a[rel~="author"]', ".byline a", ".author-name, .author__name, .byline__author", ".byline, .author"]) {
    const names = [...scope.querySelectorAll(selector)]
      .slice(0, MAX_BYLINE_ELEMENTS)
      .map((element) => singleLine(element.textContent ?? ""))
      .filter(Boolean);
    if (names.length > 0) return names.slice(0, 1);
  }
  return [];
}
