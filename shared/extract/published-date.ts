/**
 * When the page was published (never when it was last changed): metadata first, then the JSON-LD, then
 * the dates the article shows in its header.
 */
import { ldString } from "./json-ld";
import { itemprop, meta, metaAll, type Page } from "./page";
import { type DateReading, normaliseDate } from "./values";

export function findPublishedAt(page: Page, language: string | null): string | null {
  const reading: DateReading = { monthFirst: language === "en" || language === "en-US" };
  const candidates: (() => (string | null | undefined)[])[] = [
    () => [meta(page, "article:published_time")],
    () => (page.ldMain ? [ldString(page.ldMain["datePublished"]), ldString(page.ldMain["uploadDate"]), ldString(page.ldMain["dateCreated"])] : []),
    () => metaAll(page, "citation_publication_date", "citation_date", "citation_online_date"),
    () => metaAll(page, "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "dcterms.created"),
    () => [meta(page, "parsely-pub-date", "sailthru.date", "cxenseparse:publishtime", "publish-date", "pubdate", "date")],
    () => [parselyDate(page)],
    () => [itemprop(page, "datePublished"), itemprop(page, "uploadDate")],
    () => articleDates(page),
  ];
  for (const candidate of candidates) {
    for (const value of candidate()) {
      const date = value ? normaliseDate(value, reading) : null;
      if (date) return date;
    }
  }
  return null;
}

function parselyDate(page: Page): string | null {
  const raw = meta(page, "parsely-page");
  if (!raw || raw.length > 10_000) return null;
  try {
    const date = (JSON.parse(raw) as { pub_date?: unknown }).pub_date;
    return typeof date === "string" ? date : null;
  } catch {
    return null;
  }
}

/** A <time datetime> or <abbr title> in the article or its header: what the reader sees as the date. */
function articleDates(page: Page): string[] {
  if (page.staleHead || page.large) return [];
  const scope = page.doc.querySelector("article") ?? page.doc.querySelector("main, [role=main]");
  const selectors = ["time[pubdate][datetime]", "time[datetime]", "abbr[title]"];
  const dates: string[] = [];
  for (const root of [scope, page.doc.querySelector("header")]) {
    if (!root) continue;
    for (const selector of selectors) {
      for (const element of [...root.querySelectorAll(selector)].slice(0, 5)) {
        const value = element.getAttribute(element.tagName === "ABBR" ? "title" : "datetime");
        if (value) dates.push(value);
      }
    }
  }
  return dates;
}
