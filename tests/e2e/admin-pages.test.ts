import { readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, unusedAddress, type TestProvider } from "../support/oidc-provider";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext, type TestWebSession } from "../support/web-session";

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;
let admin: TestWebSession;
let instituteId: string;
let bestuurId: string;
let entree: TestProvider;
let downAt: string;

beforeAll(async () => {
  // A real provider that answers, and an address where nothing listens (a provider that is down).
  entree = await startTestProvider("entree");
  downAt = await unusedAddress();
  server = await startTestServer({
    now: () => new Date(),
    signInProviders: [
      entree.settings("entree", { unmatched: "refuse" }),
      { id: "microsoft", family: "entra", issuer: downAt, clientId: "knooppunt", clientSecret: "geheim", unmatched: "network" },
    ],
  });
  entree.register([`${server.url}/auth/oidc/entree/callback`]);
  net = await buildNetwork(server);
  const api = (method: string, path: string, body?: unknown) => server.api(method, path, { token: server.adminToken, body });
  await api("PATCH", `/api/v1/admin/schools/${net.schoolA.id}`, { brinCodes: ["12AB"], googleDomains: ["regenboog.nl"] });
  instituteId = (await api("POST", "/api/v1/admin/institutes", { name: "Fontys Pabo", kind: "pabo", domains: ["fontys.nl"] })).body.institute.id;
  bestuurId = (await api("GET", "/api/v1/admin/besturen")).body.besturen[0].id;
  await api("PUT", `/api/v1/admin/institutes/${instituteId}/members/${net.people.anna.id}`, { role: "member" });
  const adminId = (await api("GET", "/api/v1/me")).body.user.id as string;
  admin = openTestWebSession(server, adminId);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await entree?.close();
});

/** Presses Tab until the focused element matches `selector`, as a keyboard user moves through the page. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe("the administration pages in Chromium", () => {
  it("finds a person and makes them broker with the keyboard alone", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    await signInBrowserContext(context, server, admin);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/people`);
    await tabTo(page, "#search-q");
    await page.keyboard.type("chris");
    await Promise.all([page.waitForURL(/q=chris/), page.keyboard.press("Enter")]);
    await tabTo(page, "a[href^='/admin/people/']");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Test chris");
    await Promise.all([page.waitForURL(new RegExp(`/admin/people/${net.people.chris.id}`)), page.keyboard.press("Enter")]);
    await tabTo(page, "#role-broker");
    await page.keyboard.press("Space");
    await tabTo(page, "form[action*='/roles'] button[type=submit]");
    await Promise.all([page.waitForURL(/notice=saved/), page.keyboard.press("Enter")]);
    expect(await page.locator("[role=status]").innerText()).toBe("Opgeslagen.");
    expect(await page.locator("#role-broker").isChecked()).toBe(true);
    const chris = await server.api("GET", `/api/v1/admin/users/${net.people.chris.id}`, { token: server.adminToken });
    expect(chris.body.user.roles).toEqual(["broker"]);
    await context.close();
  });

  it("shows the exact redirect URI of each configured provider, and whether it answers now", { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    await signInBrowserContext(context, server, admin);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/providers`);
    const rows = await page.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(rows.map((cells) => cells.slice(0, 5))).toEqual([
      ["entree", "entree", entree.issuer, `${server.url}/auth/oidc/entree/callback`, "refuse"],
      ["microsoft", "entra", downAt, `${server.url}/auth/oidc/microsoft/callback`, "account without a school"],
    ]);
    const health = await page.locator("tbody td[data-health]").evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-health"), td.textContent]));
    expect(health[0]).toEqual(["reachable", "yes, the provider answers"]);
    // The reason is openid-client's own words for a refused connection; what matters is that it says no.
    expect([health[1]![0], health[1]![1]!.startsWith("no: ")]).toEqual(["unreachable", true]);
    await context.close();
  });

  for (const lang of ["nl", "en"] as const) {
    it(`has no axe-core violations on any page in ${lang}, also with a refused form`, { timeout: 240_000 }, async () => {
      // axe is injected by the test: the pages themselves allow no script.
      const context = await browser.newContext({ locale: lang === "nl" ? "nl-NL" : "en-GB", bypassCSP: true });
      await signInBrowserContext(context, server, admin);
      const page = await context.newPage();
      const paths = [
        "/admin",
        "/admin/people",
        `/admin/people/${net.people.anna.id}`,
        "/admin/schools",
        `/admin/schools/${net.schoolA.id}`,
        "/admin/institutes",
        `/admin/institutes/${instituteId}`,
        "/admin/besturen",
        `/admin/besturen/${bestuurId}`,
        "/admin/communities",
        `/admin/communities/${net.community.id}`,
        "/admin/themes",
        "/admin/themes/nt2",
        "/admin/providers",
        "/admin/audit-log",
      ];
      const violations: Record<string, string[]> = {};
      const check = async (label: string) => {
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        await page.evaluate(AXE);
        const found = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run()).violations);
        if (found.length) violations[label] = found.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`);
      };
      for (const path of paths) {
        const res = await page.goto(`${server.url}${path}?lang=${lang}`);
        expect([path, res?.status()]).toEqual([path, 200]);
        await check(path);
      }
      // The school form sent back with a malformed BRIN code: the error next to the field is part of the page.
      await page.goto(`${server.url}/admin/schools/${net.schoolB.id}?lang=${lang}`);
      await page.fill("#school-brinCodes", "1234");
      await Promise.all([page.waitForLoadState("load"), page.locator("form[action*='/admin/schools/'] button[type=submit]").first().click()]);
      expect(await page.locator("#school-brinCodes").getAttribute("aria-invalid")).toBe("true");
      await check("refused school form");
      expect(violations).toEqual({});
      await context.close();
    });
  }
});
