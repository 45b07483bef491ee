/// <reference types="chrome" />
import type { Page } from "playwright-core";
import type { ExtensionBrowser } from "./browser";
import type { TestServer } from "./server";

/**
 * Signs the extension in as a person without the options page: the same session the options page
 * stores (server address, token, /me), written into extension storage by the service worker.
 */
export async function signInExtension(browser: ExtensionBrowser, server: TestServer, person: { token: string }, language: "nl" | "en" = "nl") {
  const me = await server.api("GET", "/api/v1/me", { token: person.token });
  if (me.status !== 200) throw new Error(`cannot read /me: ${me.status}`);
  const session = { serverUrl: server.url, token: person.token, ...me.body };
  await browser.worker.evaluate(
    async ({ session, language }) => {
      const { settings } = await chrome.storage.local.get("settings");
      await chrome.storage.local.set({
        session,
        settings: { serverUrl: session.serverUrl, defaultVisibility: "private", defaultCommunityId: null, ...(settings ?? {}), language },
        taxonomy: null,
      });
    },
    { session, language },
  );
}

/** The side panel's page, opened in a tab (as Chrome shows it beside a page, but addressable). */
export async function openSidePanel(browser: ExtensionBrowser, options: { width?: number; height?: number } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: options.width ?? 400, height: options.height ?? 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  return page;
}
