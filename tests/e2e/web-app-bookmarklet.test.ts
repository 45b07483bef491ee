/**
 * The bookmarklet "Bewaar in Knooppunt" from /app/help, run on a page without a CSP and on pages with a
 * strict one, in Chromium with a signed-in browser session.
 *
 * How a bookmark is "clicked" here: Playwright cannot click the bookmarks bar. Chromium runs a javascript:
 * URL from a bookmark (or typed into the address bar) in the page's main world as if the person ran it,
 * without checking the page's CSP against the bookmarklet's own code (script-src does not apply to what
 * the person chose to run); whatever that code then loads (our page-facts.js) is checked by the page's CSP
 * as usual. The closest we can get is the same: the bookmark's code, decoded from its javascript: URL,
 * evaluated through the DevTools protocol (Runtime.evaluate) in the page's main world, with a user gesture
 * as the click gives (so window.open is not taken for a popup to block). Injecting a <script> or
 * navigating to the javascript: URL would instead be blocked by the page's CSP, which a real bookmark is not.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, type Page } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

const BROWSER_TIMEOUT = 120_000;

const ARTICLE = `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>Meertaligheid in de klas | Taalblog</title>
  <meta property="og:site_name" content="Taalblog">
  <meta property="og:title" content="Meertaligheid in de klas">
  <meta name="author" content="Fatima el Amrani">
</head>
<body>
  <main><article>
    <h1>Meertaligheid in de klas</h1>
    <p id="quote">Talen zijn een bron, geen probleem.</p>
    <p>Leerlingen die thuis een andere taal spreken, brengen kennis mee die je in de les kunt gebruiken. In dit stuk drie werkvormen
    die meertaligheid zichtbaar maken: een taalportret, een woordmuur in alle talen van de groep en het vertalen van een kernbegrip.</p>
    <p>Begin klein: vraag leerlingen welk woord zij thuis gebruiken voor het begrip van de les, en hang het op.</p>
  </article></main>
</body>
</html>`;

/** The same article without a CSP, with a script-src of 'none', and with a nonce-only policy. */
const POLICIES: Record<string, string | null> = {
  "/open.html": null,
  "/strict.html": "default-src 'self'; script-src 'none'",
  "/nonce.html": "script-src 'nonce-k3y9Yq'; object-src 'none'; base-uri 'none'",
};

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  site = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (!(path in POLICIES)) return void res.writeHead(404).end();
    const policy = POLICIES[path];
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...(policy ? { "Content-Security-Policy": policy } : {}) }).end(ARTICLE);
  });
  await new Promise<void>((done) => site.listen(0, "127.0.0.1", done));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => site?.close(done));
  await server?.stop();
});

/** Selects the paragraph the person would select before clicking the bookmark. */
const selectQuote = (page: Page) =>
  page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById("quote")!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

async function clipWithBookmarklet(path: string) {
  const context = await browser.newContext({ locale: "nl-NL" });
  await signInBrowserContext(context, server, openTestWebSession(server, net.people.anna.id));
  const help = await context.newPage();
  await help.goto(`${server.url}/app/help`);
  const href = (await help.getByTestId("bookmarklet").getAttribute("href"))!;
  expect(href.startsWith("javascript:")).toBe(true);
  await help.close();

  const page = await context.newPage();
  await page.goto(`${siteUrl}${path}`);
  await selectQuote(page);
  const cdp = await context.newCDPSession(page);
  const opened = context.waitForEvent("page");
  const ran = await cdp.send("Runtime.evaluate", { expression: decodeURIComponent(href.slice("javascript:".length)), userGesture: true });
  expect(ran.exceptionDetails).toBeUndefined();
  const clip = await opened;
  await clip.waitForURL(/\/app\/clip\?/);
  await expect.poll(() => clip.locator("#title").inputValue()).not.toBe("");
  return { context, page, clip };
}

describe("the bookmarklet", () => {
  it("opens the clip window with the page's own facts, address and selection on a page without a CSP, and saves them", { timeout: BROWSER_TIMEOUT }, async () => {
    const { context, page, clip } = await clipWithBookmarklet("/open.html");
    try {
      const query = new URL(clip.url()).searchParams;
      expect([query.get("url"), query.get("title"), query.get("text")]).toEqual([`${siteUrl}/open.html`, "Meertaligheid in de klas | Taalblog", "Talen zijn een bron, geen probleem."]);
      // Our script loaded into the page and read it there: the site's name and the page's own title.
      expect(await page.evaluate(() => typeof (window as { knooppuntPageFacts?: unknown }).knooppuntPageFacts)).toBe("function");
      expect(await clip.locator(".popup-header .hint").innerText()).toBe("Taalblog");
      expect(await clip.locator("#title").inputValue()).toBe("Meertaligheid in de klas");
      expect(await clip.locator("#quote").inputValue()).toBe("Talen zijn een bron, geen probleem.");
      expect(await clip.locator(".popup > .notice.warn").count()).toBe(0);
      // The facts were read once: they are no longer in the window's address.
      expect(new URL(clip.url()).hash).toBe("");
      await clip.getByRole("button", { name: "Bewaren" }).click();
      await expect.poll(() => clip.getByTestId("outcome").getAttribute("data-status")).toBe("saved");
      const saved = (await server.api("GET", "/api/v1/items?savedBy=me", { token: net.people.anna.token })).body.items;
      expect(saved.map((item: { url: string; title: string; siteName: string | null; author: string | null }) => [item.url, item.title, item.siteName, item.author])).toEqual([
        [`${siteUrl}/open.html`, "Meertaligheid in de klas", "Taalblog", "Fatima el Amrani"],
      ]);
    } finally {
      await context.close();
    }
  });

  for (const path of ["/strict.html", "/nonce.html"]) {
    it(`opens the clip window with address, title and selection under a strict CSP (${path.slice(1)})`, { timeout: BROWSER_TIMEOUT }, async () => {
      const { context, page, clip } = await clipWithBookmarklet(path);
      try {
        const query = new URL(clip.url()).searchParams;
        expect([query.get("url"), query.get("title"), query.get("text")]).toEqual([`${siteUrl}${path}`, "Meertaligheid in de klas | Taalblog", "Talen zijn een bron, geen probleem."]);
        // The page's CSP kept our script out; the form has what the bookmark itself could read.
        expect(await page.evaluate(() => typeof (window as { knooppuntPageFacts?: unknown }).knooppuntPageFacts)).toBe("undefined");
        expect(await clip.locator("#title").inputValue()).toBe("Meertaligheid in de klas | Taalblog");
        expect(await clip.locator("#quote").inputValue()).toBe("Talen zijn een bron, geen probleem.");
        expect(await clip.locator(".popup-header .hint").innerText()).toBe("127.0.0.1");
      } finally {
        await context.close();
      }
    });
  }
});
