/// <reference types="chrome" />
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { openSidePanel } from "../support/extension-session";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let dir: string;
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-language-"));
  server = await startTestServer({ dir, now: () => new Date() });
  net = await buildNetwork(server);
});

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const pageLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);
const heading = (page: Page) => page.locator("h1").textContent();

async function open(browser: ExtensionBrowser, name: "options" | "popup") {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${name}.html`);
  return page;
}

const storedLanguage = (browser: ExtensionBrowser) =>
  browser.worker.evaluate(async () => ((await chrome.storage.local.get("settings")).settings as { language?: unknown } | undefined)?.language);

describe("the extension's language on first run", () => {
  it("follows an English browser in the options, the popup and the side panel, also once signed in, until the person chooses", async () => {
    const browser = await launchWithExtension({ language: "en-US" });
    try {
      expect(await browser.worker.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^en/);
      const options = await open(browser, "options");
      await expect.poll(() => heading(options)).toBe("Knooppunt — settings");
      expect(await pageLanguage(options)).toBe("en");

      const popup = await open(browser, "popup");
      await expect.poll(() => heading(popup)).toBe("Save to Knooppunt");
      expect(await pageLanguage(popup)).toBe("en");
      await popup.close();

      // Signing in stores the server's address, and no language the person did not choose.
      const anna = net.people.anna;
      await options.getByLabel("Server address").fill(server.url);
      await options.getByLabel("E-mail address").fill(anna.email);
      await options.getByLabel("Password", { exact: true }).fill(anna.password);
      await options.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect.poll(() => options.getByRole("heading", { level: 2 }).first().textContent()).toContain("Signed in as");
      expect(await storedLanguage(browser)).toBeNull();

      const panel = await openSidePanel(browser);
      await panel.getByLabel("Search the library").waitFor();
      expect(await pageLanguage(panel)).toBe("en");
      expect(await panel.getByText("Everything", { exact: true }).count()).toBe(1);

      // The choice in the options overrides the browser's language, in the open panel too.
      await options.getByLabel("Language").selectOption("nl");
      await expect.poll(() => heading(options)).toBe("Knooppunt — instellingen");
      await panel.getByLabel("Zoek in de bibliotheek").waitFor();
      expect(await pageLanguage(panel)).toBe("nl");
      expect(await storedLanguage(browser)).toBe("nl");
      const again = await open(browser, "popup");
      await expect.poll(() => heading(again)).toBe("Bewaar in Knooppunt");
    } finally {
      await browser.close();
    }
  });

  it("starts in Dutch in a browser of any other language", async () => {
    const browser = await launchWithExtension({ language: "de-DE" });
    try {
      const options = await open(browser, "options");
      await expect.poll(() => heading(options)).toBe("Knooppunt — instellingen");
      expect(await pageLanguage(options)).toBe("nl");
      const popup = await open(browser, "popup");
      await expect.poll(() => heading(popup)).toBe("Bewaar in Knooppunt");
      const panel = await openSidePanel(browser);
      await expect.poll(() => panel.getByTestId("signed-out").textContent()).toContain("Nog niet aangemeld");
      expect(await pageLanguage(panel)).toBe("nl");
    } finally {
      await browser.close();
    }
  });
});
