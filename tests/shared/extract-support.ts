import { JSDOM } from "jsdom";
import { extractPage, type ExtractedPage } from "../../shared/extract";

export const PAGE_URL = "https://www.voorbeeldschool.nl/nieuws/ouderavond";

/** A small page built in the test: the head and body given, nothing else. */
export function extractFrom(head: string, body = "", { url = PAGE_URL, lang = "" }: { url?: string; lang?: string } = {}): ExtractedPage {
  const html = `<!DOCTYPE html><html${lang ? ` lang="${lang}"` : ""}><head>${head}</head><body>${body}</body></html>`;
  return extractPage(new JSDOM(html, { url }).window.document, url);
}
