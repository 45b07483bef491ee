import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

const SCREENSHOTS = "test-results";
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;
let publicUrl: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  const clip = async (url: string, title: string, note: string) =>
    (await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url, title, note, themes: ["nieuwkomers"], visibility: "public" } })).body.item.id;
  const first = await clip("https://www.lowan.nl/po/zachte-landing", "Zachte landing voor nieuwkomers", "Persoonlijke notitie van Anna");
  const second = await clip("https://www.youtube.com/watch?v=Xk3pQ9vLm2A", "Kennisclip: de eerste schooldag", "Nog een notitie van Anna");
  const broker = net.people.dewi.token;
  const draft = (
    await server.api("POST", "/api/v1/bundles", {
      token: broker,
      body: { title: "Nieuwkomers in groep 3", about: "Hoe je nieuwkomers een zachte landing geeft.", use: "Bespreek de drie stappen in de bouwvergadering.", themes: ["nieuwkomers"], audience: "public" },
    })
  ).body.bundle;
  await server.api("PUT", `/api/v1/bundles/${draft.id}/items`, {
    token: broker,
    body: { version: draft.version, items: [{ itemId: first, note: "Begin hier: de drie stappen." }, { itemId: second, note: "Laat dit zien aan ouders." }] },
  });
  publicUrl = (await server.api("POST", `/api/v1/bundles/${draft.id}/publish`, { token: broker })).body.bundle.publicUrl;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the bundle page in a browser", () => {
  it("reads in Dutch: about, use, items in order with the broker's notes, curator, never a saver's note", async () => {
    const page = await browser.newPage({ locale: "nl-NL" });
    await page.goto(publicUrl);
    const text = await page.locator("main").innerText();
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(text).toContain("Nieuwkomers in groep 3");
    expect(text).toContain("Waar gaat dit over?");
    expect(text).toContain("Wat kan ik ermee?");
    expect(text.indexOf("Zachte landing voor nieuwkomers")).toBeLessThan(text.indexOf("Kennisclip: de eerste schooldag"));
    expect(text).toContain("Begin hier: de drie stappen.");
    // The curator as readers without an account see them: first name (Dewi has no school), never the full name.
    expect(text).toContain("Samengesteld door Test");
    expect(text).not.toContain("Test dewi");
    expect(text).not.toContain("Persoonlijke notitie van Anna");
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "bundle-page-nl.png"), fullPage: true });
    await page.close();
  });

  it("reads in English with ?lang=en, and prints as a handout", async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}?lang=en`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const text = await page.locator("main").innerText();
    expect(text).toContain("What is it about?");
    expect(text).toContain("What can I do with it?");
    await page.screenshot({ path: join(SCREENSHOTS, "bundle-page-en.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    // In print, links show their address so the handout works on paper.
    const printed = await page.evaluate(() => {
      const link = document.querySelector('main a[href^="https://www.lowan.nl"]');
      return link ? getComputedStyle(link, "::after").content : null;
    });
    expect(printed).toContain("https://www.lowan.nl/po/zachte-landing");
    await page.screenshot({ path: join(SCREENSHOTS, "bundle-page-print.png"), fullPage: true });
    await page.close();
  });
});
