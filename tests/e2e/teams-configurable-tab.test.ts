/**
 * The configurable tab saves its choice in Teams. A page on an allowed origin (EMBED_ALLOW_ORIGINS) plays
 * the Teams host, which tests cannot reach: it frames /teams/configure and answers the Teams JavaScript
 * library's postMessage protocol as Teams does (requests `{id, func, args}`, responses `{id, args}`, events
 * `{func, args}`), recording what the page tells it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { type Browser, type Frame, type Page } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, offerKey, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

let server: TestServer;
let browser: Browser;
let host: { server: Server; origin: string };
let net: Awaited<ReturnType<typeof buildNetwork>>;
let accepted: { offerId: string; slug: string; title: string };

/**
 * The host's page: it frames ?src= and answers like Teams opening a tab's configuration (frame context
 * "settings", a runtime that supports pages.config). window.recorded holds every message from the frame;
 * window.save() is Teams' Save button.
 */
const HOST_PAGE = (src: string, current: string, frameOrigin: string) => `<!doctype html><html lang="en"><title>Teams</title>
<h1>Teams</h1>
<iframe name="configure" src="${src.replace(/"/g, "&quot;")}" width="800" height="600"></iframe>
<script>
  const frame = document.querySelector("iframe");
  const runtime = JSON.stringify({ apiVersion: 4, supports: { pages: { config: {} } } });
  // What the tab shows now: nothing for a new tab, the saved choice when reopened from its Settings.
  const current = ${current.replace(/</g, "\\u003c")};
  window.recorded = [];
  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || event.origin !== ${JSON.stringify(frameOrigin)}) return;
    const message = event.data;
    window.recorded.push({ func: message.func, args: message.args });
    const reply = (args) => frame.contentWindow.postMessage({ id: message.id, args }, ${JSON.stringify(frameOrigin)});
    if (message.func === "initialize") reply(["settings", "web", runtime, "2.58.0"]);
    if (message.func === "settings.setSettings") reply([true]);
    if (message.func === "settings.getSettings") reply([current]);
  });
  window.save = () => frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, ${JSON.stringify(frameOrigin)});
</script></html>`;

async function hostSite(frameOrigin: () => string): Promise<{ server: Server; origin: string }> {
  const site = createServer((req, res) => {
    const query = new URL(req.url ?? "/", "http://site").searchParams;
    const entityId = query.get("current") ?? "";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(HOST_PAGE(query.get("src") ?? "", JSON.stringify({ entityId, contentUrl: query.get("currentUrl") ?? "" }), frameOrigin()));
  });
  await new Promise<void>((listening) => site.listen(0, "127.0.0.1", listening));
  return { server: site, origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  host = await hostSite(() => server.url);
  server = await startTestServer({ now: () => new Date(), embedAllowOrigins: [host.origin] });
  net = await buildNetwork(server);
  const dewi = net.people.dewi.token;
  const item = (await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.voorbeeld.nl/teams/tab", title: "Meertalig lezen", visibility: "network" } })).body.item;
  const title = "Nieuwkomers in de klas";
  const draft = (await server.api("POST", "/api/v1/bundles", { token: dewi, body: { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" } })).body.bundle;
  await server.api("PUT", `/api/v1/bundles/${draft.id}/items`, { token: dewi, body: { version: draft.version, items: [{ itemId: item.id, note: "" }] } });
  const published = (await server.api("POST", `/api/v1/bundles/${draft.id}/publish`, { token: dewi })).body.bundle;
  const offerId = (await server.api("POST", `/api/v1/bundles/${draft.id}/offers`, { token: dewi, body: { schoolIds: [net.schoolA.id] } })).body.offers[0].id;
  expect((await server.api("POST", `/api/v1/offers/${offerId}/accept`, { token: net.people.bram.token })).status).toBe(200);
  accepted = { offerId, slug: published.slug, title };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((closed) => host?.server.close(closed));
});

type Recorded = { func: string; args: unknown[] };
const recorded = (page: Page) => page.evaluate(() => (window as unknown as { recorded: Recorded[] }).recorded);

/** Opens the configuration page in the host, once the page told Teams whether a save is valid. */
async function openInTeams(
  options: { signedInAs?: string; lang?: "nl" | "en"; current?: { entityId: string; contentUrl: string }; bypassCSP?: boolean } = {},
): Promise<{ page: Page; frame: Frame }> {
  const context = await browser.newContext({ locale: "nl-NL", bypassCSP: options.bypassCSP ?? false });
  if (options.signedInAs) await signInBrowserContext(context, server, openTestWebSession(server, options.signedInAs));
  const page = await context.newPage();
  const src = `${server.url}/teams/configure${options.lang ? `?lang=${options.lang}` : ""}`;
  const current: Record<string, string> = options.current ? { current: options.current.entityId, currentUrl: options.current.contentUrl } : {};
  await page.goto(`${host.origin}/?${new URLSearchParams({ src, ...current })}`);
  await page.waitForFunction(() => (window as unknown as { recorded: Recorded[] }).recorded.some((m) => m.func === "settings.getSettings"));
  const frame = (await (await page.locator("iframe[name=configure]").elementHandle())!.contentFrame())!;
  return { page, frame };
}

/** Presses Teams' Save and waits for the page's answer. */
async function save(page: Page) {
  await page.evaluate(() => (window as unknown as { save: () => void }).save());
  await page.waitForFunction(() => (window as unknown as { recorded: Recorded[] }).recorded.some((m) => m.func.startsWith("settings.save.")));
}

const INITIALIZE = (origin: string) => ({ func: "initialize", args: ["2.58.0", 4, [origin]] });

describe("the Teams tab's configuration page inside Teams", () => {
  it("hands Teams the chosen theme's page when the person clicks Save, with its name in the page's language", async () => {
    const themes = (await server.api("GET", "/api/v1/themes")).body.themes as { slug: string; name: { en: string } }[];
    const { page, frame } = await openInTeams({ lang: "en" });
    await frame.getByLabel("What should the tab show?").selectOption("theme:nieuwkomers");
    await save(page);
    const themeUrl = `${server.url}/t/nieuwkomers`;
    expect(await recorded(page)).toEqual([
      // The library passes the operator's origins it was given on to the host, as it does with Teams.
      INITIALIZE(host.origin),
      { func: "registerHandler", args: ["save"] },
      { func: "settings.setValidityState", args: [false] },
      { func: "settings.getSettings", args: [] },
      { func: "settings.setValidityState", args: [true] },
      {
        func: "settings.setSettings",
        args: [{ entityId: "theme:nieuwkomers", contentUrl: themeUrl, websiteUrl: themeUrl, suggestedDisplayName: themes.find((t) => t.slug === "nieuwkomers")!.name.en }],
      },
      { func: "settings.save.success", args: [] },
    ]);
    expect(await frame.locator("#in-teams").innerText()).toBe("Choose above what the tab shows, then click ‘Save’ in Teams.");
    await page.context().close();
  });

  it("hands Teams an accepted bundle's page with the school's key, for a signed-in member", async () => {
    const { page, frame } = await openInTeams({ signedInAs: net.people.anna.id });
    await frame.getByLabel("Wat moet het tabblad laten zien?").selectOption(`offer:${accepted.offerId}`);
    await save(page);
    const bundleUrl = `${server.url}/b/${accepted.slug}?key=${offerKey(server, accepted.offerId)}`;
    expect((await recorded(page)).slice(4)).toEqual([
      { func: "settings.setValidityState", args: [true] },
      { func: "settings.setSettings", args: [{ entityId: `offer:${accepted.offerId}`, contentUrl: bundleUrl, websiteUrl: bundleUrl, suggestedDisplayName: accepted.title }] },
      { func: "settings.save.success", args: [] },
    ]);
    await page.context().close();
  });

  it("keeps the save invalid until something is chosen, and again when the choice is taken back", async () => {
    const { page, frame } = await openInTeams();
    const select = frame.getByLabel("Wat moet het tabblad laten zien?");
    await select.selectOption("theme:nieuwkomers");
    await select.selectOption("");
    await page.waitForFunction(() => (window as unknown as { recorded: Recorded[] }).recorded.length === 6);
    // Teams keeps Save disabled while the page says so; a save that comes anyway hands Teams nothing.
    await save(page);
    expect(await recorded(page)).toEqual([
      INITIALIZE(host.origin),
      { func: "registerHandler", args: ["save"] },
      { func: "settings.setValidityState", args: [false] },
      { func: "settings.getSettings", args: [] },
      { func: "settings.setValidityState", args: [true] },
      { func: "settings.setValidityState", args: [false] },
      { func: "settings.save.failure", args: ["Nothing chosen"] },
    ]);
    await page.context().close();
  });

  it("starts from the tab's current choice when reopened from its Settings, and saves it again", async () => {
    const themeUrl = `${server.url}/t/nieuwkomers`;
    const { page, frame } = await openInTeams({ current: { entityId: "theme:nieuwkomers", contentUrl: themeUrl } });
    await page.waitForFunction(() => (window as unknown as { recorded: Recorded[] }).recorded.length === 5);
    expect(await frame.getByLabel("Wat moet het tabblad laten zien?").inputValue()).toBe("theme:nieuwkomers");
    await save(page);
    expect((await recorded(page)).slice(2)).toEqual([
      { func: "settings.setValidityState", args: [false] },
      { func: "settings.getSettings", args: [] },
      { func: "settings.setValidityState", args: [true] },
      { func: "settings.setSettings", args: [{ entityId: "theme:nieuwkomers", contentUrl: themeUrl, websiteUrl: themeUrl, suggestedDisplayName: "Nieuwkomers" }] },
      { func: "settings.save.success", args: [] },
    ]);
    await page.context().close();
  });

  it("ignores a current choice the person cannot make (a bundle they cannot see), and keeps the save invalid until they choose", async () => {
    const { page, frame } = await openInTeams({ current: { entityId: `offer:${accepted.offerId}`, contentUrl: `${server.url}/b/${accepted.slug}` } });
    const select = frame.getByLabel("Wat moet het tabblad laten zien?");
    expect(await select.inputValue()).toBe("");
    // The next thing the page says is about the person's own choice: nothing came of the current one.
    await select.selectOption("theme:nieuwkomers");
    await page.waitForFunction(() => (window as unknown as { recorded: Recorded[] }).recorded.length === 5);
    expect((await recorded(page)).slice(2)).toEqual([
      { func: "settings.setValidityState", args: [false] },
      { func: "settings.getSettings", args: [] },
      { func: "settings.setValidityState", args: [true] },
    ]);
    await page.context().close();
  });

  it("has no axe violations inside Teams, in Dutch and in English, with the note about Teams' Save shown", async () => {
    for (const lang of ["nl", "en"] as const) {
      // The page's CSP is bypassed only to run axe itself.
      const { page, frame } = await openInTeams({ lang, bypassCSP: true });
      expect(await frame.locator("#in-teams").isVisible()).toBe(true);
      await frame.addScriptTag({ path: resolve("node_modules/axe-core/axe.min.js") });
      const violations = await frame.evaluate(async () => {
        const result = await (window as any).axe.run(document);
        return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
      });
      expect([lang, violations]).toEqual([lang, []]);
      await page.context().close();
    }
  });

  it("runs only its own two scripts under the page's policy, and outside Teams still shows the address to paste", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Refused to (load|execute)/.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${server.url}/teams/configure`);
    await page.waitForFunction(() => typeof (window as unknown as { microsoftTeams?: unknown }).microsoftTeams === "object");
    await page.getByLabel("Wat moet het tabblad laten zien?").selectOption("theme:nieuwkomers");
    await page.getByRole("button", { name: "Adres tonen" }).click();
    await page.getByTestId("tab-address").waitFor();
    expect(await page.getByTestId("tab-address").inputValue()).toBe(`${server.url}/t/nieuwkomers`);
    expect([await page.locator("#in-teams").isHidden(), await page.evaluate(() => document.documentElement.dataset["teams"] ?? null)]).toEqual([true, null]);
    expect(refused).toEqual([]);
    await context.close();
  });
});
