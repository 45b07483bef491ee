/**
 * Loaded into a page by the bookmarklet (help/bookmarklet.ts), built on its own to /app/page-facts.js:
 * reads the page with the extension's extraction and leaves the facts for the bookmarklet to send. It
 * reads when asked, so a selection made just before the click counts, and sends nothing anywhere itself.
 */
import { extractPage } from "../../../shared/extract";

/** The text is cut shorter than an item allows: it travels in the clip window's address. */
const MAX_TEXT = 20_000;

(window as Window & { knooppuntPageFacts?: () => unknown }).knooppuntPageFacts = () =>
  extractPage(document, location.href, { selection: window.getSelection()?.toString() ?? null, contentType: document.contentType, maxTextLength: MAX_TEXT });
