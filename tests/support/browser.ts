/// <reference types="chrome" />
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { chromium, type BrowserContext, type Worker } from "playwright-core";

export const EXTENSION_PATH = resolve(".output/chrome-mv3");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** The id of the tab showing `url`, as the extension sees it. */
  tabIdFor(url: string): Promise<number>;
  close(): Promise<void>;
}

const REQUIRED = ["manifest.json", "background.js", "popup.html", "sidepanel.html", "options.html", "extract.js"];

/**
 * A private copy of the built extension. Another test run in the same checkout rebuilds .output/ (the
 * global setup), and a browser test must not see its files vanish halfway. Chromium derives an unpacked
 * extension's id (and so its storage) from the folder, so a test that restarts the browser reuses its copy.
 */
export async function copyBuiltExtension(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (!REQUIRED.every((file) => existsSync(join(EXTENSION_PATH, file)))) {
    if (Date.now() > deadline) throw new Error(`no complete extension build in ${EXTENSION_PATH}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  const copy = join(mkdtempSync(join(tmpdir(), "knooppunt-ext-")), "extension");
  cpSync(EXTENSION_PATH, copy, { recursive: true });
  return copy;
}

/**
 * Debian's Chromium, headless, with the built extension loaded unpacked (a private copy unless a folder is
 * given). A fresh profile unless one is given; given folders are kept on close, so a test can start the
 * browser again on them. The browser speaks `language` (default Dutch, as a Dutch teacher's does).
 */
export async function launchWithExtension(options: { extensionPath?: string; profileDir?: string; language?: string } = {}): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? (await copyBuiltExtension());
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), "knooppunt-chromium-"));
  const language = options.language ?? "nl";
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    // On Linux, Chromium takes its interface language from the environment (LANGUAGE first), not from --lang.
    env: { ...process.env, LANGUAGE: language.replace("-", "_") },
    args: [
      `--lang=${language}`,
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  const spoken = await worker.evaluate(() => chrome.i18n.getUILanguage());
  if (spoken.split("-")[0] !== language.split("-")[0]) {
    await context.close();
    throw new Error(`Chromium speaks ${spoken}, not ${language}: its language files are missing (Debian: apt-get install chromium-l10n)`);
  }
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
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
      if (!options.extensionPath) rmSync(dirname(extensionPath), { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium without an extension, headless as the brief measures it: for the web app's and the pages' tests. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
