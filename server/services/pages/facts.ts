/**
 * The facts of a page the server reads itself, for the web app's clip form: the same extraction the
 * extension runs on the open tab (shared/extract), on the fetched HTML. A PDF is not parsed; it gets
 * what the extension says of a PDF tab, with the document's own title when its bytes give one cheaply.
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { extractPage } from "../../../shared/extract";
import { decodeHtml } from "./charset";
import { parsePageHtml } from "./dom";
import { fetchPage } from "./fetch-page";
import { pdfTitle } from "./pdf-title";
import type { PageFetchSettings } from "./settings";

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

export async function readPageFacts(rawUrl: string, settings: PageFetchSettings): Promise<ExtractedPage> {
  const fetched = await fetchPage(rawUrl, settings);
  if (fetched.type === "pdf") {
    const title = pdfTitle(fetched.body);
    // A PDF tab in the browser is an empty document titled by the viewer: the extractor knows what to make of it.
    const doc = parsePageHtml(`<!DOCTYPE html><html><head>${title ? `<title>${escapeHtml(title)}</title>` : ""}</head><body></body></html>`);
    return extractPage(doc, fetched.url, { contentType: "application/pdf" });
  }
  const doc = parsePageHtml(decodeHtml(fetched.body, fetched.contentType));
  return extractPage(doc, fetched.url, { contentType: (fetched.contentType ?? "").split(";")[0]!.trim().toLowerCase() || null });
}
