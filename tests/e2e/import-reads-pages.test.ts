/**
 * An import in the web app with its pages read afterwards: the review offers it (chosen already, with what
 * it means), the progress shows the pages being read until every one is, and the saves then carry what the
 * pages say; a person can stop the reading from the progress, which then says so. axe-core finds nothing on
 * the review, the finished import or the stopped reading.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { startSite, type Site } from "../support/page-facts-site";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { axeViolations } from "../support/axe";

const BROWSER_TIMEOUT = 180_000;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}.html`, import.meta.url), "utf8");

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;
let site: Site;
const dir = mkdtempSync(join(tmpdir(), "knooppunt-import-pages-e2e-"));

/** The page that waits until the test lets it answer, and a way to know it was asked for. */
let openSlow!: () => void;
const slowOpened = new Promise<void>((resolve) => (openSlow = resolve));
let slowAsked!: () => void;
const slowArrived = new Promise<void>((resolve) => (slowAsked = resolve));

beforeAll(async () => {
  const page = (name: string) => (_req: unknown, res: import("node:http").ServerResponse) => void res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(fixture(name));
  site = await startSite({
    "/protocol": page("gespreksprotocol"),
    "/video": page("school-video"),
    "/langzaam": async (req, res) => {
      slowAsked();
      await slowOpened;
      page("news-article")(req, res);
    },
    "/daarna": page("research-report"),
  });
  server = await startTestServer({
    now: () => new Date(),
    pageFetchAllowHosts: ["127.0.0.1"],
    importReadPages: true,
    importPages: { hostIntervalMs: 100, personIntervalMs: 0, pollIntervalMs: 50 },
  });
  net = await buildNetwork(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
  openSlow();
  rmSync(dir, { recursive: true, force: true });
});

/** Signs the person in, writes a bookmark file of the site's pages and opens its review in the web app. */
async function reviewInWebApp(context: BrowserContext, userId: string, links: [path: string, title: string][]) {
  const file = join(dir, `${userId}.html`);
  const entries = links.map(([path, title]) => `<DT><A HREF="${site.url(path)}" ADD_DATE="1700000000">${title}</A>`).join("\n");
  writeFileSync(file, `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${entries}\n</DL>`);
  await signInBrowserContext(context, server, openTestWebSession(server, userId));
  const page = await context.newPage();
  await page.goto(`${server.url}/app/import`);
  await page.getByLabel("Bestand", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Bestand lezen" }).click();
  await page.getByTestId("import-review").waitFor();
  return page;
}

describe("an import that reads its pages afterwards, in the web app", () => {
  it("offers it in the review, shows the pages being read, and the saves then say what the pages say", { timeout: BROWSER_TIMEOUT }, async () => {
    const anna = net.people.anna;
    const context = await browser.newContext({ locale: "nl-NL", bypassCSP: true });
    try {
      const page = await reviewInWebApp(context, anna.id, [
        ["/protocol", "Gespreksprotocol"],
        ["/video", ""],
      ]);

      const offer = page.getByRole("checkbox", {
        name: "Daarna elke pagina lezen en aanvullen wat het bestand niet heeft: samenvatting, afbeelding, website, soort en de tekst om op te zoeken",
      });
      expect(await offer.isChecked()).toBe(true);
      expect(await offer.getAttribute("aria-describedby")).toBe("import-read-pages-hint");
      expect(await page.locator("#import-read-pages-hint").innerText()).toBe(
        "Knooppunt leest de pagina's zelf, zonder in te loggen: één tegelijk per website en met een pauze ertussen, dus bij veel links duurt het even. Wat jij of het bestand gaf, blijft staan.",
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "2 links importeren" }).click();

      // "0 of 0" also has none due, before the import has put its pages in line: the count is waited for,
      // as long as the pages may take (one at a time per site, with a pause between).
      const pages = page.locator('[data-testid="import-pages"][data-due="0"]');
      await pages.waitFor({ timeout: 60_000 });
      await expect.poll(() => pages.innerText(), { timeout: 60_000 }).toBe("Pagina's gelezen: 2 van 2");
      expect(await page.locator('[data-testid="import-progress"]').getAttribute("data-status")).toBe("done");
      expect(await axeViolations(page)).toEqual([]);

      const saved = (await reply(server.client(anna.token).api.v1.items.$get({ query: { savedBy: "me" } }))).body.items;
      const expected = async (path: string) => (await server.api("POST", "/api/v1/pages/facts", { token: anna.token, body: { url: site.url(path) } })).body.page;
      const [protocol, video] = [await expected("/protocol"), await expected("/video")];
      expect(saved.map((item) => [item.url, item.title, item.kind, item.excerpt]).sort()).toEqual(
        [
          [site.url("/protocol"), "Gespreksprotocol", protocol.kind, protocol.meta.excerpt],
          [site.url("/video"), video.title, video.kind, video.meta.excerpt],
        ].sort(),
      );
    } finally {
      await context.close();
    }
  });

  it("lets the person stop the reading from the progress, and says so", { timeout: BROWSER_TIMEOUT }, async () => {
    const bram = net.people.bram;
    const context = await browser.newContext({ locale: "nl-NL", bypassCSP: true });
    try {
      const page = await reviewInWebApp(context, bram.id, [
        ["/langzaam", "Langzaam"],
        ["/daarna", "Daarna"],
      ]);
      await page.getByRole("button", { name: "2 links importeren" }).click();

      // The first page is being read (its site answers when the test lets it), the second waits its turn.
      await slowArrived;
      const stop = page.getByRole("button", { name: "Stoppen met pagina's lezen" });
      await stop.click();
      const stopped = page.locator('[data-testid="import-pages"][data-stopped="true"]');
      await stopped.waitFor();
      expect(await stopped.innerText()).toBe("Je hebt het lezen van de pagina's gestopt; links die nog niet gelezen waren, blijven zoals het bestand ze gaf.");
      expect(await stop.count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      openSlow();

      const jobs = (await reply(server.client(bram.token).api.v1.imports.$get({ query: {} }))).body.imports;
      expect(jobs.map((job) => job.pages)).toEqual([{ due: 0, read: 0, failed: 0, stopped: true }]);
    } finally {
      await context.close();
    }
  });
});
