/**
 * Who wrote the page: metadata first, then what the page shows in its byline. Names come cleaned of
 * "By ", e-mail addresses and whatever a byline prints after the name (a date, the outlet).
 */
import { deref, hasType, type LdNode, ldName, ldNames } from "./json-ld";
import { itemprop, meta, metaAll, type Page } from "./page";
import { decodeEntities, singleLine } from "./values";

const MAX_NAME_LENGTH = 100;
const MAX_BYLINE_ELEMENTS = 20;

export function findAuthor(page: Page): string | null {
  // Metadata names a person on purpose; a byline's text may be anything, so it must look like a name.
  const candidates: [() => string[], boolean][] = [
    [() => metaAll(page, "citation_author"), false],
    [() => (page.ldMain ? people(page, page.ldMain["author"] ?? page.ldMain["creator"]) : []), false],
    // Condé Nast and others put the company in `author` and the writer in article:author.
    [() => metaAll(page, "article:author"), false],
    [() => metaAll(page, "author"), false],
    [() => metaAll(page, "dc.creator", "dcterms.creator"), false],
    // One vendor at a time: sailthru.author can be a login ("mikecason") where byline has the name.
    ...["parsely-author", "byline", "byl", "sailthru.author"].map((key): [() => string[], boolean] => [() => metaAll(page, key), false]),
    [() => parselyAuthors(page), false],
    [() => microdataAuthors(page), false],
    [() => markedBylines(page), true],
    [() => visibleBylines(page), true],
  ];
  const organisations = organisationNames(page);
  for (const [candidate, strict] of candidates) {
    const names = candidate()
      .flatMap((raw) => splitList(raw))
      .map((raw) => cleanName(raw, strict))
      .filter((name): name is string => name !== null && !organisations.has(name.toLowerCase()));
    const unique = [...new Set(names)];
    if (unique.length === 0) continue;
    // "Vries, A. de" style names carry their own commas; then only a semicolon separates people.
    return unique.join(unique.some((name) => name.includes(",")) ? "; " : ", ");
  }
  return null;
}

/** JSON-LD authors, leaving out an Organization listed beside people ("John Pullen", "TIME"). */
function people(page: Page, value: unknown): string[] {
  const list = (Array.isArray(value) ? value : [value]).map((entry) => deref(page, entry));
  const persons = list.filter((entry) => !(entry && typeof entry === "object" && hasType(entry as LdNode, (type) => type === "Organization")));
  return ldNames(page, persons.length > 0 ? persons : list);
}

/** "A, B and C" is three people; "Vries, A. de" is one, and stays as written. */
function splitList(raw: string): string[] {
  const text = singleLine(raw);
  if (!/\s(?:and|en|und|et|&)\s/i.test(text)) return [text];
  return text.split(/\s*,\s*|\s+(?:and|en|und|et|&)\s+/i).filter(Boolean);
}

/** The site and publisher names: in an author field they name the company, not who wrote the page. */
function organisationNames(page: Page): Set<string> {
  const names = [
    ...metaAll(page, "og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher", "copyright"),
    page.ldMain ? ldName(page, page.ldMain["publisher"]) : null,
    page.url?.hostname.replace(/^www\./, "") ?? null,
  ];
  const set = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const text = singleLine(name).toLowerCase();
    set.add(text);
    // "NDR.de - Nachrichten - NDR Info" names NDR too.
    for (const part of text.split(/\s+[|·–—-]\s+/)) set.add(part.trim().replace(/\.(?:de|nl|com|org|be)$/, ""));
  }
  return set;
}

/**
 * A person's name or null: "By Mike Cason | mcason@al.com" is Mike Cason; a profile URL is not a name,
 * and neither is, when `strict`, a byline with a date or a count in it.
 */
export function cleanName(raw: string, strict: boolean): string | null {
  let name = singleLine(decodeEntities(raw))
    .replace(BYLINE_PREFIX, "")
    .replace(/\S+@\S+\.\S+/g, "")
    // An editor's initials after the name: "Julia Hitz (eg)".
    .replace(/\s*\([^)]{1,6}\)$/, "");
  // What a byline prints around the name: "Name | outlet", "Name · CBC News", "Name - Aug 10, 2016",
  // "Politik · Name": the first part that looks like a name.
  const parts = name.split(/\s+[|·•–—-]\s+|\s*\|\s*/).map((part) => part.trim().replace(/[,;|·]+$/, "").trim());
  for (const part of strict ? parts : parts.slice(0, 1)) {
    if (!part || part.length > MAX_NAME_LENGTH) continue;
    if (/^(?:https?:|\/|www\.|@)/i.test(part) || !/\p{L}/u.test(part)) continue;
    if (strict && (/\d/.test(part) || part.split(" ").length > MAX_NAME_WORDS || BYLINE_LABEL.test(part))) continue;
    return part;
  }
  return null;
}

const BYLINE_PREFIX =
  /^(?:(?:written|posted|published|geschreven|geplaatst|gepubliceerd|verfasst|eine analyse)\s+(?:by|door|von)|by|door|von|par|auteur|autor(?:\/in)?|author|作者|著者)\s*[:：]?(?:\s+|$)/i;
// What a byline element says besides names: a label, a section, a share button.
const BYLINE_LABEL = /^(?:by|door|von|published|posted|politik|twitter|facebook|follow|volgen|share|delen|staff|redactie)$/i;
const MAX_NAME_WORDS = 5;

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
  const elements = Array.from(page.doc.querySelectorAll('[itemprop~="author"]')).slice(0, MAX_BYLINE_ELEMENTS);
  // Related posts carry their own authors: only those of the first item that names one count.
  const scope = elements[0] ? itemScopeOf(elements[0]) : null;
  for (const element of elements) {
    if (itemScopeOf(element) !== scope) continue;
    // <meta itemprop=author content="…"> carries the name in content; a Person scope in its name.
    const name =
      element.getAttribute("content") ??
      itemprop(page, "name", element) ??
      (element.hasAttribute("itemscope") ? null : singleLine(element.textContent ?? ""));
    if (name) names.push(name);
  }
  return names;
}

// The test Readability uses to find a byline, without the cost of running Readability on the page.
const BYLINE_MARK = /byline|author|dateline|writtenby|p-author/i;
const MAX_BYLINE_LENGTH = 100;
const MAX_BYLINE_CANDIDATES = 5;

/**
 * The first element marked as a byline (rel=author, itemprop=author, a byline-like class or id, a link to
 * an author page), in document order, outside navigation and comments. The names are its links when it
 * has them ("By <a>Howard Blume</a> Staff Writer"), else its text.
 */
function itemScopeOf(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) if (node.hasAttribute("itemscope")) return node;
  return null;
}

function markedBylines(page: Page): string[] {
  if (page.staleHead || page.large || !page.doc.body) return [];
  let tried = 0;
  // One static list: iterating jsdom's live collection re-walks the tree at every step.
  for (const element of Array.from(page.doc.body.querySelectorAll("*"))) {
    if (!isMarkedByline(element) || inFurniture(element)) continue;
    const links = Array.from(element.querySelectorAll("a")).filter(
      (link) => !SOCIAL_LINK.test(link.getAttribute("href") ?? "") && cleanName(link.textContent ?? "", true) !== null,
    );
    // Links to author pages are the names; otherwise only the first link is (the rest: "Bio", "Share").
    const authorLinks = links.filter((link) => AUTHOR_PAGE.test(link.getAttribute("href") ?? "") || /\bauthor\b/i.test(link.getAttribute("rel") ?? ""));
    const names = (authorLinks.length > 0 ? authorLinks : links.slice(0, 1)).map((link) => singleLine(link.textContent ?? ""));
    if (names.length > 0 && names.length <= MAX_BYLINE_LINKS) return names;
    const text = singleLine(element.textContent ?? "");
    if (text && text.length < MAX_BYLINE_LENGTH && cleanName(text, true)) return [text];
    if (++tried >= MAX_BYLINE_CANDIDATES) break;
  }
  return [];
}

const AUTHOR_PAGE = /\/(?:author|authors|auteur|auteurs|autor|autoren|editors?|staff|medewerkers)\/[^/?#]/i;
const SOCIAL_LINK = /^mailto:|twitter\.com|x\.com\/|facebook\.com|instagram\.com|linkedin\.com/i;
const MAX_BYLINE_LINKS = 6;

function isMarkedByline(element: Element): boolean {
  if ((element.getAttribute("rel") ?? "").split(/\s+/).includes("author")) return true;
  if ((element.getAttribute("itemprop") ?? "").split(/\s+/).includes("author")) return true;
  if (BYLINE_MARK.test(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`)) return true;
  return element.tagName.toUpperCase() === "A" && AUTHOR_PAGE.test(element.getAttribute("href") ?? "");
}

const FURNITURE_TAGS = new Set(["NAV", "FOOTER", "ASIDE"]);

// An ancestor walk rather than closest(): jsdom matches selectors slowly, and this runs per candidate.
function inFurniture(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (FURNITURE_TAGS.has(node.tagName.toUpperCase()) || node.hasAttribute("hidden")) return true;
    if (/(?:^|\s|-)comments?(?:$|\s|-)/i.test(`${node.getAttribute("class") ?? ""} ${node.getAttribute("id") ?? ""}`)) return true;
  }
  return false;
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
