/**
 * A school's intranet (an origin in EMBED_ALLOW_ORIGINS, standing in for Teams and SharePoint, which tests
 * cannot reach) shows a bundle page and a theme page in frames; any other site gets nothing; and the sign-in
 * page stays unframeable even for the allowed site, so nobody can dress it up to catch passwords.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { type Browser, type Frame, type Page } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let allowedSite: { server: Server; origin: string };
let otherSite: { server: Server; origin: string };
let bundleUrl: string;
let themeUrl: string;

/** A site on 127.0.0.1 whose only page frames the addresses in its query: ?bundle=…&theme=…&login=… */
async function framingSite(): Promise<{ server: Server; origin: string }> {
  const site = createServer((req, res) => {
    const query = new URL(req.url ?? "/", "http://site").searchParams;
    const frames = [...query].map(([name, src]) => `<iframe name="${name}" src="${src.replace(/"/g, "&quot;")}" width="600" height="400"></iframe>`);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="nl"><title>Intranet</title><h1>Intranet van de school</h1>${frames.join("")}</html>`);
  });
  await new Promise<void>((listening) => site.listen(0, "127.0.0.1", listening));
  return { server: site, origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  allowedSite = await framingSite();
  otherSite = await framingSite();
  server = await startTestServer({ now: () => new Date(), embedAllowOrigins: [allowedSite.origin] });
  const net = await buildNetwork(server);
  const broker = net.people.dewi.token;
  const item = (await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.lowan.nl/po/zachte-landing", title: "Zachte landing voor nieuwkomers", themes: ["nieuwkomers"], visibility: "public" } })).body.item;
  const draft = (await server.api("POST", "/api/v1/bundles", { token: broker, body: { title: "Nieuwkomers in groep 3", about: "Een zachte landing.", use: "Bespreek het in de bouw.", themes: ["nieuwkomers"], audience: "public" } })).body.bundle;
  await server.api("PUT", `/api/v1/bundles/${draft.id}/items`, { token: broker, body: { version: draft.version, items: [{ itemId: item.id, note: "Begin hier." }] } });
  bundleUrl = (await server.api("POST", `/api/v1/bundles/${draft.id}/publish`, { token: broker })).body.bundle.publicUrl;
  themeUrl = `${server.url}/t/nieuwkomers`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  for (const site of [allowedSite, otherSite]) await new Promise((closed) => site?.server.close(closed));
});

/** Opens the site's page framing `frames`, and collects what Chromium said about refused frames. */
async function openFraming(site: { origin: string }, frames: Record<string, string>) {
  const page = await browser.newPage({ locale: "nl-NL" });
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`${site.origin}/?${new URLSearchParams(frames)}`);
  return { page, refusals };
}

/** What the parent's <iframe name=…> holds now (a refused frame is swapped for Chromium's error page). */
async function frameNamed(page: Page, name: string): Promise<Frame | null> {
  return (await page.locator(`iframe[name="${name}"]`).elementHandle())!.contentFrame();
}

/** The frame's heading when our page is in it; null when Chromium refused to show it there. */
async function headingIn(frame: Frame | null): Promise<string | null> {
  if (!frame || !frame.url().startsWith(server.url)) return null;
  return frame.locator("h1").first().textContent();
}

describe("Knooppunt's pages in another site's frames", () => {
  it("shows a bundle page and a theme page inside the school's intranet, an allowed origin", async () => {
    const { page, refusals } = await openFraming(allowedSite, { bundle: bundleUrl, theme: themeUrl });
    expect(await headingIn(await frameNamed(page, "bundle"))).toBe("Nieuwkomers in groep 3");
    expect(await (await frameNamed(page, "bundle"))!.locator("main").innerText()).toContain("Zachte landing voor nieuwkomers");
    expect(await headingIn(await frameNamed(page, "theme"))).toBe("Nieuwkomers");
    expect(refusals).toEqual([]);
    await page.close();
  });

  it("shows the Teams tab's configuration page inside an allowed site, as Teams shows it", async () => {
    const { page, refusals } = await openFraming(allowedSite, { configure: `${server.url}/teams/configure` });
    const frame = (await frameNamed(page, "configure"))!;
    expect(await headingIn(frame)).toBe("Knooppunt als tabblad");
    await frame.getByLabel("Wat moet het tabblad laten zien?").selectOption("theme:nieuwkomers");
    await frame.getByRole("button", { name: "Adres tonen" }).click();
    await frame.getByTestId("tab-address").waitFor();
    expect(await frame.getByTestId("tab-address").inputValue()).toBe(themeUrl);
    expect(refusals).toEqual([]);
    await page.close();
  });

  it("has no axe violations on the configuration page, in Dutch and in English, with an address shown", async () => {
    // The page's CSP is bypassed only to run axe itself.
    const context = await browser.newContext({ bypassCSP: true });
    for (const lang of ["nl", "en"]) {
      const page = await context.newPage();
      await page.goto(`${server.url}/teams/configure?lang=${lang}&tab=theme:nieuwkomers`);
      await page.addScriptTag({ path: resolve("node_modules/axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document);
        return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
      });
      expect([lang, violations]).toEqual([lang, []]);
    }
    await context.close();
  });

  it("shows neither page inside any other site", async () => {
    const { page, refusals } = await openFraming(otherSite, { bundle: bundleUrl, theme: themeUrl });
    expect(await headingIn(await frameNamed(page, "bundle"))).toBeNull();
    expect(await headingIn(await frameNamed(page, "theme"))).toBeNull();
    // Chromium says why, once per framed page: this site is not among those the policy names.
    const refusal = `Framing '${server.url}/' violates the following Content Security Policy directive: "frame-ancestors https://teams.microsoft.com `;
    expect(refusals.map((text) => text.startsWith(refusal) && !text.includes(otherSite.origin))).toEqual([true, true]);
    await page.close();
  });

  it("keeps the sign-in page out of every frame, the allowed site's too", async () => {
    const { page, refusals } = await openFraming(allowedSite, { login: `${server.url}/login` });
    expect(await headingIn(await frameNamed(page, "login"))).toBeNull();
    expect(refusals.map((text) => text.includes(`"frame-ancestors 'none'"`))).toEqual([true]);
    await page.close();
  });
});
