import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyBuiltExtension, launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { signInExtension } from "../support/extension-session";
import { startFixtureSite } from "../support/fixture-site";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let dir: string;
let server: TestServer;
let port: number;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-e2e-"));
  server = await startTestServer({ dir, clock: undefined, now: () => new Date() });
  port = server.port;
  net = await buildNetwork(server);
  site = await startFixtureSite();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const teacher = () => net.people.anna;

async function openPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** Opens the clipper for the tab showing `url`, as the toolbar button does for the active tab. */
async function openPopupFor(url: string): Promise<Page> {
  const tabId = await browser.tabIdFor(url);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

async function lookup(url: string) {
  const res = await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token: teacher().token });
  return res.body.item;
}

describe("the options page", () => {
  it("explains a wrong address, a wrong password, then signs in without keeping the password", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // A plain-http address beyond this computer is allowed, but the page says what it means.
    await options.getByLabel("Serveradres").fill("http://knooppunt.school.example");
    await expect.poll(() => options.getByTestId("server-unencrypted").textContent()).toContain("niet versleuteld");
    await options.getByLabel("Serveradres").fill("http://127.0.0.1:9"); // nothing listens on the discard port
    expect(await options.getByTestId("server-unencrypted").count()).toBe(0);
    await options.getByLabel("E-mailadres").fill(teacher().email);
    await options.getByLabel("Wachtwoord", { exact: true }).fill(teacher().password);
    await options.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => options.getByTestId("sign-in-error").textContent()).toMatch(/Op dit adres draait geen Knooppunt|niet bereikbaar/);

    await options.getByLabel("Serveradres").fill(server.url);
    await options.getByLabel("Wachtwoord", { exact: true }).fill("helemaal-verkeerd");
    await options.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => options.getByTestId("sign-in-error").textContent()).toContain("E-mailadres of wachtwoord klopt niet");

    await options.getByLabel("Wachtwoord", { exact: true }).fill(teacher().password);
    await options.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => options.getByRole("heading", { level: 2 }).first().textContent()).toContain(`Aangemeld als Test anna`);

    const stored = await browser.worker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).not.toContain(teacher().password);
    const tokens = await server.api("GET", "/api/v1/tokens", { token: teacher().token });
    expect(tokens.body.tokens.map((t: any) => t.name).some((n: string) => n.startsWith("Chrome op"))).toBe(true);
    await options.close();
  });
});

describe("clipping from the popup", () => {
  it("saves an article with its metadata, the chosen themes (found by synonym), circle and note", async () => {
    const url = site.url("article-og-jsonld-graph.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await expect.poll(() => popup.getByLabel("Titel").inputValue()).toContain("Cultureel responsief lesgeven");
    await expect(popup.getByTestId("privacy").textContent()).resolves.toContain("leerlinggegevens");
    expect(await popup.getByLabel("Artikel").isChecked()).toBe(true);

    // The page names its themes (title, JSON-LD keywords, a heading): they start chosen.
    const chosen = () => popup.locator("li.chip.selected[data-theme]").evaluateAll((chips) => chips.map((chip) => chip.getAttribute("data-theme")));
    expect(await chosen()).toEqual(["cultureel-responsief-lesgeven", "ouderbetrokkenheid", "meertaligheid", "thuistalen"]);
    const themes = popup.getByRole("combobox", { name: "Thema's" });
    await themes.fill("talenbewust");
    await popup.getByRole("option", { name: /Taalbewust lesgeven/ }).waitFor();
    await themes.press("Enter");
    await popup.getByLabel("Wat kan ik ermee?").fill("Startpunt voor de studiedag in januari");
    await popup.getByLabel("Trefwoorden").fill("studiedag");
    await popup.getByLabel("Trefwoorden").press("Enter");
    await popup.getByLabel("Wie ziet dit?").selectOption("school");
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");

    const item = await lookup(url);
    expect([...item.themes].sort()).toEqual(["cultureel-responsief-lesgeven", "meertaligheid", "ouderbetrokkenheid", "taalbewust-lesgeven", "thuistalen"]);
    expect(item).toMatchObject({
      kind: "artikel",
      tags: ["studiedag"],
      canonicalUrl: "https://www.onderwijspraktijk.nl/artikelen/cultureel-responsief-lesgeven-zo-begin-je/",
      saveCount: 1,
    });
    expect(item.title).toContain("Cultureel responsief lesgeven");
    // The page's own metadata, as the extractor read it in the browser.
    expect(item).toMatchObject({
      siteName: "Onderwijspraktijk",
      author: "Fatima el Idrissi",
      language: "nl",
      imageUrl: "https://www.onderwijspraktijk.nl/wp-content/uploads/2024/02/kringgesprek-groep-6.jpg",
    });
    expect(item.publishedAt).toMatch(/^2024-02-14/);
    expect(item.mySave).toMatchObject({ note: "Startpunt voor de studiedag in januari", visibility: "school", schoolId: net.schoolA.id });
    // Same school sees it; another school does not.
    expect((await server.api("GET", `/api/v1/items/${item.id}`, { token: net.people.bram.token })).status).toBe(200);
    expect((await server.api("GET", `/api/v1/items/${item.id}`, { token: net.people.chris.token })).status).toBe(404);
    await popup.close();
    await page.close();
  });

  it("recognises a video page as a kennisclip", async () => {
    const url = site.url("vimeo-video.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await expect.poll(() => popup.getByLabel("Kennisclip").isChecked()).toBe(true);
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");
    const item = await lookup(url);
    expect(item.kind).toBe("kennisclip");
    expect(item.video).toMatchObject({ provider: "vimeo" });
    expect(item.video.durationSeconds).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  it("opens the person's own save for editing when the page is already in the library", async () => {
    const url = site.url("article-og-jsonld-graph.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await expect.poll(() => popup.getByTestId("already-saved").textContent()).toBe("Al bewaard: alleen jij — je past je eigen bewaring aan");
    expect(await popup.getByLabel("Wat kan ik ermee?").inputValue()).toBe("Startpunt voor de studiedag in januari");
    expect(await popup.getByLabel("Wie ziet dit?").inputValue()).toBe("school");
    await popup.getByLabel("Wat kan ik ermee?").fill("Gebruikt op de studiedag: werkte goed");
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").textContent()).toContain("bijgewerkt");

    const list = await server.api("GET", "/api/v1/items?savedBy=me&limit=100", { token: teacher().token });
    expect(list.body.items.filter((i: any) => i.url === url)).toHaveLength(1);
    expect((await lookup(url)).mySave.note).toBe("Gebruikt op de studiedag: werkte goed");
    await popup.close();
    await page.close();
  });
});

describe("the toolbar mark", () => {
  it("shows on a page that is in the library and not on one that is not, following tab switches", async () => {
    const saved = await openPage(site.url("vimeo-video.html"));
    const unsaved = await openPage(site.url("title-only.html"));
    const savedId = await browser.tabIdFor(site.url("vimeo-video.html"));
    const unsavedId = await browser.tabIdFor(site.url("title-only.html"));
    const badge = (tabId: number) => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    await saved.bringToFront();
    await expect.poll(() => badge(savedId)).toBe("✓");
    await unsaved.bringToFront();
    await expect.poll(() => badge(unsavedId)).toBe("");
    await saved.close();
    await unsaved.close();
  });
});

describe("clipping without the popup", () => {
  it("saves a selection as a quote through the context-menu path", async () => {
    const url = site.url("selection.html");
    const page = await openPage(url);
    const selected = await page.evaluate(() => {
      const paragraph = document.querySelector("main p, article p, p")!;
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString().trim();
    });
    const tabId = await browser.tabIdFor(url);
    const outcome = await browser.worker.evaluate(
      async ({ tabId, selected }) => {
        const tab = await chrome.tabs.get(tabId);
        return (globalThis as any).knooppunt.quickClip("selection", tab, { selectionText: selected });
      },
      { tabId, selected },
    );
    expect(outcome.status).toBe("saved");
    const item = await lookup(url);
    expect(selected.length).toBeGreaterThan(20);
    expect(item.mySave.quote).toBe(selected);
    expect(item.mySave.visibility).toBe("private");
    const badge = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe("✓");
    await page.close();
  });
});

describe("language", () => {
  it("shows the popup in English when the person chooses English", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel("Taal").selectOption("en");
    await expect.poll(() => options.getByRole("heading", { level: 1 }).textContent()).toBe("Knooppunt — settings");
    const url = site.url("title-only.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await expect.poll(() => popup.getByRole("heading", { level: 1 }).textContent()).toBe("Save to Knooppunt");
    await expect(popup.getByTestId("privacy").textContent()).resolves.toContain("pupil data");
    await expect(popup.getByLabel("Who sees this?").isVisible()).resolves.toBe(true);
    await options.getByLabel("Language").selectOption("nl");
    await options.close();
    await popup.close();
    await page.close();
  });
});

describe("the offline queue", () => {
  it("keeps clips while the server is down and delivers each exactly once when it returns", async () => {
    const urls = [site.url("news-article.html"), site.url("gespreksprotocol.html")];
    const pages = await Promise.all(urls.map(openPage));
    await server.stop();

    for (const url of urls) {
      const popup = await openPopupFor(url);
      await popup.getByLabel("Titel").waitFor();
      await popup.getByRole("button", { name: "Bewaren" }).click();
      await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
      await popup.close();
    }
    const queued = await browser.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus());
    expect(queued.pending).toBe(2);

    server = await startTestServer({ dir, port, now: () => new Date() });
    // The popup delivers what waited as soon as it opens; the alarm would do the same a little later.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await browser.tabIdFor(urls[0]!)}`);
    await expect.poll(async () => (await browser.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus())).pending, { timeout: 20_000 }).toBe(0);
    // Run the queue once more: nothing may arrive twice.
    await browser.worker.evaluate(() => (globalThis as any).knooppunt.deliverQueue(true));

    const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: teacher().email, password: teacher().password } })).body.token;
    const mine = await server.api("GET", "/api/v1/items?savedBy=me&limit=100", { token });
    for (const url of urls) expect(mine.body.items.filter((i: any) => i.url === url), url).toHaveLength(1);
    const protocol = mine.body.items.find((i: any) => i.url === urls[1]);
    expect(protocol.kind).toBe("protocol");
    await popup.close();
    for (const page of pages) await page.close();
  });
});

describe("the toolbar mark after the offline queue", () => {
  it("shows on the page's tab once its queued clip is delivered", async () => {
    const url = site.url("title-only.html") + "?wachtrij=1";
    const page = await openPage(url);
    const tabId = await browser.tabIdFor(url);
    const badge = () => browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    await server.stop();
    const popup = await openPopupFor(url);
    await popup.getByLabel("Titel").waitFor();
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
    await popup.close();
    expect(await badge()).toBe("");

    server = await startTestServer({ dir, port, now: () => new Date() });
    await browser.worker.evaluate(() => (globalThis as any).knooppunt.deliverQueue(true));
    expect((await browser.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus())).pending).toBe(0);
    // The page was not brought to the front again: the mark follows the delivery itself.
    await expect.poll(badge).toBe("✓");
    const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: teacher().email, password: teacher().password } })).body.token;
    expect((await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token })).body.item).not.toBeNull();
    await page.close();
  });
});

describe("the offline queue across a browser restart", () => {
  it("keeps a queued clip in extension storage and delivers it after the browser starts again", async () => {
    const profileDir = mkdtempSync(join(tmpdir(), "knooppunt-profile-"));
    const extensionPath = await copyBuiltExtension();
    let second: ExtensionBrowser | undefined;
    try {
      const first = await launchWithExtension({ profileDir, extensionPath });
      await signInExtension(first, server, teacher());
      const url = site.url("school-video.html");
      const page = await first.context.newPage();
      await page.goto(url);
      await server.stop();
      const tabId = await first.tabIdFor(url);
      const popup = await first.context.newPage();
      await popup.goto(`chrome-extension://${first.extensionId}/popup.html?tab=${tabId}`);
      await popup.getByRole("button", { name: "Bewaren" }).click();
      await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
      await first.close();

      // The browser starts again while the server is still away: the clip must still be waiting (with the
      // server back first, the worker may deliver it on start-up before anyone looks).
      second = await launchWithExtension({ profileDir, extensionPath });
      const status = () => second!.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus());
      expect((await status()).pending).toBe(1);
      server = await startTestServer({ dir, port, now: () => new Date() });
      await second.worker.evaluate(() => (globalThis as any).knooppunt.deliverQueue(true));
      await expect.poll(async () => (await status()).pending, { timeout: 20_000 }).toBe(0);
      const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: teacher().email, password: teacher().password } })).body.token;
      const mine = await server.api("GET", "/api/v1/items?savedBy=me&limit=100", { token });
      expect(mine.body.items.filter((i: any) => i.url === url)).toHaveLength(1);
    } finally {
      await second?.close();
      rmSync(profileDir, { recursive: true, force: true });
      rmSync(dirname(extensionPath), { recursive: true, force: true });
    }
  });
});

describe("the offline queue and the person behind it", () => {
  const status = () => browser.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus());
  const deliver = () => browser.worker.evaluate(() => (globalThis as any).knooppunt.deliverQueue(true));
  const login = async (person: { email: string; password: string }) =>
    (await server.api("POST", "/api/v1/auth/login", { body: { email: person.email, password: person.password } })).body.token as string;

  async function queueWhileDown(url: string, note: string) {
    const page = await openPage(url);
    await server.stop();
    const popup = await openPopupFor(url);
    await popup.getByLabel("Titel").waitFor();
    await popup.getByLabel("Wat kan ik ermee?").fill(note);
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("queued");
    await popup.close();
    await page.close();
    server = await startTestServer({ dir, port, now: () => new Date() });
  }

  it("keeps queued clips when the session has ended, and delivers them once the person signs in again", async () => {
    await signInExtension(browser, server, { token: await login(teacher()) });
    const url = site.url("news-article.html") + "?sessie=verlopen";
    await queueWhileDown(url, "Bewaard in de trein, zonder verbinding");
    // The device's session ends while the clip waits (signed out elsewhere, or revoked).
    const deviceToken = await browser.worker.evaluate(async () => ((await chrome.storage.local.get("session")) as { session: { token: string } }).session.token);
    expect((await server.api("POST", "/api/v1/auth/logout", { token: deviceToken })).status).toBe(204);

    await deliver();
    expect((await status()).pending).toBe(1);
    expect((await status()).failed.map((f: any) => f.url)).not.toContain(url);
    expect(await lookup(url)).toBeNull();
    // No alarm keeps sending a clip the server will refuse: the next sign-in starts the queue again.
    expect(await browser.worker.evaluate(async () => (await chrome.alarms.get("knooppunt-queue")) ?? null)).toBeNull();

    await signInExtension(browser, server, { token: await login(teacher()) });
    await deliver();
    expect((await status()).pending).toBe(0);
    const item = await lookup(url);
    expect(item.mySave.note).toBe("Bewaard in de trein, zonder verbinding");
  });

  it("delivers a queued clip only under the name of the person who made it", async () => {
    const bram = net.people.bram;
    await signInExtension(browser, server, { token: await login(teacher()) });
    const url = site.url("gespreksprotocol.html") + "?gedeelde-computer=1";
    await queueWhileDown(url, "Anna's eigen aantekening");

    // A colleague signs in on the same computer: Anna's clip neither travels under his name nor counts as his.
    await signInExtension(browser, server, bram);
    await deliver();
    expect((await status()).pending).toBe(0);
    const asBram = await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token: bram.token });
    expect(asBram.body.item).toBeNull();

    await signInExtension(browser, server, { token: await login(teacher()) });
    expect((await status()).pending).toBe(1);
    await deliver();
    expect((await status()).pending).toBe(0);
    const item = await lookup(url);
    expect(item.mySave.note).toBe("Anna's eigen aantekening");
    expect(item.saveCount).toBe(1);
  });
});

describe("a refusal", () => {
  it("is shown to the person and not queued: a disabled account reads as signed out", async () => {
    await server.api("PATCH", `/api/v1/admin/users/${teacher().id}`, { token: server.adminToken, body: { disabled: true } });
    const url = site.url("research-report.html");
    const page = await openPage(url);
    const popup = await openPopupFor(url);
    await popup.getByLabel("Titel").waitFor();
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("rejected");
    expect(await popup.getByTestId("outcome").textContent()).toContain("Je bent afgemeld");
    const status = await browser.worker.evaluate(() => (globalThis as any).knooppunt.queueStatus());
    expect(status.pending).toBe(0);
    await popup.close();
    await page.close();
  });
});

describe("signing out", () => {
  it("revokes the device's token on the server and forgets the session", async () => {
    const bram = net.people.bram;
    const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: bram.email, password: bram.password } })).body.token as string;
    await signInExtension(browser, server, { token });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId("sign-out").click();
    await expect.poll(async () => (await browser.worker.evaluate(() => chrome.storage.local.get("session"))).session ?? null).toBeNull();
    expect((await server.api("GET", "/api/v1/me", { token })).status).toBe(401);
    await options.getByLabel("Serveradres").waitFor();
    await options.close();
  });
});
