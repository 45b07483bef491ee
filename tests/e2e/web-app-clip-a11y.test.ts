/**
 * The web app's clip and help pages as a screen reader or keyboard user meets them: axe-core finds no
 * violations on /app/clip (the paste form, the form with a refusal, the clipper with a shared link) and
 * on /app/help, in Dutch and in English. axe is injected by the test (bypassCSP): the app's CSP allows
 * no script but its own.
 */
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { axeViolations } from "../support/axe";

const BROWSER_TIMEOUT = 120_000;

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

const TEXT = {
  nl: { paste: "Link bewaren", next: "Verder", address: "Webadres", help: "Knooppunt zonder extensie", save: "Bewaren" },
  en: { paste: "Save a link", next: "Continue", address: "Web address", help: "Knooppunt without the extension", save: "Save" },
} as const;

describe("the clip and help pages for everyone", () => {
  for (const lang of ["nl", "en"] as const) {
    it(`have no axe violations on /app/clip and /app/help in ${lang}`, { timeout: BROWSER_TIMEOUT }, async () => {
      const text = TEXT[lang];
      const context = await browser.newContext({ locale: lang === "nl" ? "nl-NL" : "en-GB", bypassCSP: true });
      try {
        await signInBrowserContext(context, server, openTestWebSession(server, net.people.anna.id));
        const page = await context.newPage();
        await page.goto(`${server.url}/app/clip`);
        expect(await page.locator("h1").innerText()).toBe(text.paste);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByLabel(text.address).fill("niets");
        await page.getByRole("button", { name: text.next }).click();
        expect(await page.getByRole("alert").count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${server.url}/app/clip?url=${encodeURIComponent("https://www.example.nl/taal")}&title=Taal&text=${encodeURIComponent("Een citaat")}`);
        await expect.poll(() => page.locator("#title").inputValue()).toBe("Taal");
        expect(await page.getByRole("button", { name: text.save, exact: true }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);

        await page.goto(`${server.url}/app/help`);
        expect(await page.locator("h1").innerText()).toBe(text.help);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
