import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";
import { axeViolations } from "../support/axe";

const BROWSER_TIMEOUT = 120_000;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({
    now: () => new Date(),
    signInProviders: [{ id: "entree", family: "entree", issuer: "https://entree.example", clientId: "knooppunt", clientSecret: "geheim", unmatched: "network" }],
  });
  net = await buildNetwork(server);
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

async function withContext<T>(options: Parameters<Browser["newContext"]>[0], work: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await work(context, await context.newPage());
  } finally {
    await context.close();
  }
}

/** What has the keyboard focus, as a person would name it: the field's label or the control's text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return `${el.tagName.toLowerCase()}:${(labelled ?? el.textContent ?? "").trim()}`;
  });

/** Tabs forward until `target` has the focus; fails when it is not reachable within `limit` presses. */
async function tabTo(page: Page, target: string, limit = 40) {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    seen.push(now);
    if (now === target) return;
  }
  throw new Error(`${target} not reached by Tab; focus went through ${JSON.stringify(seen)}`);
}

describe("web sign-in in Chromium", () => {
  it("signs in with the keyboard alone on /login, shows /me, and signs out from there", { timeout: BROWSER_TIMEOUT }, async () => {
    const anna = net.people.anna;
    await withContext({ locale: "nl-NL" }, async (context, page) => {
      await page.goto(`${server.url}/login`);
      expect(await page.locator("h1").innerText()).toBe("Inloggen bij Knooppunt");
      await tabTo(page, "input:E-mailadres");
      await page.keyboard.type(anna.email);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("input:Wachtwoord");
      await page.keyboard.type(anna.password);
      await Promise.all([page.waitForURL(`${server.url}/me`), page.keyboard.press("Enter")]);
      expect(await page.locator("h1").innerText()).toBe("Mijn account");
      expect(await page.locator("main").innerText()).toContain("De Regenboog (lid)");
      const cookie = (await context.cookies()).find((c) => c.name === "kp_session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
      // The page's own script cannot read the cookie.
      expect(await page.evaluate(() => document.cookie)).toBe("");
      await tabTo(page, "button:Uitloggen");
      await Promise.all([page.waitForURL(`${server.url}/login?notice=signed-out&lang=nl`), page.keyboard.press("Enter")]);
      expect(await page.getByRole("status").innerText()).toBe("Je bent uitgelogd.");
      expect((await server.api("GET", "/api/v1/me", { headers: { Cookie: `kp_session=${cookie!.value}` } })).status).toBe(401);
    });
  });

  for (const lang of ["nl", "en"] as const) {
    it(`has no axe violations on /login and /me in ${lang}`, { timeout: BROWSER_TIMEOUT }, async () => {
      const session = openTestWebSession(server, net.people.bram.id);
      await withContext({ locale: lang === "nl" ? "nl-NL" : "en-GB", bypassCSP: true }, async (context, page) => {
        await page.goto(`${server.url}/login?lang=${lang}`);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        expect(await axeViolations(page)).toEqual([]);
        // A refused sign-in shows its message; the page stays clean.
        await page.fill("#email", "niemand@test.knooppunt.nl");
        await page.fill("#password", "fout-wachtwoord");
        await Promise.all([page.waitForLoadState("load"), page.click("button[type=submit]")]);
        expect(await page.getByRole("alert").count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await signInBrowserContext(context, server, session);
        await page.goto(`${server.url}/me?lang=${lang}`);
        expect(await page.locator("h1").innerText()).toBe(lang === "nl" ? "Mijn account" : "My account");
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${server.url}/login?lang=${lang}`);
        expect(await axeViolations(page)).toEqual([]);
      });
    });
  }

  it("refuses a form another site posts to /logout or to end a session with the person's cookie (403, nothing changed)", { timeout: BROWSER_TIMEOUT }, async () => {
    const chris = openTestWebSession(server, net.people.chris.id);
    const second = openTestWebSession(server, net.people.chris.id, "Firefox (Windows)");
    // 127.0.0.1 and localhost are two sites: the attacker's page lives on localhost.
    const evil = `http://localhost:${new URL(server.url).port}/evil.html`;
    await withContext({ locale: "nl-NL" }, async (context, page) => {
      await signInBrowserContext(context, server, chris);
      const forms = `
        <form id="logout" method="post" action="${server.url}/logout"><input name="_csrf" value="${chris.csrfToken}"><button>Uitloggen</button></form>
        <form id="end" method="post" action="${server.url}/me/sessions/${second.sessionId}/end"><input name="_csrf" value="${chris.csrfToken}"><button>Beëindigen</button></form>`;
      await page.route(evil, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="nl"><title>Win een prijs</title>${forms}</html>` }));
      for (const form of ["#logout", "#end"]) {
        await page.goto(evil);
        const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click(`${form} button`)]);
        expect(response.status(), form).toBe(403);
        expect(await response.text()).toContain("Dit formulier is verlopen of kwam van een andere website.");
      }
      expect((await server.api("GET", "/api/v1/me", { headers: { Cookie: chris.cookie } })).status).toBe(200);
      expect((await server.api("GET", "/api/v1/me", { headers: { Cookie: second.cookie } })).status).toBe(200);
      // The same browser, on the real page, still ends the session.
      await page.goto(`${server.url}/me`);
      await Promise.all([page.waitForURL(`${server.url}/me?notice=session-ended&lang=nl`), page.getByRole("button", { name: "Beëindigen Firefox (Windows)" }).click()]);
      expect((await server.api("GET", "/api/v1/me", { headers: { Cookie: second.cookie } })).status).toBe(401);
    });
  });

  it("follows an administrator's reset link to a new password and signs in with it", { timeout: BROWSER_TIMEOUT }, async () => {
    const eva = net.people.eva;
    const link = (await server.api("POST", `/api/v1/admin/users/${eva.id}/password-reset`, { token: server.adminToken })).body.url as string;
    await withContext({ locale: "en-GB", bypassCSP: true }, async (_context, page) => {
      await page.goto(link);
      expect(await page.locator("h1").innerText()).toBe("Choose a new password");
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel("New password (at least 10 characters)").fill("eva-haar-nieuwe-wachtwoord");
      await page.getByLabel("New password again").fill("eva-haar-nieuwe-wachtwoord");
      await Promise.all([page.waitForURL(`${server.url}/login?notice=password-reset&lang=en`), page.getByRole("button", { name: "Set password" }).click()]);
      expect(await page.getByRole("status").innerText()).toBe("Your new password is set. Sign in with it.");
      await page.getByRole("textbox", { name: "E-mail address" }).fill(eva.email);
      await page.locator("#password").fill("eva-haar-nieuwe-wachtwoord");
      await Promise.all([page.waitForURL(`${server.url}/me`), page.getByRole("button", { name: "Sign in" }).click()]);
      expect(await page.locator("main").innerText()).toContain(eva.email);
      await page.goto(link);
      expect(await page.locator("h1").innerText()).toBe("This link does not work");
    });
  });

  it("opens a network bundle page for a member signed in with the session, and not without it", { timeout: BROWSER_TIMEOUT }, async () => {
    const item = await server.api("POST", "/api/v1/items", { token: net.people.anna.token, body: { url: "https://www.example.nl/alleen-netwerk", title: "Alleen voor het netwerk", visibility: "network" } });
    const draft = (await server.api("POST", "/api/v1/bundles", { token: net.people.dewi.token, body: { title: "Netwerkbundel", about: "Over", use: "Gebruik", themes: ["nt2"], audience: "network" } })).body.bundle;
    await server.api("PUT", `/api/v1/bundles/${draft.id}/items`, { token: net.people.dewi.token, body: { version: draft.version, items: [{ itemId: item.body.item.id, note: "Lees" }] } });
    const url = (await server.api("POST", `/api/v1/bundles/${draft.id}/publish`, { token: net.people.dewi.token })).body.bundle.publicUrl as string;
    await withContext({ locale: "nl-NL" }, async (context, page) => {
      expect((await page.goto(url))!.status()).toBe(404);
      await page.goto(`${server.url}/login?next=${encodeURIComponent(new URL(url).pathname)}`);
      await page.getByRole("textbox", { name: "E-mailadres" }).fill(net.people.chris.email);
      await page.locator("#password").fill(net.people.chris.password);
      await Promise.all([page.waitForURL(url), page.getByRole("button", { name: "Inloggen" }).click()]);
      expect(await page.locator("h1").innerText()).toBe("Netwerkbundel");
      expect((await context.cookies()).map((c) => c.name)).toEqual(["kp_session"]);
    });
  });
});
