/// <reference types="chrome" />
/**
 * The first minutes of a teacher nobody registered: in the extension's settings they press "Inloggen met je
 * schoolaccount", sign in at their school's Entree-like provider in the browser's own sign-in window, confirm
 * the extension, and clip their first page — without any administrator. Everything is real: the built
 * extension in Chromium, launchWebAuthFlow's window, /login, the OpenID provider, the server and its SQLite
 * file. The wall time is printed (the issue asks for it to be reported, under a minute of the person's time);
 * a timed assertion would measure the machine, so the test checks what happened, not how fast.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { startFixtureSite } from "../support/fixture-site";
import { addSchool, census, startSchoolAccountWorld, type SchoolAccountWorld } from "../support/school-accounts";

let world: SchoolAccountWorld;
let schoolId: string;
let site: Awaited<ReturnType<typeof startFixtureSite>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  world = await startSchoolAccountWorld([
    {
      id: "entree",
      family: "entree",
      accounts: [{ login: "meester-daan", claims: { givenName: "Daan", sn: "Visser", eduPersonAffiliation: ["employee"], nlEduPersonHomeOrganizationId: "21QX", nlEduPersonHomeOrganization: "CBS Het Anker" } }],
    },
  ]);
  schoolId = addSchool(world.server, "CBS Het Anker", { brinCodes: ["21QX"] });
  site = await startFixtureSite();
  browser = await launchWithExtension();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await world?.stop();
});

describe("a new teacher's first minutes", () => {
  it("goes from 'Inloggen met je schoolaccount' to a first stored clip, placed in their school, with no administrator", async () => {
    const server = world.server;
    const before = census(server);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel("Serveradres").fill(server.url);

    const started = performance.now();
    const opened = browser.context.waitForEvent("page", { timeout: 60_000 });
    await options.getByRole("button", { name: "Inloggen met je schoolaccount" }).click();
    const window: Page = await opened;

    // No web session yet: the sign-in window shows /login, with the school's provider as a button.
    await window.waitForURL((url) => url.pathname === "/login", { timeout: 30_000 });
    await window.getByRole("link", { name: "Inloggen met Entree" }).click();
    await window.waitForURL((url) => url.origin === world.providers.entree!.issuer, { timeout: 30_000 });
    await window.locator('input[name="login"]').fill("meester-daan");
    await window.locator('input[name="password"]').fill("wachtwoord-bij-de-provider");
    await window.locator('button[type="submit"]').click();

    // Back at Knooppunt, signed in on the web: the extension asks to be signed in as this person.
    await window.waitForURL((url) => url.pathname === "/auth/device", { timeout: 30_000 });
    expect(await window.getByRole("heading", { level: 1 }).textContent()).toBe("Extensie aanmelden als Daan Visser?");
    await window.getByRole("button", { name: "Ja, aanmelden" }).click();

    await expect.poll(() => options.getByRole("heading", { level: 2 }).first().textContent(), { timeout: 30_000 }).toBe("Aangemeld als Daan Visser");
    const signedInAfter = performance.now() - started;
    // The settings page shows where the school account put them, and the account itself.
    const places = options.getByTestId("my-places");
    expect(await places.locator("ul li").first().textContent()).toBe("School: CBS Het Anker (lid)");
    expect(await places.getByTestId("my-identities").textContent()).toBe("Entree — 21QX");

    const url = site.url("zachte-landing-nieuwkomers.html");
    const page = await browser.context.newPage();
    await page.goto(url);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await browser.tabIdFor(url)}`);
    await popup.getByRole("button", { name: "Bewaren" }).click();
    await expect.poll(() => popup.getByTestId("outcome").textContent(), { timeout: 30_000 }).toContain("Bewaard in de bibliotheek.");
    const firstClipAfter = performance.now() - started;

    const { session } = (await browser.worker.evaluate(() => chrome.storage.local.get("session"))) as { session: { token: string } };
    const me = await server.api("GET", "/api/v1/me", { token: session.token });
    expect(me.body.user).toEqual({ id: me.body.user.id, name: "Daan Visser", email: null, roles: [] });
    expect(me.body.schools).toEqual([{ id: schoolId, name: "CBS Het Anker", role: "member" }]);
    const found = await server.api("GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`, { token: session.token });
    expect(found.body.item.url).toBe(url);
    // One new person with one school account; a web session and the extension's device token.
    expect(census(server)).toEqual({ ...before, users: before.users + 1, identities: before.identities + 1, tokens: before.tokens + 2, schoolMembers: before.schoolMembers + 1 });

    console.log(
      `[e2e] new teacher, Entree via the extension: signed in after ${Math.round(signedInAfter)} ms, ` +
        `first clip stored after ${Math.round(firstClipAfter)} ms (wall time on this machine, automated typing and clicks included).`,
    );
    await Promise.all([options.close(), page.close(), popup.close()]);
  }, 180_000);
});
