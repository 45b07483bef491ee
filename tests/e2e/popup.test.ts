import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { signInExtension } from "../support/extension-session";
import { startFixtureSite } from "../support/fixture-site";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

// The toolbar popup as a teacher meets it: what it says after a save, who saved a page before, whether it
// fits the browser's 600 px, which circle and themes it starts with, and a tab that is gone.

let dir: string;
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-e2e-popup-"));
  server = await startTestServer({ dir, clock: undefined, now: () => new Date() });
  net = await buildNetwork(server);
  site = await startFixtureSite();
  browser = await launchWithExtension();
  await signInExtension(browser, server, net.people.anna);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const anna = () => net.people.anna;

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** The clipper for the tab showing `url`, as the toolbar button opens it, in a window of the given size. */
async function openPopupFor(url: string, viewport = { width: 400, height: 600 }): Promise<Page> {
  const tabId = await browser.tabIdFor(url);
  const popup = await browser.context.newPage();
  await popup.setViewportSize(viewport);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByLabel("Titel").waitFor();
  return popup;
}

async function lookup(url: string, token = anna().token) {
  const res = await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token });
  return res.body.item;
}

const selectedThemes = (popup: Page) => popup.locator("li.chip.selected[data-theme]").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")));
const offeredThemes = (popup: Page) => popup.locator("[data-testid=offered-themes] button").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")));
const outcomeText = (popup: Page) => popup.getByTestId("outcome").textContent();

describe("the popup at the browser's size", () => {
  it("shows title, kind, themes, circle and Bewaren within 600 px without scrolling sideways, and saves on Enter", async () => {
    const url = site.url("zachte-landing-nieuwkomers.html") + "?indeling=1";
    const page = await openPage(url);
    for (const viewport of [{ width: 800, height: 600 }, { width: 400, height: 600 }]) {
      const popup = await openPopupFor(url, viewport);
      const box = async (name: string, locator: ReturnType<Page["locator"]>) => {
        const found = await locator.boundingBox();
        if (!found) throw new Error(`${name} is not shown`);
        return found;
      };
      const save = await box("Bewaren", popup.getByRole("button", { name: "Bewaren" }));
      expect(save.y + save.height, `Bewaren at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(600);
      // Above the footer that holds Bewaren, without scrolling.
      const footer = await box("footer", popup.getByTestId("popup-footer"));
      const inSight = {
        title: popup.getByLabel("Titel"),
        kind: popup.getByRole("group", { name: "Soort" }),
        chosenThemes: popup.locator("li.chip.selected[data-theme]").last(),
        offeredThemes: popup.getByTestId("offered-themes"),
        circle: popup.getByLabel("Wie ziet dit?"),
      };
      for (const [name, locator] of Object.entries(inSight)) {
        const found = await box(name, locator);
        expect(found.y, `${name} at ${viewport.width}×${viewport.height}`).toBeGreaterThanOrEqual(0);
        expect(found.y + found.height, `${name} at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(footer.y);
      }
      expect(await popup.getByText("of Ctrl+Enter").isVisible()).toBe(true);
      const scrolling = await popup.evaluate(() => ({
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        downwards: document.documentElement.scrollHeight - document.documentElement.clientHeight,
        focused: document.activeElement?.textContent,
      }));
      expect(scrolling).toEqual({ sideways: 0, downwards: 0, focused: "Bewaren" });
      if (viewport.width === 800) {
        await popup.close();
        continue;
      }
      // One key from opening to a clip with what the popup suggests.
      await popup.keyboard.press("Enter");
      await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");
      // Still on Bewaren: a change and Enter again updates the save.
      expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe("Bewaren");
      const item = await lookup(url);
      expect(item.mySave).toMatchObject({ visibility: "private" });
      expect([...item.mySave.themes].sort()).toEqual(["nieuwkomers", "nt2", "zachte-landing"]);
      await popup.close();
    }
    await page.close();
  });
});

describe("what the popup says", () => {
  it("calls a first save saved, with a way to the library, and a second save of one's own an update", async () => {
    const url = site.url("podcast-episode.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    expect(await popup.getByTestId("already-saved").count()).toBe(0);
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => outcomeText(popup)).toContain("Bewaard in de bibliotheek.");
    expect(await outcomeText(popup)).not.toContain("bijgewerkt");
    // The header still describes the page as the person found it.
    expect(await popup.getByTestId("already-saved").count()).toBe(0);

    const item = await lookup(url);
    // The side panel takes the item to show (and clears it) as soon as it opens: listen for the request itself.
    await browser.worker.evaluate(() => {
      const requests: string[] = [];
      Object.assign(globalThis, { libraryRequests: requests });
      chrome.storage.onChanged.addListener((changes) => {
        const focus = changes["libraryFocus"]?.newValue as { itemId: string } | null | undefined;
        if (focus) requests.push(focus.itemId);
      });
    });
    await popup.getByRole("button", { name: "Open in bibliotheek" }).click();
    await expect.poll(() => browser.worker.evaluate(() => (globalThis as unknown as { libraryRequests: string[] }).libraryRequests)).toEqual([item.id]);

    await popup.getByLabel("Wat kan ik ermee?").fill("Aflevering voor de opleidingsschool");
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => outcomeText(popup)).toContain("Je bewaring is bijgewerkt.");
    expect((await lookup(url)).mySave.note).toBe("Aflevering voor de opleidingsschool");
    await popup.close();
    await page.close();
  });

  it("counts colleagues apart from the person: 2 collega's, then jij en 2 collega's", async () => {
    const url = site.url("broken-jsonld.html");
    for (const colleague of [net.people.bram, net.people.chris]) {
      const saved = await server.api("POST", "/api/v1/items", { token: colleague.token, body: { url, title: "Thuistalen", visibility: "network" } });
      expect(saved.status).toBeLessThan(300);
    }
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await expect.poll(() => popup.getByTestId("already-saved").textContent()).toBe("Al bewaard: 2 collega's");
    await popup.getByRole("button", { name: "Bewaren" }).click();
    // The item was there, but this is the person's own first save.
    await expect.poll(() => outcomeText(popup)).toContain("Bewaard in de bibliotheek.");
    await popup.close();

    const again = await openPopupFor(url);
    await expect.poll(() => again.getByTestId("already-saved").textContent()).toBe("Al bewaard: jij en 2 collega's — je past je eigen bewaring aan");
    await again.close();
    await page.close();
  });
});

describe("where the form starts", () => {
  it("starts each page at the default circle with the page's own themes; the last circle and recent themes are one click away", async () => {
    const first = site.url("zachte-landing-nieuwkomers.html");
    const firstPage = await openPage(first);
    const popup = await openPopupFor(first);
    expect(await selectedThemes(popup)).toEqual(["nt2", "nieuwkomers", "zachte-landing"]);
    // Weaker matches first, then the person's recent themes.
    expect((await offeredThemes(popup)).slice(0, 2)).toEqual(["meertaligheid", "thuistalen"]);
    expect(await popup.getByLabel("Wie ziet dit?").inputValue()).toBe("private");
    await popup.getByLabel("Wie ziet dit?").selectOption("public");
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");
    expect((await lookup(first)).mySave.visibility).toBe("public");
    await popup.close();

    // An unrelated page, in English, about whales.
    const next = site.url("humpback-whales.html");
    const nextPage = await openPage(next);
    const second = await openPopupFor(next);
    expect(await second.getByLabel("Wie ziet dit?").inputValue()).toBe("private");
    expect(await selectedThemes(second)).toEqual([]);
    // The themes just used are offered first, not applied.
    expect((await offeredThemes(second)).slice(0, 3)).toEqual(["nt2", "nieuwkomers", "zachte-landing"]);
    await second.getByRole("button", { name: "Zoals vorige keer: Iedereen (openbaar)" }).click();
    expect(await second.getByLabel("Wie ziet dit?").inputValue()).toBe("public");
    await second.getByRole("button", { name: "Thema toevoegen: NT2 (Nederlands als tweede taal) › Nieuwkomers" }).click();
    expect(await selectedThemes(second)).toEqual(["nieuwkomers"]);
    await second.close();
    await nextPage.close();
    await firstPage.close();
  });
});

describe("a tab that is gone", () => {
  it("says so instead of loading for ever, in Dutch and in English", async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=987654`);
    await expect.poll(() => popup.getByTestId("popup-message").textContent()).toContain("Dit tabblad is gesloten of bestaat niet meer");
    await popup.close();

    await signInExtension(browser, server, anna(), "en");
    const english = await browser.context.newPage();
    await english.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=987654`);
    await expect.poll(() => english.getByTestId("popup-message").textContent()).toContain("This tab was closed or no longer exists");
    await english.close();
    await signInExtension(browser, server, anna(), "nl");
  });
});
