/**
 * The web app at /app, without the extension: the journeys the side panel tests prove (sign in, search,
 * edit a save, build and publish a bundle, offer it, accept the offer, subscribe the school), on a desktop,
 * a phone (360 px wide, touch) and a tablet (iPad-like), each with its own bundle. Every screen is checked
 * with axe-core and for sideways scrolling, under the app's own strict CSP (no bypass): a script or style
 * the CSP blocks shows up as a console error, which fails the test.
 */
import { readFileSync } from "node:fs";
import { type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { launchChromium } from "../support/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

const titles = {
  kracht: "Meertaligheid als kracht in de klas",
  welkom: "Nieuwkomers welkom heten op school",
  rekenen: "Meertalige rekendidactiek in groep 5",
};
const ids: Record<keyof typeof titles, string> = { kracht: "", welkom: "", rekenen: "" };

async function clip(person: Person, body: Record<string, unknown>) {
  const res = await server.api("POST", "/api/v1/items", { token: person.token, body });
  if (res.status >= 300) throw new Error(`clip failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.item as { id: string };
}

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  const base = "https://kennis.example.nl";
  const anna = net.people.anna;
  ids.kracht = (await clip(anna, { url: `${base}/kracht`, title: titles.kracht, kind: "artikel", themes: ["meertaligheid"], visibility: "school" })).id;
  ids.welkom = (await clip(anna, { url: `${base}/welkom`, title: titles.welkom, kind: "praktijkvoorbeeld", themes: ["nieuwkomers"], visibility: "network" })).id;
  ids.rekenen = (await clip(anna, { url: `${base}/rekenen`, title: titles.rekenen, kind: "protocol", themes: ["meertalige-rekendidactiek"], visibility: "network" })).id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Device {
  name: string;
  options: BrowserContextOptions;
  /** The theme this device's coordinator subscribes the school to. */
  theme: { slug: string; label: string };
}

const DEVICES: Device[] = [
  { name: "desktop", options: { viewport: { width: 1280, height: 800 } }, theme: { slug: "nt2", label: "NT2 (Nederlands als tweede taal)" } },
  {
    name: "phone",
    options: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36" },
    theme: { slug: "meertaligheid", label: "Meertaligheid" },
  },
  {
    name: "tablet",
    options: { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1" },
    theme: { slug: "burgerschap", label: "Burgerschap" },
  },
];

/**
 * A fresh browser for one person on one device: through the real /login form from the app (the teacher's
 * journey, on every device), or with a session cookie where signing in is not what the test is about.
 */
async function signedIn(device: Device, person: Person, via: "form" | "cookie" = "cookie") {
  const context = await browser.newContext({ ...device.options, locale: "nl-NL", reducedMotion: "reduce" });
  const page = await context.newPage();
  const problems: string[] = [];
  let watching = false;
  page.on("console", (message) => {
    if (watching && message.type() === "error") problems.push(message.text());
  });
  page.on("response", (response) => {
    if (watching && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on("pageerror", (error) => problems.push(error.message));
  if (via === "cookie") await signInBrowserContext(context, server, openTestWebSession(server, person.id));
  await page.goto(`${server.url}/app`);
  if (via === "form") {
    // Signed out, the app sends the person to the sign-in page, which comes back to the app.
    await page.waitForURL(/\/login\?/);
    await page.getByRole("textbox", { name: "E-mailadres" }).fill(person.email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(person.password);
    await Promise.all([page.waitForURL(`${server.url}/app`), page.getByRole("button", { name: "Inloggen" }).click()]);
  }
  await page.getByRole("tab", { name: "Bibliotheek" }).or(page.getByLabel("Zoek in de bibliotheek")).first().waitFor();
  // From here on the person is signed in: any failed request or console error is a fault (before, the
  // app's question "who is signed in?" is rightly answered 401).
  watching = true;
  return { context, page, problems };
}

/** axe-core's violations on the page as it is now, and how far it scrolls sideways (0: not at all). */
async function audit(page: Page, label: string, found: Record<string, string[]>) {
  // A search in flight dims the results; what is judged is the settled screen.
  await expect.poll(() => page.locator(".results.stale").count()).toBe(0);
  await expect.poll(() => page.getByTestId("result-count").first().textContent({ timeout: 2_000 }).catch(() => "")).not.toMatch(/Zoeken|Searching/);
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run()).violations);
  if (violations.length) found[label] = violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (sideways > 0) (found[label] ??= []).push(`scrolls ${sideways}px sideways`);
}

const cards = (page: Page) => page.getByTestId("results").getByTestId("item-card");
const card = (page: Page, title: string) => cards(page).filter({ has: page.getByRole("heading", { name: title }) });

describe.each(DEVICES)("the web app on a $name", (device) => {
  const bundleTitle = `Welkom voor nieuwkomers (${device.name})`;
  const violations: Record<string, string[]> = {};
  const console: string[] = [];

  it("lets a teacher sign in, search and edit their own save", { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(device, net.people.anna, "form");
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    await audit(page, "library", violations);

    await page.getByLabel("Zoek in de bibliotheek").fill("kracht");
    const result = card(page, titles.kracht);
    // The unfiltered list shows the card too: wait for the search itself to have answered.
    await expect.poll(() => cards(page).count()).toBe(1);
    await result.waitFor();
    await result.getByRole("button", { name: "Bewerken" }).click();
    await audit(page, "library, editing a save", violations);
    const note = `Gebruikt op de teamdag (${device.name})`;
    await result.getByLabel("Wat kan ik ermee?").fill(note);
    await result.getByLabel("Wie ziet dit?").selectOption("network");
    await result.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => result.getByTestId("my-note").textContent()).toContain(note);
    const saved = (await server.api("GET", `/api/v1/items/${ids.kracht}`, { token: net.people.anna.token })).body.item;
    expect([saved.mySave.note, saved.mySave.visibility]).toEqual([note, "network"]);

    console.push(...problems);
    await context.close();
  });

  it("lets a broker build a bundle from the library, publish it and offer it to a school", { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(device, net.people.dewi);
    await page.getByRole("tab", { name: "Bundels" }).click();
    await page.getByRole("button", { name: "Nieuwe bundel" }).click();
    await page.getByLabel("Titel").fill(bundleTitle);
    await page.getByLabel("Waar gaat dit over?").fill("Hoe je nieuwkomers een zachte landing geeft.");
    await page.getByLabel("Wat kan ik ermee?").fill("Bespreek het in het teamoverleg en kies één werkvorm.");
    await page.getByRole("button", { name: "Bundel maken" }).click();
    await page.getByTestId("bundle-editor").waitFor();

    await page.getByRole("button", { name: "Naar de bibliotheek" }).click();
    const search = page.getByLabel("Zoek in de bibliotheek");
    for (const [q, title] of [["welkom heten", titles.welkom], ["rekendidactiek", titles.rekenen]] as const) {
      await search.fill(q);
      await expect.poll(() => card(page, title).count()).toBe(1);
      await card(page, title).getByRole("button", { name: "Voeg toe aan bundel" }).click();
      await card(page, title).getByTestId("in-bundle").waitFor();
    }
    await page.getByRole("button", { name: "Terug naar de bundel" }).click();
    await audit(page, "bundle editor", violations);

    await page.getByRole("button", { name: "Publiceren", exact: true }).click();
    await expect.poll(() => page.getByTestId("publish-done").textContent()).toBe("Gepubliceerd.");
    const bundles = (await server.api("GET", "/api/v1/bundles?curatedBy=me", { token: net.people.dewi.token })).body.bundles;
    const bundle = bundles.find((b: { title: string }) => b.title === bundleTitle);
    expect([bundle.status, bundle.items.map((i: { itemId: string }) => i.itemId)]).toEqual(["published", [ids.welkom, ids.rekenen]]);

    const offer = page.getByTestId("offer-form");
    await offer.getByLabel("Zoek een school").fill("regenb");
    await offer.getByLabel(/De Regenboog/).check();
    await offer.getByRole("button", { name: "Aanbieden" }).click();
    await expect.poll(() => offer.getByTestId("offer-result").textContent()).toBe("Aangeboden aan 1 school.");
    await audit(page, "bundle offered", violations);

    console.push(...problems);
    await context.close();
  });

  it("lets the school's coordinator accept the offer and subscribe the school to a theme", { timeout: 90_000 }, async () => {
    const { context, page, problems } = await signedIn(device, net.people.bram);
    await page.getByRole("tab", { name: "Inbox" }).click();
    const offer = page.getByTestId("offer").filter({ hasText: bundleTitle });
    await offer.waitFor();
    await audit(page, "inbox", violations);
    await offer.getByRole("button", { name: "Aannemen" }).click();
    await expect.poll(() => offer.getAttribute("data-status")).toBe("accepted");
    const inbox = (await server.api("GET", `/api/v1/schools/${net.schoolA.id}/offers`, { token: net.people.bram.token })).body.offers;
    expect(inbox.find((o: { bundle: { title: string } }) => o.bundle.title === bundleTitle).status).toBe("accepted");

    await page.getByRole("tab", { name: "Abonnementen" }).click();
    const form = page.locator(`[data-testid="school-subscriptions"][data-school="${net.schoolA.id}"]`).getByTestId("subs-form");
    await form.waitFor();
    // Only this device's theme: the others' choices are taken off first.
    for (const other of DEVICES) await form.getByRole("checkbox", { name: other.theme.label, exact: true }).setChecked(other === device);
    await form.getByRole("button", { name: "Abonnementen bewaren" }).click();
    await expect.poll(() => form.getByTestId("subs-status").textContent()).toBe("Bewaard. De feed van De Regenboog volgt nu deze thema's.");
    await audit(page, "subscriptions", violations);
    const subscriptions = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/subscriptions`, { token: net.people.bram.token });
    expect(subscriptions.body.themes).toEqual([device.theme.slug]);

    console.push(...problems);
    await context.close();
  });

  it("showed every screen without axe-core violations, sideways scrolling or errors in the console", () => {
    expect(violations).toEqual({});
    expect(console).toEqual([]);
  });
});

describe("the web app's language", () => {
  it("follows the browser's language on first visit, and keeps the person's own choice afterwards", { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/app`);
      await page.waitForURL(/\/login\?lang=en&next=%2Fapp$/);
      await page.getByRole("textbox", { name: "E-mail address" }).fill(net.people.anna.email);
      await page.getByLabel("Password", { exact: true }).fill(net.people.anna.password);
      await Promise.all([page.waitForURL(`${server.url}/app`), page.getByRole("button", { name: "Sign in" }).click()]);
      await page.getByLabel("Search the library").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("tab").allTextContents()).toEqual(["Library", "Inbox", "Subscriptions", "Questions"]);

      await page.getByRole("button", { name: "Schakel over naar Nederlands" }).click();
      await page.getByLabel("Zoek in de bibliotheek").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("nl");
      await page.reload();
      await page.getByLabel("Zoek in de bibliotheek").waitFor();
      expect(await page.getByRole("tab").allTextContents()).toEqual(["Bibliotheek", "Inbox", "Abonnementen", "Vragen"]);

      // The tab is in the address: a reload or a shared link opens the same one.
      await page.getByRole("tab", { name: "Abonnementen" }).click();
      expect(new URL(page.url()).search).toBe("?tab=subscriptions");
      await page.reload();
      expect(await page.getByRole("tab", { name: "Abonnementen" }).getAttribute("aria-selected")).toBe("true");
    } finally {
      await context.close();
    }
  });
});

describe("the web app by keyboard", () => {
  /** What has the keyboard focus, as a person would name it: the field's label or the control's text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "";
      const name = el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? "";
      return `${el.tagName.toLowerCase()}:${name.trim()}`;
    });

  it("reaches the navigation, the search and the tabs with Tab, and moves between tabs with the arrow keys", { timeout: 60_000 }, async () => {
    const device = DEVICES[0]!;
    const { context, page } = await signedIn(device, net.people.bram);
    try {
      const seen: string[] = [];
      for (let i = 0; i < 11; i++) {
        await page.keyboard.press("Tab");
        seen.push(await focused(page));
      }
      expect(seen).toEqual([
        "a:Link bewaren",
        "a:Hulp",
        "a:Importeren",
        "a:Account",
        "button:Switch to English",
        "button:Afmelden",
        "button:Bibliotheek",
        "input:Zoek in de bibliotheek",
        "summary:Mijn bewaarde links exporteren",
        "input:Alles",
        "summary:Filters",
      ]);
      await page.getByRole("tab", { name: "Bibliotheek" }).focus();
      await page.keyboard.press("ArrowRight");
      expect(await focused(page)).toBe("button:Inbox");
      expect(await page.getByRole("tab", { name: "Inbox" }).getAttribute("aria-selected")).toBe("true");
      await page.keyboard.press("End");
      expect(await focused(page)).toBe("button:Vragen");
      await page.keyboard.press("ArrowRight");
      expect(await focused(page)).toBe("button:Bibliotheek");
    } finally {
      await context.close();
    }
  });
});
