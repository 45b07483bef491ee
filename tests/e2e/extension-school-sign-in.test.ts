/// <reference types="chrome" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { launchFirefoxWithExtension } from "../support/firefox";
import { startFixtureSite } from "../support/fixture-site";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

// The extension signs in with the browser's web session, through the browser's own sign-in window:
// identity.launchWebAuthFlow does complete in headless Chromium and in headless Firefox here, so these tests
// press the real button and confirm in the real window; nothing in between is driven by hand. The wall time
// from the button to signed in (and to the first stored clip) is logged, not asserted.

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  site = await startFixtureSite();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

const storedSession = () => browser.worker.evaluate(async () => ((await chrome.storage.local.get("session")).session ?? null) as { serverUrl: string; token: string; user: { name: string } } | null);

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel("Serveradres").fill(server.url);
  return options;
}

/** Presses the button and answers with the browser's sign-in window, as the person sees it open. */
async function pressSchoolSignIn(options: Page): Promise<Page> {
  const opened = browser.context.waitForEvent("page", { timeout: 60_000 });
  await options.getByRole("button", { name: "Inloggen met je schoolaccount" }).click();
  const window = await opened;
  await window.waitForLoadState("domcontentloaded");
  return window;
}

describe("signing the extension in with the school account", () => {
  it("signs in as the person of the browser's web session after they confirm, and a clip is stored with it", async () => {
    const created = await reply(
      server.client(server.adminToken).api.v1.admin.users.$post({ json: { name: "Fleur de Vries", email: "fleur@test.knooppunt.nl", password: "wachtwoord-fleur-2026" } }),
    );
    const fleur = created.body.user!;
    await signInBrowserContext(browser.context, server, openTestWebSession(server, fleur.id));
    const options = await openOptions();

    const started = performance.now();
    const window = await pressSchoolSignIn(options);
    const asked = new URL(window.url());
    expect(asked.origin + asked.pathname).toBe(`${server.url}/auth/device`);
    expect(asked.searchParams.get("redirect_uri")).toBe(`https://${browser.extensionId}.chromiumapp.org/`);
    expect(asked.searchParams.get("lang")).toBe("nl");
    expect(asked.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await window.getByRole("heading", { level: 1 }).textContent()).toBe("Extensie aanmelden als Fleur de Vries?");
    await window.getByRole("button", { name: "Ja, aanmelden" }).click();

    await expect.poll(() => options.getByRole("heading", { level: 2 }).first().textContent(), { timeout: 30_000 }).toBe("Aangemeld als Fleur de Vries (fleur@test.knooppunt.nl)");
    const signedInAfter = performance.now() - started;
    const session = await storedSession();
    expect(session).toMatchObject({ serverUrl: server.url, user: { name: "Fleur de Vries" } });
    const tokens = await server.api("GET", "/api/v1/tokens", { token: session!.token });
    expect(tokens.status).toBe(200);
    expect(tokens.body.tokens.find((t: { current: boolean }) => t.current)).toMatchObject({ kind: "login", name: "Chrome op Linux" });
    expect(await window.isClosed()).toBe(true);

    // The first clip, through the toolbar's popup, with the token the extension just received.
    const url = site.url("zachte-landing-nieuwkomers.html");
    const page = await browser.context.newPage();
    await page.goto(url);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await browser.tabIdFor(url)}`);
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").textContent(), { timeout: 30_000 }).toContain("Bewaard in de bibliotheek.");
    const firstClipAfter = performance.now() - started;
    const found = await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token: session!.token });
    expect(found.body.item.url).toBe(url);

    console.log(
      `School-account sign-in of the extension: ${Math.round(signedInAfter)} ms from pressing the button to signed in, ` +
        `${Math.round(firstClipAfter)} ms to the first stored clip (wall time on this machine, test automation's clicks included).`,
    );
    await Promise.all([options.close(), page.close(), popup.close()]);
  }, 120_000);

  it("says the sign-in was cancelled when the person chooses Annuleren, and stores no session", async () => {
    await browser.worker.evaluate(() => chrome.storage.local.set({ session: null }));
    await signInBrowserContext(browser.context, server, openTestWebSession(server, net.people.bram.id));
    const options = await openOptions();
    const window = await pressSchoolSignIn(options);
    await window.getByRole("link", { name: "Annuleren" }).click();
    await expect.poll(() => options.getByTestId("school-sign-in-error").textContent().catch(() => null), { timeout: 30_000 }).toBe(
      "Inloggen met je schoolaccount is afgebroken. Probeer het opnieuw wanneer je wilt.",
    );
    expect(await storedSession()).toBeNull();
    await options.close();
  }, 120_000);

  it("sends a browser without a web session to the sign-in page first, and stores no session when the person does not go on", async () => {
    await browser.context.clearCookies();
    const options = await openOptions();
    const windows: Page[] = [];
    const collect = (page: Page) => void windows.push(page);
    browser.context.on("page", collect);
    await options.getByRole("button", { name: "Inloggen met je schoolaccount" }).click();
    const error = options.getByTestId("school-sign-in-error");
    // Chrome shows the sign-in window only once its page has loaded: where /login answers, the person sees it
    // (and here closes it); where it does not, the flow ends at once. Either way the extension says so.
    await expect.poll(async () => windows.length > 0 || (await error.count()) > 0, { timeout: 60_000 }).toBe(true);
    browser.context.off("page", collect);
    for (const window of windows) {
      const landed = new URL(window.url());
      expect(landed.pathname).toBe("/login");
      const next = new URL(landed.searchParams.get("next")!, server.url);
      expect(next.pathname).toBe("/auth/device");
      expect(next.searchParams.get("redirect_uri")).toBe(`https://${browser.extensionId}.chromiumapp.org/`);
      await window.close();
    }
    await expect.poll(() => error.textContent().catch(() => null), { timeout: 30_000 }).toBe("Inloggen met je schoolaccount is afgebroken. Probeer het opnieuw wanneer je wilt.");
    expect(await storedSession()).toBeNull();
    await options.close();
  }, 120_000);
});

describe("the confirmation page", () => {
  it("is axe-clean in Dutch and English and reachable by keyboard in reading order", async () => {
    await signInBrowserContext(browser.context, server, openTestWebSession(server, net.people.chris.id));
    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    const page = await browser.context.newPage();
    const redirect = `https://${browser.extensionId}.chromiumapp.org/`;
    for (const lang of ["nl", "en"]) {
      await page.goto(`${server.url}/auth/device?redirect_uri=${encodeURIComponent(redirect)}&state=toegankelijk&lang=${lang}`);
      // Evaluated through the debugging protocol, which the page's CSP (no scripts at all) does not govern.
      await page.evaluate(axeSource);
      const { violations, checked } = await page.evaluate(async () => {
        type Rule = { id: string; nodes: unknown[] };
        const result = await (globalThis as unknown as { axe: { run: () => Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe.run();
        return { violations: result.violations.map((v) => `${v.id} (${v.nodes.length})`), checked: result.passes.map((p) => p.id) };
      });
      expect([lang, violations]).toEqual([lang, []]);
      // axe did look: the rules about the form's button, the language and the heading passed.
      expect(checked).toEqual(expect.arrayContaining(["button-name", "html-lang-valid", "page-has-heading-one"]));
    }
    const focused: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ""));
    }
    expect(focused).toEqual(["Knooppunt", "Nederlands", "Yes, sign in", "Cancel"]);
    await page.close();
  }, 120_000);
});

describe("in Firefox", () => {
  it("signs the add-on in through Firefox's own sign-in window, at its extensions.allizom.org address", { timeout: 240_000 }, async () => {
    const session = openTestWebSession(server, net.people.dewi.id);
    const firefox = await launchFirefoxWithExtension(resolve(".output/firefox-mv3"), "extensie@knooppunt.nl");
    try {
      // Debian's Firefox speaks Dutch only with its language pack: the add-on follows whichever it speaks.
      // The browser's web session, as a sign-in on the web would have left it (set from a page of the server;
      // the server reads the cookie alike whether or not the page could have read it).
      const home = `${server.url}/?lang=nl`;
      await firefox.inBrowser<boolean>(`(() => {
        gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(home)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return true;
      })()`);
      await expect.poll(() => firefox.inPage<string>(home, "document.readyState").catch(() => ""), { timeout: 30_000 }).toBe("complete");
      await firefox.inPage<boolean>(home, `(document.cookie = ${JSON.stringify(`kp_session=${session.secret}; path=/; SameSite=Lax`)}, true)`);
      const options = `${firefox.extensionBase}options.html`;
      await firefox.inBrowser<boolean>(`(() => {
        gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(options)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return true;
      })()`);
      await expect.poll(() => firefox.inPage<string>(options, `document.querySelector("#server")?.value ?? ""`).catch(() => ""), { timeout: 30_000 }).not.toBe("");
      await firefox.inPage(options, `(() => {
        const input = document.querySelector("#server");
        input.value = ${JSON.stringify(server.url)};
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return true;
      })()`);
      await firefox.inPage(options, `(document.querySelector("[data-testid=school-sign-in]").click(), true)`);
      const device = `${server.url}/auth/device?`;
      await expect.poll(() => firefox.inPage<string>(device, `document.querySelector("h1")?.textContent ?? ""`).catch((e) => String(e)), { timeout: 60_000 }).toMatch(/^(Extensie aanmelden als Test dewi\?|Sign the extension in as Test dewi\?)$/);
      const asked = new URL(await firefox.inPage<string>(device, "location.href"));
      expect(asked.searchParams.get("redirect_uri")).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
      await firefox.inPage(device, `(document.querySelector("form button").click(), true)`);
      await expect
        .poll(() => firefox.inPage<string>(options, `document.querySelector("#account").textContent`), { timeout: 60_000 })
        .toMatch(/^(Aangemeld als|Signed in as) Test dewi \(dewi@test\.knooppunt\.nl\)$/);
    } finally {
      await firefox.close();
    }
  });
});
