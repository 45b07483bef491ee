/**
 * The facts of a page the server reads itself, for the web app's clip form: the same extraction the
 * extension runs on the open tab (shared/extract), on the fetched HTML. A PDF is not parsed; it gets
 * what the extension says of a PDF tab, with the document's own title when its bytes give one cheaply.
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { decodeHtml } from "./charset";
import { fetchPage } from "./fetch-page";
import { pdfTitle } from "./pdf-title";
import type { PageFetchSettings } from "./settings";

/**
 * The HTML parser and the extractor (linkedom, Readability) are loaded at the first page read, not at
 * start: they are ~15 MB of a server's resident memory that most servers, whose clips come from the
 * extension, never use.
 */
async function pageReader() {
  const [{ parsePageHtml }, { extractPage }] = await Promise.all([import("./dom"), import("../../../shared/extract")]);
  return { parsePageHtml, extractPage };
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

export async function readPageFacts(rawUrl: string, settings: PageFetchSettings, signal?: AbortSignal): Promise<ExtractedPage> {
  const fetched = await fetchPage(rawUrl, settings, signal);
  const { parsePageHtml, extractPage } = await pageReader();
  if (fetched.type === "pdf") {
    const title = pdfTitle(fetched.body);
    // A PDF tab in the browser is an empty document titled by the viewer: the extractor knows what to make of it.
    const doc = parsePageHtml(`<!DOCTYPE html><html><head>${title ? `<title>${escapeHtml(title)}</title>` : ""}</head><body></body></html>`);
    return extractPage(doc, fetched.url, { contentType: "application/pdf" });
  }
  const doc = parsePageHtml(decodeHtml(fetched.body, fetched.contentType));
  return extractPage(doc, fetched.url, { contentType: (fetched.contentType ?? "").split(";")[0]!.trim().toLowerCase() || null });
}
