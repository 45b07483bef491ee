/**
 * Moving to another installation with Knooppunt's own export: the review in the web app says which links
 * keep their own circle from the file (per circle, with counts), how many fall back to the circle chosen
 * for the import because their community does not exist here, and which themes are left out.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";

const BROWSER_TIMEOUT = 180_000;

let before: TestServer;
let after: TestServer;
let netAfter: Awaited<ReturnType<typeof buildNetwork>>;
let exported: string;
let browser: Browser;

beforeAll(async () => {
  before = await startTestServer();
  const netBefore = await buildNetwork(before);
  // A community only the first installation has: its link cannot keep that circle after the move.
  const admin = before.client(before.adminToken).api.v1.admin;
  const zuid = (await reply(admin.communities.$post({ json: { name: "Werkplaats Zuid", kind: "werkplaats" } }))).body.community;
  await reply(admin.communities[":id"].members[":userId"].$put({ param: { id: zuid.id, userId: netBefore.people.anna.id }, json: { role: "member" } }));
  const items = before.client(netBefore.people.anna.token).api.v1.items;
  for (const json of [
    { url: "https://www.voorbeeld.nl/welkom", title: "Welkom in de klas", visibility: "private" as const },
    { url: "https://www.voorbeeld.nl/team", title: "Ons teamprotocol", visibility: "school" as const },
    { url: "https://www.voorbeeld.nl/team-2", title: "Ons tweede protocol", visibility: "school" as const },
    { url: "https://www.voorbeeld.nl/zuid", title: "Alleen in Zuid", visibility: "community" as const, communityId: zuid.id },
  ]) {
    expect((await reply(items.$post({ json }))).status).toBe(201);
  }
  exported = await (await fetch(`${before.url}/api/v1/exports/saves`, { headers: { Authorization: `Bearer ${netBefore.people.anna.token}` } })).text();

  after = await startTestServer({ now: () => new Date() });
  netAfter = await buildNetwork(after);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await before?.stop();
  await after?.stop();
});

describe("reviewing a file from Knooppunt's own export in the web app", () => {
  it("shows the circles the links keep from the file, with counts, and how many fall back to the chosen circle", { timeout: BROWSER_TIMEOUT }, async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    try {
      await signInBrowserContext(context, after, openTestWebSession(after, netAfter.people.anna.id));
      const page = await context.newPage();
      await page.goto(`${after.url}/app/import`);
      await page.getByLabel("Bestand", { exact: true }).setInputFiles({ name: "knooppunt.json", mimeType: "application/json", buffer: Buffer.from(exported) });
      await page.getByRole("button", { name: "Bestand lezen" }).click();
      const fromFile = page.getByTestId("import-from-file");
      await fromFile.waitFor();
      expect(await fromFile.locator("h3").innerText()).toBe("Deze links houden hun eigen kring uit het bestand");
      expect(await fromFile.locator("p").first().innerText()).toBe("Het bestand komt uit Knooppunt (4 links): elke link houdt zijn kring en thema's, waar die hier bestaan.");
      expect((await page.getByTestId("import-from-file-circles").locator("li").allInnerTexts()).sort()).toEqual(["Alleen ik: 1 links", "Mijn school (De Regenboog): 2 links"]);
      expect(await page.getByTestId("import-from-file-fallback").innerText()).toBe(
        "1 links hebben een school of gemeenschap die hier niet bestaat of waar je geen lid van bent: zij krijgen de kring die je hieronder kiest.",
      );
      expect(await page.getByTestId("import-from-file-themes").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
