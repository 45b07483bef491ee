/**
 * Reading schema.org JSON-LD as pages really write it: broken by CMS templates, nested in @graph,
 * pointing elsewhere with {"@id"}. Takes the id index rather than the whole page, so it depends on nothing
 * but ./values.
 */
import { decodeEntities, singleLine } from "./values";

export type LdNode = Record<string, unknown>;

/** The part of a read page that JSON-LD references resolve against. */
export interface LdGraph {
  ldById: Map<string, LdNode>;
}

const MAX_BLOCK_LENGTH = 1_000_000;
const MAX_BLOCKS = 50;

export function readJsonLd(doc: Document): { nodes: LdNode[]; byId: Map<string, LdNode> } {
  const nodes: LdNode[] = [];
  const byId = new Map<string, LdNode>();
  let blocks = 0;
  for (const script of doc.querySelectorAll("script[type]")) {
    if (blocks >= MAX_BLOCKS) break;
    const type = script.getAttribute("type")!.split(";")[0]!.trim().toLowerCase();
    if (type !== "application/ld+json") continue;
    blocks += 1;
    const raw = script.textContent ?? "";
    // Real JSON-LD is a few kilobytes; a megabyte of it is an attack or a mistake, not metadata.
    if (raw.length > MAX_BLOCK_LENGTH) continue;
    const data = parseLenientJson(raw);
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
  for (const key of ["mainEntity", "mainEntityOfPage", "article"]) {
    const inner = node[key];
    if (inner && typeof inner === "object" && !isReference(inner)) collectTopLevel(inner, into, depth + 1);
  }
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
export function deref(page: LdGraph, value: unknown): unknown {
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

export function hasType(node: LdNode, test: (type: string) => boolean): boolean {
  return types(node).some(test);
}

export const isArticleType = (type: string) =>
  /Article$/.test(type) || ["BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "Review", "Report", "Thesis"].includes(type);

export const isResearchType = (type: string) => ["ScholarlyArticle", "MedicalScholarlyArticle", "Report", "Thesis"].includes(type);

export const isPodcastType = (type: string) => type === "PodcastEpisode" || type === "PodcastSeries";

/** A plain string from a JSON-LD value that may be a string, number, list or `{"@value": ...}`. */
export function ldString(value: unknown): string | null {
  if (typeof value === "string") return singleLine(decodeEntities(value)) || null;
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

export function ldName(page: LdGraph, value: unknown): string | null {
  const node = deref(page, value);
  if (typeof node === "string") return singleLine(node) || null;
  if (!node || typeof node !== "object" || Array.isArray(node)) return null;
  const record = node as LdNode;
  const given = ldString(record["givenName"]);
  const family = ldString(record["familyName"]);
  return ldString(record["name"]) ?? ([given, family].filter(Boolean).join(" ") || null);
}

export function ldNames(page: LdGraph, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => ldName(page, entry)).filter((name): name is string => Boolean(name));
}

/** Image values: "url", {"url"}, {"contentUrl"}, or a list of those. */
export function ldUrl(page: LdGraph, value: unknown): string | null {
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

