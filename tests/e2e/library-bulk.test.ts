/**
 * Many saves at once in the web app's library: a teacher selects several of their own saves, adds a theme
 * to all of them, moves them to a wider circle only after being told exactly how many people will newly
 * see them, and deletes two — each action one request with an Idempotency-Key. Checked with axe-core under
 * the app's own CSP.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { axeViolations } from "../support/axe";


let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

const titles = {
  taal: "Taalsteun in de rekenles",
  ouders: "Ouders betrekken bij de start",
  buddy: "Een buddy voor de eerste weken",
  blijft: "Dit blijft zoals het is",
  collega: "De bewaring van een collega",
};
const ids = { taal: "", ouders: "", buddy: "", blijft: "", collega: "" };

async function clip(person: Person, body: Record<string, unknown>) {
  const res = await server.api("POST", "/api/v1/items", { token: person.token, body });
  if (res.status >= 300) throw new Error(`clip failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.item as { id: string }).id;
}

/** Anna's own save of an item, as the API reports it; null when she has none (or cannot see it). */
async function mySave(itemId: string) {
  const res = await server.api("GET", `/api/v1/items/${itemId}`, { token: net.people.anna.token });
  if (res.status === 404) return null;
  const save = (res.body.item as { mySave: { visibility: string; themes: string[] } | null }).mySave;
  return save && { visibility: save.visibility, themes: [...save.themes].sort() };
}

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  const base = "https://kennis.example.nl";
  const anna = net.people.anna;
  ids.taal = await clip(anna, { url: `${base}/taal`, title: titles.taal, themes: ["meertaligheid"], visibility: "private" });
  ids.ouders = await clip(anna, { url: `${base}/ouders`, title: titles.ouders, themes: [], visibility: "private" });
  ids.buddy = await clip(anna, { url: `${base}/buddy`, title: titles.buddy, themes: [], visibility: "private" });
  ids.blijft = await clip(anna, { url: `${base}/blijft`, title: titles.blijft, themes: [], visibility: "private" });
  ids.collega = await clip(net.people.bram, { url: `${base}/collega`, title: titles.collega, themes: [], visibility: "school" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (page: Page, title: string) => page.getByTestId("results").getByTestId("item-card").filter({ has: page.getByRole("heading", { name: title }) });

describe("many saves at once in the web app's library", () => {
  it("adds a theme to three saves, widens them only after the exact count is confirmed, and deletes two", { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL", reducedMotion: "reduce" });
    await signInBrowserContext(context, server, openTestWebSession(server, net.people.anna.id));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const bulkRequests: { body: unknown; key: string | null }[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/v1/saves/bulk")) bulkRequests.push({ body: request.postDataJSON(), key: request.headers()["idempotency-key"] ?? null });
    });
    await page.goto(`${server.url}/app`);
    await card(page, titles.collega).waitFor();

    // Only the person's own saves can be selected: a colleague's card has no checkbox.
    expect(await card(page, titles.collega).getByTestId("select-save").count()).toBe(0);
    expect(await page.getByTestId("select-save").count()).toBe(4);

    // "Select all on this page" takes every own save, and takes them off again.
    await page.getByLabel("Selecteer alles op deze pagina").check();
    expect(await page.getByTestId("selected-count").textContent()).toBe("4 geselecteerd");
    await page.getByLabel("Selecteer alles op deze pagina").uncheck();
    expect(await page.getByTestId("bulk-actions").count()).toBe(0);

    for (const title of [titles.taal, titles.ouders, titles.buddy]) await page.getByLabel(`Selecteer ‘${title}’`).check();
    const bar = page.getByTestId("bulk-actions");
    expect(await bar.getByTestId("selected-count").textContent()).toBe("3 geselecteerd");

    // Themes: add one to all three.
    await bar.getByRole("button", { name: "Thema's", exact: true }).click();
    const picker = bar.getByRole("combobox", { name: "Thema's" });
    await picker.fill("Nieuwkomers");
    await bar.locator('[role="option"][data-theme="nieuwkomers"]').click();
    await bar.getByRole("button", { name: "Thema's aanpassen" }).click();
    await card(page, titles.ouders).locator('[data-theme="nieuwkomers"]').waitFor();
    expect(await mySave(ids.taal)).toEqual({ visibility: "private", themes: ["meertaligheid", "nieuwkomers"] });
    expect(await mySave(ids.ouders)).toEqual({ visibility: "private", themes: ["nieuwkomers"] });
    expect(await mySave(ids.buddy)).toEqual({ visibility: "private", themes: ["nieuwkomers"] });
    expect(await mySave(ids.blijft)).toEqual({ visibility: "private", themes: [] });

    // Circle: from private to the network asks first. Newly seeing them: the administrator, Bram, Chris,
    // Dewi and Eva — every other active account.
    await bar.getByRole("button", { name: "Wie ziet dit?" }).click();
    await bar.getByRole("combobox", { name: "Wie ziet dit?" }).selectOption("network");
    await bar.getByRole("button", { name: "Kring aanpassen" }).click();
    const widening = bar.getByTestId("bulk-widening");
    await widening.waitFor();
    expect(await widening.locator("#bulk-widening-text").textContent()).toBe("3 van de 3 bewaringen worden zichtbaar voor 5 mensen die ze nu niet zien.");
    expect(await mySave(ids.taal)).toEqual({ visibility: "private", themes: ["meertaligheid", "nieuwkomers"] });
    expect(await axeViolations(page)).toEqual([]);

    await widening.getByRole("button", { name: "Ja, laat ze meer mensen zien" }).click();
    await widening.waitFor({ state: "detached" });
    await expect.poll(() => mySave(ids.buddy)).toEqual({ visibility: "network", themes: ["nieuwkomers"] });
    expect(await mySave(ids.taal)).toEqual({ visibility: "network", themes: ["meertaligheid", "nieuwkomers"] });
    expect(await mySave(ids.ouders)).toEqual({ visibility: "network", themes: ["nieuwkomers"] });
    expect(await mySave(ids.blijft)).toEqual({ visibility: "private", themes: [] });
    expect(await card(page, titles.taal).getByTestId("my-note").textContent()).toContain("Het netwerk");

    // Delete two: the third stays selected out, the list loses exactly those two.
    await bar.getByRole("button", { name: "Selectie opheffen" }).click();
    for (const title of [titles.taal, titles.ouders]) await page.getByLabel(`Selecteer ‘${title}’`).check();
    expect(await bar.getByTestId("selected-count").textContent()).toBe("2 geselecteerd");
    // The question puts the focus on its cancel (nothing is gone yet); Escape closes it and gives the focus
    // back to the button that opened it, so a keyboard goes on where it was.
    const deleteButton = bar.getByRole("button", { name: "Verwijderen" });
    await deleteButton.click();
    const question = bar.getByTestId("bulk-delete");
    expect(await question.locator("strong").textContent()).toBe("2 bewaringen verwijderen?");
    expect(await question.getByRole("button", { name: "Annuleren" }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    await question.waitFor({ state: "detached" });
    expect(await deleteButton.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await deleteButton.getAttribute("aria-expanded")).toBe("false");
    expect(await bar.getByTestId("selected-count").textContent()).toBe("2 geselecteerd");

    await deleteButton.click();
    expect(await question.locator("strong").textContent()).toBe("2 bewaringen verwijderen?");
    expect(await axeViolations(page)).toEqual([]);
    await bar.getByRole("button", { name: "Ja, verwijder ze" }).click();
    await card(page, titles.taal).waitFor({ state: "detached" });
    await card(page, titles.ouders).waitFor({ state: "detached" });
    expect(await page.getByTestId("results").getByTestId("item-card").evaluateAll((cards) => cards.map((c) => c.querySelector("h3")!.textContent!.replace(/ \(.*\)$/, "")).sort())).toEqual(
      [titles.buddy, titles.blijft, titles.collega].sort(),
    );
    expect(await mySave(ids.taal)).toBe(null);
    expect(await mySave(ids.ouders)).toBe(null);
    expect(await page.getByTestId("bulk-actions").count()).toBe(0);

    // One request per action (the widening asked once, then confirmed), each with its own key.
    expect(bulkRequests.map((r) => (r.body as { change: { type: string; confirmWidening?: boolean } }).change)).toEqual([
      { type: "themes", add: ["nieuwkomers"], remove: [] },
      { type: "circle", visibility: "network", schoolId: null, communityId: null },
      { type: "circle", visibility: "network", schoolId: null, communityId: null, confirmWidening: true },
      { type: "delete" },
    ]);
    const keys = bulkRequests.map((r) => r.key);
    expect(keys.every((key) => typeof key === "string" && /^[0-9a-f-]{32,36}$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(4);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("lets a broker add the selected saves to one of their bundles in one request", { timeout: 90_000 }, async () => {
    const dewi = net.people.dewi;
    const base = "https://kennis.example.nl";
    const lezen = await clip(dewi, { url: `${base}/lezen`, title: "Samen lezen in twee talen", themes: [], visibility: "network" });
    const woorden = await clip(dewi, { url: `${base}/woorden`, title: "Woordenschat met beelden", themes: [], visibility: "network" });
    const created = await server.api("POST", "/api/v1/bundles", { token: dewi.token, body: { title: "Meertalig lezen", about: "Thuistalen", themes: ["nt2"], audience: "network" } });
    const bundleId = (created.body.bundle as { id: string }).id;

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL", reducedMotion: "reduce" });
    await signInBrowserContext(context, server, openTestWebSession(server, dewi.id));
    const page = await context.newPage();
    await page.goto(`${server.url}/app`);
    await card(page, "Woordenschat met beelden").waitFor();
    for (const title of ["Samen lezen in twee talen", "Woordenschat met beelden"]) await page.getByLabel(`Selecteer ‘${title}’`).check();
    const bar = page.getByTestId("bulk-actions");
    await bar.getByRole("button", { name: "In bundel" }).click();
    await bar.getByRole("combobox", { name: "Bundel" }).selectOption(bundleId);
    await bar.getByRole("button", { name: "Aan bundel toevoegen" }).click();
    await expect.poll(() => page.getByTestId("announcer").textContent()).toBe("2 items toegevoegd aan ‘Meertalig lezen’.");

    const bundle = await server.api("GET", `/api/v1/bundles/${bundleId}`, { token: dewi.token });
    // In the order the library showed them: newest first.
    expect((bundle.body.bundle as { items: { itemId: string }[] }).items.map((i) => i.itemId)).toEqual([woorden, lezen]);
    await context.close();
  });
});
