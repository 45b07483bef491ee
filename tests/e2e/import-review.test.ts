/**
 * Bringing bookmarks in through the web app, as a teacher does it: choose the browser's bookmark file,
 * read the review's counts, change one folder's suggested theme, choose the school as the circle (and read
 * the sentence that says more people will see the links), confirm, watch the import finish, find the links
 * in the library with those themes and that circle, and download the report. axe-core finds nothing on the
 * review or on the finished import.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { axeViolations } from "../support/axe";

const BOOKMARKS = resolve("tests/fixtures/imports/chrome-bookmarks.html");
const BROWSER_TIMEOUT = 180_000;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("importing a browser's bookmarks in the web app", () => {
  it("reviews, maps a folder to another theme, shares with the school, runs to the end and gives the report", { timeout: BROWSER_TIMEOUT }, async () => {
    const anna = net.people.anna;
    const context = await browser.newContext({ locale: "nl-NL", bypassCSP: true, acceptDownloads: true });
    try {
      await signInBrowserContext(context, server, openTestWebSession(server, anna.id));
      const page = await context.newPage();
      await page.goto(`${server.url}/app`);
      await page.getByTestId("library-import-link").click();
      await page.waitForURL(`${server.url}/app/import`);
      expect(await page.locator("h1").innerText()).toBe("Links importeren");
      await expect.poll(() => page.getByTestId("import-list").innerText()).toContain("Je hebt nog niets geïmporteerd.");

      await page.getByLabel("Bestand", { exact: true }).setInputFiles(BOOKMARKS);
      await page.getByRole("button", { name: "Bestand lezen" }).click();
      const review = page.getByTestId("import-review");
      await review.waitFor();
      expect(await page.getByTestId("import-found").innerText()).toBe("4 links gevonden in chrome-bookmarks.html.");
      expect(await page.getByTestId("import-counts").locator("dd").allInnerTexts()).toEqual(["3", "0", "0"]);
      expect(await page.getByTestId("import-skipped").locator("li").allInnerTexts()).toEqual(["javascript:-link: 1"]);
      expect(await page.getByTestId("import-kinds").locator("li").allInnerTexts()).toEqual(["Artikel: 2", "Kennisclip: 1"]);
      expect(await page.getByTestId("import-folders").locator("li").allInnerTexts()).toEqual([
        "Bladwijzerbalk: 1 links",
        "Bladwijzerbalk › Meertaligheid: 1 links",
        "Andere bladwijzers: 1 links",
      ]);
      const labels = page.getByTestId("import-label");
      expect(await labels.locator("label").allInnerTexts()).toEqual([
        "Bladwijzerbalk (map, 2 links)",
        "Meertaligheid (map, 1 links)",
        "Andere bladwijzers (map, 1 links)",
      ]);
      // The suggestion is chosen already: the folder Meertaligheid is the theme Meertaligheid.
      const meertaligheid = page.locator('[data-testid="import-label"][data-label="Meertaligheid"]');
      expect(await meertaligheid.locator("li.chip").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")))).toEqual(["meertaligheid"]);
      expect(await page.getByTestId("import-circle-sentence").innerText()).toBe("Alleen jij ziet deze links.");
      expect(await axeViolations(page)).toEqual([]);

      // This folder is about home languages: the sub-theme instead of the suggestion.
      await meertaligheid.getByRole("button", { name: /Meertaligheid$/ }).click();
      await meertaligheid.getByRole("combobox").fill("thuista");
      await meertaligheid.locator('[role="option"][data-theme="thuistalen"]').click();
      expect(await meertaligheid.locator("li.chip").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")))).toEqual(["thuistalen"]);

      await page.getByLabel("Eén kring voor de hele import").selectOption("school");
      expect(await page.getByTestId("import-circle-sentence").innerText()).toBe("Let op: alle 3 links worden zichtbaar voor meer mensen dan jij: Mijn school (De Regenboog).");
      await page.getByRole("button", { name: "3 links importeren" }).click();

      const progress = page.locator('[data-testid="import-progress"][data-status="done"]');
      await progress.waitFor({ timeout: 60_000 });
      expect(await progress.locator("h2").innerText()).toBe("De import is klaar");
      expect(await page.getByTestId("import-outcome").innerText()).toBe("3 nieuw bewaard, 0 samengevoegd met wat je al had, 1 overgeslagen");
      expect(await axeViolations(page)).toEqual([]);
      await expect.poll(() => page.getByTestId("import-list-entry").count()).toBe(1);
      expect(await page.getByTestId("import-list-entry").getAttribute("data-status")).toBe("done");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Verslag downloaden (CSV)" }).first().click()]);
      const csv = await readFile((await download.path())!, "utf8");

      // In the library: the three links, in the school's circle, with the folder's themes as confirmed.
      const saved = (await reply(server.client(anna.token).api.v1.items.$get({ query: { savedBy: "me" } }))).body.items;
      const byUrl = Object.fromEntries(saved.map((item) => [item.url, item]));
      expect(saved.map((item) => [item.url, item.themes, item.mySave?.visibility, item.mySave?.schoolId]).sort()).toEqual([
        ["https://www.meertaligheid.nl/thuistaal-in-de-klas", ["thuistalen"], "school", net.schoolA.id],
        ["https://www.nt2.nl/nl/dossiers/alfabetisering", [], "school", net.schoolA.id],
        ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", [], "school", net.schoolA.id],
      ]);
      expect(csv).toBe(
        [
          "position,url,title,folder,outcome,reason,reason_text,item_id,page,page_reason,page_reason_text",
          `1,https://www.nt2.nl/nl/dossiers/alfabetisering,Alfabetisering in de NT2-les,Bladwijzerbalk,imported,,,${byUrl["https://www.nt2.nl/nl/dossiers/alfabetisering"]!.id},,,`,
          `2,https://www.meertaligheid.nl/thuistaal-in-de-klas?utm_source=nieuwsbrief,Thuistaal in de klas & op het plein,Bladwijzerbalk/Meertaligheid,imported,,,${byUrl["https://www.meertaligheid.nl/thuistaal-in-de-klas"]!.id},,,`,
          `3,javascript:alert('knooppunt'),Bladwijzerscript,Bladwijzerbalk/Meertaligheid,skipped,javascript,javascript:-link / javascript: link,,,,`,
          `4,https://www.youtube.com/watch?v=dQw4w9WgXcQ,Kennisclip: zachte landing,Andere bladwijzers,imported,,,${byUrl["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]!.id},,,`,
          "",
        ].join("\r\n"),
      );

      await page.getByRole("link", { name: "Naar de bibliotheek" }).click();
      await page.waitForURL(`${server.url}/app`);
      await expect.poll(() => page.getByTestId("item-card").count()).toBe(3);
      const thuistaal = page.locator(`[data-item-id="${byUrl["https://www.meertaligheid.nl/thuistaal-in-de-klas"]!.id}"]`);
      expect(await thuistaal.locator("h3 a").first().innerText()).toBe("Thuistaal in de klas & op het plein\n(opent in een nieuw tabblad)");
      expect(await thuistaal.locator("li.chip").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")))).toEqual(["thuistalen"]);
    } finally {
      await context.close();
    }
  });
});
