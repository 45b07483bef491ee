import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { startFixtureSite } from "../support/fixture-site";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

// A teacher who types a pupil's BSN or a parent's phone number into a note, or clips a page that holds
// one, is warned with the number marked, and can save all the same — or leave the page's text out.

let dir: string;
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-e2e-pupil-data-"));
  server = await startTestServer({ dir, clock: undefined, now: () => new Date() });
  net = await buildNetwork(server);
  site = await startFixtureSite();
  browser = await launchWithExtension();
  await signInExtension(browser, server, net.people.anna);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const token = () => net.people.anna.token;

async function openPopupFor(url: string): Promise<{ page: Page; popup: Page }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await browser.tabIdFor(url);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByLabel("Titel", { exact: true }).waitFor();
  return { page, popup };
}

async function lookup(url: string) {
  return (await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token: token() })).body.item;
}

async function search(q: string): Promise<string[]> {
  const res = await server.api("GET", `/api/v1/items?q=${encodeURIComponent(q)}&savedBy=me`, { token: token() });
  return res.body.items.map((item: { title: string }) => item.title);
}

/** The text a screen reader gives as the field's description: what its aria-describedby points at. */
const description = (field: Locator) =>
  field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

describe("the popup's note", () => {
  it("warns about a BSN as it is typed, marks it, keeps Bewaren in sight, and saves the note as typed", async () => {
    const url = site.url("gespreksprotocol.html");
    const { page, popup } = await openPopupFor(url);
    expect(await popup.getByTestId("page-pupil-data").count()).toBe(0);
    const note = popup.getByLabel("Wat kan ik ermee?");
    expect(await description(note)).toBe("");

    await note.fill("Gebruiken bij het gesprek over Daan, BSN 926851974, met de IB'er.");
    const warning = popup.locator("#note-pupil-data");
    await expect.poll(() => warning.locator(".notice").textContent()).toBe(
      "Dit lijkt op leerlinggegevens (BSN) — haal het weg of bewaar bewust.… bij het gesprek over Daan, BSN 926851974, met de IB'er.",
    );
    expect(await warning.getAttribute("role")).toBe("status");
    expect(await warning.locator("mark").allTextContents()).toEqual(["926851974"]);
    expect(await description(note)).toContain("Dit lijkt op leerlinggegevens (BSN)");

    const save = await popup.getByRole("button", { name: "Bewaren" }).boundingBox();
    expect(save!.y + save!.height).toBeLessThanOrEqual(600);
    const scrolling = await popup.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
    expect(scrolling).toBe(0);

    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");
    expect((await lookup(url)).mySave.note).toBe("Gebruiken bij het gesprek over Daan, BSN 926851974, met de IB'er.");

    // Taking the number out takes the warning away.
    await note.fill("Gebruiken bij het gesprek met de IB'er.");
    await expect.poll(() => warning.textContent()).toBe("");
    await popup.close();
    await page.close();
  });
});

describe("a clipped page whose text holds pupil data", () => {
  it("says so, and one click saves title and link without the page's text", async () => {
    const url = site.url("groepsplan-rekenen.html");
    const { page, popup } = await openPopupFor(url);
    const notice = popup.getByTestId("page-pupil-data");
    await expect
      .poll(() => notice.textContent())
      .toBe("De tekst van deze pagina bevat iets dat op leerlinggegevens lijkt (telefoonnummer). Paginatekst niet bewaren (titel en link wel)");
    const leaveOut = popup.getByLabel("Paginatekst niet bewaren (titel en link wel)");
    expect(await leaveOut.isChecked()).toBe(false);
    await leaveOut.check();
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").getAttribute("data-status")).toBe("saved");

    const saved = await lookup(url);
    expect(saved.title).toBe("Groepsplan rekenen groep 5");
    expect(saved.url).toBe(url);
    // The page's text was not stored: a word only it holds finds nothing; the title still finds the item.
    expect(await search("rekenmuurtje")).toEqual([]);
    expect(await search("groepsplan")).toEqual(["Groepsplan rekenen groep 5"]);
    await popup.close();
    await page.close();
  });
});

describe("the side panel's edit of one's own save", () => {
  it("warns about a phone number in the note with the number marked, and still saves it", async () => {
    const created = await server.api("POST", "/api/v1/items", {
      token: token(),
      body: { url: "https://kennis.example.nl/oudergesprekken", title: "Oudergesprekken voeren", visibility: "private" },
    });
    expect(created.status).toBe(201);
    const panel = await openSidePanel(browser);
    await panel.getByLabel("Zoek in de bibliotheek").fill("oudergesprekken");
    const card = panel.getByTestId("item-card").filter({ hasText: "Oudergesprekken voeren" });
    await card.getByRole("button", { name: "Bewerken" }).click();
    const note = card.getByLabel("Wat kan ik ermee?");
    await note.fill("Moeder van Noor terugbellen: 06-12345678");
    const warning = card.getByTestId("pupil-data-warning");
    await expect.poll(() => warning.locator("mark").allTextContents()).toEqual(["06-12345678"]);
    expect(await warning.locator(".notice").textContent()).toBe(
      "Dit lijkt op leerlinggegevens (telefoonnummer) — haal het weg of bewaar bewust.Moeder van Noor terugbellen: 06-12345678",
    );
    expect(await description(note)).toContain("(telefoonnummer)");

    await card.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => card.getByTestId("my-note").textContent()).toContain("Moeder van Noor terugbellen: 06-12345678");
    expect((await server.api("GET", `/api/v1/items/${created.body.item.id}`, { token: token() })).body.item.mySave.note).toBe(
      "Moeder van Noor terugbellen: 06-12345678",
    );
    await panel.close();
  });
});
