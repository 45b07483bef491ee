import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { startFixtureSite } from "../support/fixture-site";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let dir: string;
let server: TestServer;
let port: number;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

const SCREENSHOTS = "test-results";
const GENERIC_ITEMS = 24;

/** Saves a URL into the library as `person`, through the API. */
async function clip(person: Person, body: Record<string, unknown>) {
  const res = await server.api("POST", "/api/v1/items", { token: person.token, body });
  if (res.status >= 300) throw new Error(`clip failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.item as { id: string; title: string; url: string };
}

const titles = {
  rekenen: "Meertalige rekendidactiek in groep 5",
  kracht: "Meertaligheid als kracht in de klas",
  welkom: "Nieuwkomers welkom heten op school",
  landing: "Zachte landing: de eerste weken",
  intake: "Intakeprotocol voor de schakelklas",
};
const ids: Record<keyof typeof titles, string> = { rekenen: "", kracht: "", welkom: "", landing: "", intake: "" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-sidepanel-"));
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer({ dir, now: () => new Date() });
  port = server.port;
  net = await buildNetwork(server);
  const anna = net.people.anna;
  for (let i = 1; i <= GENERIC_ITEMS; i++) {
    await clip(anna, { url: `https://lesideeen.example.nl/groepswerk-${i}`, title: `Lesidee ${i} over groepswerk`, kind: "lesmateriaal", themes: ["burgerschap"], visibility: "private" });
  }
  const base = "https://kennis.example.nl";
  ids.rekenen = (await clip(anna, { url: `${base}/rekenen`, title: titles.rekenen, kind: "protocol", themes: ["meertalige-rekendidactiek"], visibility: "network", note: "Stappenplan voor de rekenles" })).id;
  ids.kracht = (await clip(anna, { url: `${base}/kracht`, title: titles.kracht, kind: "artikel", themes: ["meertaligheid"], visibility: "school", sector: ["po"] })).id;
  ids.welkom = (await clip(anna, { url: `${base}/welkom`, title: titles.welkom, kind: "praktijkvoorbeeld", themes: ["nieuwkomers"], visibility: "network" })).id;
  ids.landing = (await clip(anna, { url: `${base}/landing`, title: titles.landing, kind: "onderzoek", themes: ["zachte-landing"], visibility: "school" })).id;
  ids.intake = (await clip(anna, { url: `${base}/intake`, title: titles.intake, kind: "protocol", themes: ["instroom-en-intake"], visibility: "private" })).id;
  // A colleague at the same school saved one of them too, with a note anna may read.
  await clip(net.people.bram, { url: `${base}/kracht`, note: "Werkte goed in groep 4", visibility: "school" });
  site = await startFixtureSite();
  browser = await launchWithExtension();
  await signInExtension(browser, server, anna);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const cards = (panel: Page) => panel.getByTestId("results").getByTestId("item-card");
const card = (panel: Page, title: string) => cards(panel).filter({ has: panel.getByRole("heading", { name: title }) });
const resultCount = (panel: Page) => panel.getByTestId("result-count").getAttribute("data-total").then(Number);
async function settled(panel: Page) {
  await expect.poll(() => panel.getByTestId("result-count").textContent()).not.toMatch(/Zoeken|Searching/);
}
async function item(id: string, person = net.people.anna) {
  return server.api("GET", `/api/v1/items/${id}`, { token: person.token });
}

describe("the library in the side panel", () => {
  it("searches as you type, one request after the typing pause, and the facets follow", async () => {
    const panel = await openSidePanel(browser);
    await settled(panel);
    expect(await resultCount(panel)).toBe(GENERIC_ITEMS + 5);
    expect(await cards(panel).count()).toBe(20);

    const searched: string[] = [];
    // What the panel asked and when the list's answer had arrived: the counts are asked after the list
    // answered, so a slow count on the server never holds the list up.
    const happened: string[] = [];
    panel.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/v1/items") searched.push(url.searchParams.get("q") ?? "");
      if (url.pathname === "/api/v1/items/facets") happened.push(`facets asked for '${url.searchParams.get("q") ?? ""}'`);
    });
    panel.on("requestfinished", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/v1/items") happened.push(`list answered for '${url.searchParams.get("q") ?? ""}'`);
    });
    await panel.getByLabel("Zoek in de bibliotheek").pressSequentially("meertal", { delay: 40 });
    await expect.poll(() => resultCount(panel)).toBe(2);
    await settled(panel);
    expect(await cards(panel).count()).toBe(2);
    await expect(card(panel, titles.rekenen).count()).resolves.toBe(1);
    await expect(card(panel, titles.kracht).count()).resolves.toBe(1);
    // Typing waited for the pause: not a search per keystroke ("m", "me", "mee"…), and the last one counts.
    expect(searched.length).toBeLessThanOrEqual(2);
    expect(searched.at(-1)).toBe("meertal");
    await expect.poll(() => happened.filter((e) => e.endsWith("'meertal'"))).toEqual(["list answered for 'meertal'", "facets asked for 'meertal'"]);

    await panel.locator("details.filters summary").click();
    const facet = (name: string) => panel.getByTestId("filters").locator(`[data-facet="${name}"]`);
    await expect.poll(() => facet("kind:protocol").textContent()).toBe("Protocol (1)");
    expect(await facet("kind:artikel").textContent()).toBe("Artikel (1)");
    expect(await facet("kind:lesmateriaal").count()).toBe(0);

    await panel.getByLabel("Zoek in de bibliotheek").fill("meertalige rek");
    await expect.poll(() => resultCount(panel)).toBe(1);
    await settled(panel);
    expect(await cards(panel).first().getByRole("heading").textContent()).toContain(titles.rekenen);
    await expect.poll(() => facet("kind:artikel").count()).toBe(0);

    await panel.getByLabel("Zoek in de bibliotheek").fill("geen-enkel-resultaat-xyz");
    await expect.poll(() => panel.getByTestId("empty-state").textContent()).toContain("Niets gevonden");
    await panel.getByRole("button", { name: "Zoekopdracht en filters wissen" }).click();
    await expect.poll(() => resultCount(panel)).toBe(GENERIC_ITEMS + 5);
    await panel.close();
  });

  it("filters by a main theme including its sub-themes, with counts in the theme tree", async () => {
    const panel = await openSidePanel(browser);
    await settled(panel);
    await panel.locator("details.filters summary").click();
    const nt2 = panel.getByTestId("filters").locator('label[data-theme="nt2"]');
    await expect.poll(() => nt2.textContent()).toBe("NT2 (Nederlands als tweede taal) (3)");
    await nt2.click();
    await expect.poll(() => resultCount(panel)).toBe(3);
    await settled(panel);
    const shown = await cards(panel).getByRole("heading").allTextContents();
    expect(shown.map((t) => t.replace(/ \(opent.*\)$/, "")).sort()).toEqual([titles.intake, titles.welkom, titles.landing].sort());
    const api = await server.api("GET", "/api/v1/items?theme=nt2&limit=100", { token: net.people.anna.token });
    expect(api.body.items).toHaveLength(3);

    // The sub-themes unfold under their main theme, each with its own count.
    await panel.getByRole("button", { name: /Subthema's van NT2/ }).click();
    await expect.poll(() => panel.getByTestId("filters").locator('label[data-theme="nieuwkomers"]').textContent()).toBe("Nieuwkomers (1)");
    await panel.getByRole("button", { name: "Filter weghalen: NT2 (Nederlands als tweede taal)" }).click();
    await expect.poll(() => resultCount(panel)).toBe(GENERIC_ITEMS + 5);
    await panel.close();
  });

  it("shows colleagues' visible notes and the person's own note on a result", async () => {
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Zoek in de bibliotheek").fill("kracht");
    await expect.poll(() => resultCount(panel)).toBe(1);
    const result = card(panel, titles.kracht);
    await expect.poll(() => result.getByTestId("save-count").textContent()).toBe("Bewaard: jij en 1 collega");
    expect(await result.getByRole("list", { name: "Notities van collega's" }).textContent()).toContain("Werkte goed in groep 4— Test bram");
    expect(await result.getByTestId("my-note").textContent()).toContain("Nog geen notitie");
    const link = result.getByRole("link");
    expect(await link.getAttribute("href")).toBe("https://kennis.example.nl/kracht");
    expect(await link.getAttribute("target")).toBe("_blank");
    await panel.close();
  });

  it("edits the person's own save: note, themes and circle, as the API then shows", async () => {
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Zoek in de bibliotheek").fill("kracht");
    const result = card(panel, titles.kracht);
    await result.getByRole("button", { name: "Bewerken" }).click();
    await result.getByLabel("Wat kan ik ermee?").fill("Gebruikt op de teamdag in groep 6");
    const themes = result.getByRole("combobox", { name: "Thema's" });
    await themes.fill("thuistal");
    await panel.getByRole("option", { name: /Thuistalen/ }).waitFor();
    await themes.press("Enter");
    await result.getByLabel("Wie ziet dit?").selectOption("network");
    await expect(result.getByTestId("edit-save").textContent()).resolves.toContain("grotere kring");
    await result.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => result.getByTestId("my-note").textContent()).toContain("Gebruikt op de teamdag in groep 6");
    expect(await result.getByTestId("my-note").textContent()).toContain("Het netwerk");

    const saved = (await item(ids.kracht)).body.item;
    expect(saved.mySave).toMatchObject({ note: "Gebruikt op de teamdag in groep 6", visibility: "network", themes: ["meertaligheid", "thuistalen"] });
    await panel.close();
  });

  it("marks an item applied and whether it worked", async () => {
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Zoek in de bibliotheek").fill("rekendidactiek");
    const result = card(panel, titles.rekenen);
    await result.getByRole("button", { name: "Toegepast?" }).click();
    await result.getByLabel("Ik heb dit toegepast").check();
    await expect.poll(async () => (await item(ids.rekenen)).body.item.mySave.applied).toBe(true);
    await result.getByText("Werkte niet", { exact: true }).click();
    await expect.poll(async () => (await item(ids.rekenen)).body.item.mySave.worked).toBe("no");
    await expect.poll(() => result.getByTestId("my-outcome").textContent()).toBe("Toegepast: Werkte niet");
    await panel.close();
  });

  it("deletes the person's own save after confirmation", async () => {
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Zoek in de bibliotheek").fill("intakeprotocol");
    const result = card(panel, titles.intake);
    await result.getByRole("button", { name: "Verwijderen" }).click();
    // Nothing happens before the confirmation.
    expect((await item(ids.intake)).status).toBe(200);
    await result.getByRole("button", { name: "Annuleren" }).click();
    expect(await result.getByTestId("confirm-delete").count()).toBe(0);
    await result.getByRole("button", { name: "Verwijderen" }).click();
    expect(await result.getByTestId("confirm-delete").textContent()).toContain("verdwijnt uit de bibliotheek");
    await result.getByRole("button", { name: "Ja, verwijderen" }).click();
    await expect.poll(() => card(panel, titles.intake).count()).toBe(0);
    await expect.poll(() => panel.getByTestId("announcer").textContent()).toContain(`Verwijderd: ${titles.intake}`);
    expect((await item(ids.intake)).status).toBe(404);
    await panel.close();
  });

  it("loads the next page with ‘Meer laden’ instead of everything at once", async () => {
    const panel = await openSidePanel(browser);
    await panel.getByText("Mijn bewaarde", { exact: true }).click();
    const mine = (await server.api("GET", "/api/v1/items/facets?savedBy=me", { token: net.people.anna.token })).body.total as number;
    expect(mine).toBeGreaterThan(20);
    await expect.poll(() => resultCount(panel)).toBe(mine);
    await settled(panel);
    expect(await cards(panel).count()).toBe(20);
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-library.png") });
    // The list also loads the next page by itself once its end scrolls into view; on a slow machine that
    // can win the race with the click, which then finds no button.
    await panel.getByRole("button", { name: "Meer laden" }).click({ timeout: 5000 }).catch(() => undefined);
    await expect.poll(() => cards(panel).count()).toBe(mine);
    await panel.getByTestId("end-of-results").waitFor();
    expect(await panel.getByRole("button", { name: "Meer laden" }).count()).toBe(0);
    const shown = await cards(panel).evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")));
    expect(new Set(shown).size).toBe(mine);
    await panel.close();
  });

  it("opens from the popup's confirmation showing the item just saved", async () => {
    const panel = await openSidePanel(browser);
    await settled(panel);
    const url = site.url("news-article.html");
    const page = await browser.context.newPage();
    await page.goto(url);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await browser.tabIdFor(url)}`);
    const title = await popup.getByLabel("Titel").inputValue();
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await popup.getByRole("button", { name: "Open in bibliotheek" }).click();
    const pinned = panel.getByTestId("pinned");
    await expect.poll(() => pinned.getByRole("heading", { level: 3 }).textContent()).toContain(title);
    // Chrome opened its side panel for the window of the clipped page.
    const contexts = await browser.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ["SIDE_PANEL" as chrome.runtime.ContextType] })).length);
    expect(contexts).toBe(1);
    await popup.close();
    await page.close();
    await panel.close();
  });

  it("speaks English when the person chose English", async () => {
    await browser.worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get("settings")) as { settings: Record<string, unknown> };
      await chrome.storage.local.set({ settings: { ...settings, language: "en" } });
    });
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Search the library").waitFor();
    await expect.poll(() => panel.getByTestId("result-count").textContent()).toMatch(/^\d+ results$/);
    await browser.worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get("settings")) as { settings: Record<string, unknown> };
      await chrome.storage.local.set({ settings: { ...settings, language: "nl" } });
    });
    await expect.poll(() => panel.getByLabel("Zoek in de bibliotheek").count()).toBe(1);
    await panel.close();
  });

  it("shows a designed error state with a retry when the server is down", async () => {
    const panel = await openSidePanel(browser);
    await settled(panel);
    await server.stop();
    await panel.getByLabel("Zoek in de bibliotheek").fill("groepswerk");
    const error = panel.getByTestId("error-state");
    await expect.poll(() => error.textContent(), { timeout: 20_000 }).toContain("De server is niet bereikbaar");
    expect(await error.getByRole("button", { name: "Opnieuw proberen" }).isVisible()).toBe(true);

    server = await startTestServer({ dir, port, now: () => new Date() });
    await error.getByRole("button", { name: "Opnieuw proberen" }).click();
    await expect.poll(() => resultCount(panel)).toBe(GENERIC_ITEMS);
    expect(await panel.getByTestId("error-state").count()).toBe(0);
    await panel.close();
  });
});

describe("bundles and the school inbox", () => {
  let bundleId = "";
  const bundleTitle = "Nieuwkomers welkom heten";

  const bundleApi = (person: Person = net.people.dewi) => server.api("GET", `/api/v1/bundles/${bundleId}`, { token: person.token });
  const savedStatus = (panel: Page) => panel.getByTestId("save-status").getAttribute("data-status");
  const itemRows = (panel: Page) => panel.getByTestId("bundle-items").locator("li");

  async function openBundle(panel: Page) {
    await panel.getByRole("tab", { name: "Bundels" }).click();
    await panel.getByRole("button", { name: `Open bundel ‘${bundleTitle}’` }).click();
    await panel.getByTestId("bundle-editor").waitFor();
  }

  it("lets a broker build a bundle: create, add from the library and the current page, reorder by keyboard and by drag, note", async () => {
    const dewi = net.people.dewi;
    await clip(dewi, { url: "https://kennis.example.nl/dewi-eigen", title: "Aantekening van Dewi over intake", kind: "overig", themes: ["nt2"], visibility: "private" });
    await signInExtension(browser, server, dewi);
    const panel = await openSidePanel(browser);
    await panel.getByRole("tab", { name: "Bundels" }).click();
    await panel.getByTestId("bundles-empty").waitFor();
    await panel.getByRole("button", { name: "Nieuwe bundel" }).click();
    await panel.getByLabel("Titel").fill(bundleTitle);
    await panel.getByLabel("Waar gaat dit over?").fill("Hoe je nieuwkomers een zachte landing geeft.");
    await panel.getByLabel("Wat kan ik ermee?").fill("Bespreek het in het teamoverleg en kies één werkvorm.");
    await panel.getByRole("button", { name: "Bundel maken" }).click();
    await panel.getByTestId("bundle-editor").waitFor();
    const created = await server.api("GET", "/api/v1/bundles?curatedBy=me", { token: dewi.token });
    bundleId = created.body.bundles.find((b: any) => b.title === bundleTitle).id;
    expect(bundleId).toBeTruthy();

    // From the library: two items shared with the network, and Dewi's private note.
    await panel.getByRole("button", { name: "Naar de bibliotheek" }).click();
    expect(await panel.getByTestId("working-on").textContent()).toContain(bundleTitle);
    const search = panel.getByLabel("Zoek in de bibliotheek");
    for (const [q, title] of [["welkom heten", titles.welkom], ["rekendidactiek", titles.rekenen], ["aantekening", "Aantekening van Dewi over intake"]] as const) {
      await search.fill(q);
      await expect.poll(() => card(panel, title).count()).toBe(1);
      await card(panel, title).getByRole("button", { name: "Voeg toe aan bundel" }).click();
      await card(panel, title).getByTestId("in-bundle").waitFor();
    }
    await panel.getByRole("button", { name: "Terug naar de bundel" }).click();

    // "Voeg deze pagina toe aan bundel": the page in view is clipped first (with the bundle's circle).
    const pageUrl = site.url("gespreksprotocol.html");
    await browser.worker.evaluate((url) => chrome.windows.create({ url, focused: true }).then(() => undefined), pageUrl);
    await expect.poll(() => browser.tabIdFor(pageUrl).catch(() => 0)).toBeGreaterThan(0);
    await panel.getByRole("button", { name: "Voeg deze pagina toe aan bundel" }).click();
    await expect.poll(() => panel.getByTestId("add-page-result").textContent()).toMatch(/^Toegevoegd: /);
    const clipped = (await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(pageUrl)}`, { token: dewi.token })).body.item;
    expect(clipped.mySave.visibility).toBe("network");
    await expect.poll(() => itemRows(panel).count()).toBe(4);

    // Reorder by keyboard: the second item moves up; the position is announced and focus stays with it.
    const up = panel.getByRole("button", { name: `‘${titles.rekenen}’ omhoog` });
    await up.focus();
    await panel.keyboard.press("Enter");
    await expect.poll(() => panel.getByTestId("move-status").textContent()).toBe(`‘${titles.rekenen}’ staat nu op plaats 1 van 4.`);
    // Focus follows the moved row once it is drawn again, which can be a frame after the announcement.
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`‘${titles.rekenen}’ omlaag`);
    expect(await itemRows(panel).first().textContent()).toContain(titles.rekenen);

    // …and by dragging: the clipped page moves above Dewi's note.
    await itemRows(panel).nth(3).locator(".drag-handle").dragTo(itemRows(panel).nth(2));
    await expect.poll(() => panel.getByTestId("move-status").textContent()).toMatch(/staat nu op plaats 3 van 4\.$/);
    expect(await itemRows(panel).nth(3).textContent()).toContain("Aantekening van Dewi over intake");

    // A note per item, saved on its own.
    await itemRows(panel).first().getByLabel("Jouw toelichting bij dit item").fill("Begin hiermee: het stappenplan werkt in elke groep.");
    await expect.poll(() => savedStatus(panel), { timeout: 10_000 }).toBe("saved");
    const saved = (await bundleApi()).body.bundle;
    expect(saved.items).toHaveLength(4);
    expect(saved.items.map((i: any) => i.itemId).slice(0, 3)).toEqual([ids.rekenen, ids.welkom, clipped.id]);
    expect(saved.items[0].note).toBe("Begin hiermee: het stappenplan werkt in elke groep.");

    // The live preview shows the page as schools will see it.
    await panel.locator("details.preview-section summary").click();
    const preview = panel.getByTestId("bundle-preview");
    expect(await preview.textContent()).toContain("Hoe je nieuwkomers een zachte landing geeft.");
    expect(await preview.textContent()).toContain("Toelichting van de makelaarBegin hiermee");
    await panel.getByLabel("Wat kan ik ermee?").fill("Bespreek het in het teamoverleg en kies één werkvorm uit.");
    await expect.poll(() => preview.textContent()).toContain("kies één werkvorm uit.");
    await expect.poll(() => savedStatus(panel), { timeout: 10_000 }).toBe("saved");
    await panel.close();
  });

  it("never overwrites a colleague's change: a version conflict is explained and can be reloaded", async () => {
    const panel = await openSidePanel(browser);
    await openBundle(panel);
    const current = (await bundleApi()).body.bundle;
    const patched = await server.api("PATCH", `/api/v1/bundles/${bundleId}`, { token: net.people.dewi.token, body: { version: current.version, title: "Nieuwkomers welkom heten (herzien)" } });
    expect(patched.status).toBe(200);

    await panel.getByLabel("Waar gaat dit over?").fill("Mijn tekst, gebaseerd op een oude versie.");
    const conflict = panel.getByTestId("version-conflict");
    await expect.poll(() => conflict.textContent(), { timeout: 10_000 }).toContain("Iemand anders heeft deze bundel intussen aangepast");
    expect((await bundleApi()).body.bundle.about).toBe("Hoe je nieuwkomers een zachte landing geeft.");
    await conflict.getByRole("button", { name: "Nieuwste versie laden" }).click();
    await expect.poll(() => panel.getByLabel("Titel").inputValue()).toBe("Nieuwkomers welkom heten (herzien)");
    expect(await panel.getByLabel("Waar gaat dit over?").inputValue()).toBe("Hoe je nieuwkomers een zachte landing geeft.");
    // Back to the original title for the tests that follow.
    await panel.getByLabel("Titel").fill(bundleTitle);
    await expect.poll(() => savedStatus(panel), { timeout: 10_000 }).toBe("saved");
    await panel.close();
  });

  it("names the item that blocks publishing, then publishes and offers the bundle to a school", async () => {
    const panel = await openSidePanel(browser);
    await openBundle(panel);
    await panel.getByRole("button", { name: "Publiceren", exact: true }).click();
    const blocked = panel.getByTestId("publish-blocked");
    await expect.poll(() => blocked.textContent()).toContain("Aantekening van Dewi over intake");
    expect(await blocked.textContent()).toContain("gedeeld met ‘Alleen ik’");
    await blocked.getByRole("button", { name: "Uit de bundel halen" }).click();
    await expect.poll(() => itemRows(panel).count()).toBe(3);
    await panel.getByRole("button", { name: "Publiceren", exact: true }).click();
    await expect.poll(() => panel.getByTestId("publish-done").textContent()).toBe("Gepubliceerd.");
    const published = (await bundleApi()).body.bundle;
    expect(published).toMatchObject({ status: "published" });
    // The blocking note is gone; the rest keeps its order: the two clips, then the page added from the panel.
    const clippedPage = (await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(site.url("gespreksprotocol.html"))}`, { token: net.people.dewi.token })).body.item;
    expect(published.items.map((i: any) => i.itemId)).toEqual([ids.rekenen, ids.welkom, clippedPage.id]);
    expect(await panel.getByTestId("public-url").getAttribute("href")).toBe(new URL(published.publicUrl, server.url).href);

    const offer = panel.getByTestId("offer-form");
    await offer.getByLabel("Zoek een school").fill("regenb");
    await offer.getByLabel(/De Regenboog/).check();
    await offer.getByLabel("Persoonlijk bericht (optioneel)").fill("Voor jullie NT2-werkgroep: begin bij het stappenplan.");
    await offer.getByRole("button", { name: "Aanbieden" }).click();
    await expect.poll(() => offer.getByTestId("offer-result").textContent()).toBe("Aangeboden aan 1 school.");
    await expect.poll(() => panel.getByTestId("reach-table").textContent()).toContain("De Regenboog");
    const inbox = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/offers`, { token: net.people.bram.token });
    expect(inbox.body.offers).toHaveLength(1);
    expect(inbox.body.offers[0].message).toBe("Voor jullie NT2-werkgroep: begin bij het stappenplan.");
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-bundle-editor.png"), fullPage: true });
    await panel.close();
  });

  it("shows the offer to a school member without actions, and lets the coordinator accept it", async () => {
    await signInExtension(browser, server, net.people.anna);
    let panel = await openSidePanel(browser);
    await panel.getByRole("tab", { name: "Inbox" }).click();
    const memberView = panel.getByTestId("offer").filter({ hasText: bundleTitle });
    await memberView.waitFor();
    expect(await memberView.textContent()).toContain("Voor jullie NT2-werkgroep");
    expect(await memberView.textContent()).toContain("Alleen de schoolcoördinator kan dit aannemen of afwijzen.");
    expect(await memberView.getByRole("button", { name: "Aannemen" }).count()).toBe(0);
    await panel.close();

    await signInExtension(browser, server, net.people.bram);
    panel = await openSidePanel(browser);
    expect(await panel.getByRole("tab", { name: "Bundels" }).count()).toBe(0);
    await panel.getByRole("tab", { name: "Inbox" }).click();
    const offer = panel.getByTestId("offer").filter({ hasText: bundleTitle });
    expect(await offer.textContent()).toContain("Hoe je nieuwkomers een zachte landing geeft.");
    expect(await offer.textContent()).toContain("Aangeboden door Test dewi");
    await offer.getByRole("button", { name: "Aannemen" }).click();
    await expect.poll(() => offer.getAttribute("data-status")).toBe("accepted");
    expect(await offer.getByTestId("offer-status").textContent()).toBe("Aangenomen");
    const inbox = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/offers`, { token: net.people.bram.token });
    expect(inbox.body.offers[0].status).toBe("accepted");
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-inbox.png") });

    // The coordinator revokes the share link: the title then links to the bare page; a new link works again.
    const keyedUrl = await offer.getByRole("link").getAttribute("href");
    expect(keyedUrl).toMatch(/\?key=[\w-]{20,}$/);
    await offer.getByRole("button", { name: "Deellink intrekken" }).click();
    await expect.poll(() => offer.getByTestId("offer-key").getAttribute("data-key-status")).toBe("revoked");
    expect(await offer.getByTestId("offer-key").textContent()).toBe("De deellink is ingetrokken: de link werkt alleen nog voor wie is ingelogd.");
    expect(await offer.getByRole("link").getAttribute("href")).toBe(keyedUrl!.replace(/\?key=.*$/, ""));
    expect((await fetch(keyedUrl!)).status).toBe(404);
    await offer.getByRole("button", { name: "Nieuwe deellink maken" }).click();
    await expect.poll(() => offer.getByTestId("offer-key").getAttribute("data-key-status")).toBe("active");
    const renewedUrl = await offer.getByRole("link").getAttribute("href");
    expect(renewedUrl).toMatch(/\?key=[\w-]{20,}$/);
    expect(renewedUrl).not.toBe(keyedUrl);
    expect((await fetch(renewedUrl!)).status).toBe(200);

    // The accepted bundle now stands in the school's view of the library.
    await panel.getByRole("tab", { name: "Bibliotheek" }).click();
    await panel.getByRole("radio", { name: "Mijn school" }).check();
    await expect.poll(() => panel.getByTestId("accepted-bundles").textContent()).toContain(bundleTitle);
    await panel.close();
  });

  it("shows the broker the reach: per school, totals and a chart per day", async () => {
    await signInExtension(browser, server, net.people.dewi);
    const panel = await openSidePanel(browser);
    await openBundle(panel);
    const reach = panel.getByTestId("reach");
    await expect.poll(() => reach.locator('[data-total="accepted"] dd').textContent()).toBe("1");
    expect(await reach.locator('[data-total="offered"] dd').textContent()).toBe("1");
    expect(await panel.getByTestId("reach-table").textContent()).toContain("Aangenomen");
    const chart = panel.getByTestId("reach-chart");
    // One acceptance, on one day: one bar.
    expect(await chart.locator("rect.bar-accepted").count()).toBe(1);
    expect(await chart.locator("desc").textContent()).toContain("1 keer aangenomen");
    await panel.getByTestId("reach").scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-reach.png") });

    // The broker stops the school's share link from here; the school's inbox then says so.
    await reach.getByRole("button", { name: "Deellink intrekken voor De Regenboog" }).click();
    await expect.poll(() => reach.getByTestId("reach-key").textContent()).toBe("Deellink ingetrokken");
    const inbox = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/offers`, { token: net.people.bram.token });
    expect(inbox.body.offers[0].key.status).toBe("revoked");
    await panel.close();
  });

  it("reflows at 200% zoom: a 400px panel is 200 CSS pixels wide, and nothing scrolls sideways", async () => {
    const panel = await openSidePanel(browser, { width: 200, height: 450 });
    const overflow = () => panel.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await panel.getByTestId("results").waitFor();
    await panel.locator("details.filters summary").click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await openBundle(panel);
    await panel.locator("details.preview-section summary").click();
    await panel.getByTestId("reach-chart").waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await panel.close();
  });
});
