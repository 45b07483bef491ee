/// <reference types="chrome" />
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { EXTENSION_PATH, type ExtensionBrowser } from "./browser";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const REQUIRED = ["manifest.json", "background.js", "popup.html", "sidepanel.html", "options.html"];

/**
 * Like launchWithExtension, but Chromium loads a private copy of the built extension. A second test run
 * in the same checkout rebuilds .output/ (global-setup), and a long browser test must not see its files
 * vanish halfway; the copy is taken once the build is complete.
 */
export async function launchWithExtensionCopy(): Promise<ExtensionBrowser> {
  const deadline = Date.now() + 60_000;
  while (!REQUIRED.every((file) => existsSync(join(EXTENSION_PATH, file)))) {
    if (Date.now() > deadline) throw new Error(`no complete extension build in ${EXTENSION_PATH}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  const root = mkdtempSync(join(tmpdir(), "knooppunt-ext-"));
  const extension = join(root, "extension");
  const profile = join(root, "profile");
  cpSync(EXTENSION_PATH, extension, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    tabIdFor: (url) =>
      worker.evaluate(async (target) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === target);
        if (!tab?.id) throw new Error(`no tab for ${target}`);
        return tab.id;
      }, url),
    close: async () => {
      await context.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
