/**
 * The bookmarklet "Bewaar in Knooppunt", for browsers without the extension (a managed laptop, an iPad's
 * Safari). Clicked on any page, it opens /app/clip in a small window with the page's address, title and
 * selection, and, where the page allows it, the page's own facts (site, author, date, image, text) read
 * with the same extraction as the extension (page-facts.ts, served as /app/page-facts.js).
 *
 * How, and why this way:
 * - The window is opened at once, empty, inside the click: a window opened later (after a script
 *   loaded) is a popup that browsers block. Only then does the bookmarklet load our page-facts.js into the
 *   page and, when it has loaded (or failed), send the window to /app/clip.
 * - The facts travel in the address's fragment (`#page=…`), never to a server on the way, rather than by
 *   postMessage: /app pages are served with Cross-Origin-Opener-Policy: same-origin, which cuts the
 *   window off from the page that opened it, so neither could message the other.
 * - A javascript: bookmark runs whatever the page's CSP says (browsers exempt what the person clicks in
 *   their own bookmarks bar), but the script it loads does not: under a strict CSP (`script-src 'none'`,
 *   nonce-only) page-facts.js fails to load and the window gets the address, title and selection only; the
 *   clip form then asks the server to read the page, as for a link shared from a phone. A short timer
 *   covers pages where the load neither finishes nor fails.
 * - Plain ES5-level code that assumes nothing of the page (no libraries, globals or modern syntax).
 */

/** The selection is a quote: more than this does not fit one, and would make the address very long. */
const MAX_SELECTION = 5000;
const WAIT_FOR_FACTS_MS = 3000;

/** The readable source, for the help page to show what the bookmark does; `origin` is this Knooppunt. */
export function bookmarkletSource(origin: string): string {
  return `(function () {
  var o = ${JSON.stringify(origin)}, d = document, w = window, sent = false;
  var q = "url=" + encodeURIComponent(location.href) + "&title=" + encodeURIComponent(d.title) + "&text=" + encodeURIComponent(String(w.getSelection() || "").slice(0, ${MAX_SELECTION}));
  var k = w.open("", "knooppunt", "width=480,height=680");
  function go(page) {
    if (sent) return;
    sent = true;
    var u = o + "/app/clip?" + q + (page ? "#page=" + encodeURIComponent(JSON.stringify(page)) : "");
    if (k) k.location.href = u; else location.href = u;
  }
  var s = d.createElement("script");
  s.src = o + "/app/page-facts.js";
  s.onload = function () { var f = w.knooppuntPageFacts; var p = null; try { p = f ? f() : null; } catch (e) {} go(p); };
  s.onerror = function () { go(null); };
  setTimeout(function () { go(null); }, ${WAIT_FOR_FACTS_MS});
  (d.head || d.documentElement).appendChild(s);
})();`;
}

/** The bookmark's address: the source on one line, as browsers keep a bookmark's URL. */
export function bookmarkletHref(origin: string): string {
  const oneLine = bookmarkletSource(origin)
    .split("\n")
    .map((line) => line.trim())
    .join("");
  return `javascript:${encodeURIComponent(oneLine)}`;
}
