/// <reference types="chrome" />
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { signInExtension } from "../support/extension-session";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  await reply(server.client(net.people.anna.token).api.v1.items.$post({ json: { url: "https://www.voorbeeld.nl/lezen", title: "Samen lezen", note: "=som", visibility: "private" } }));
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.context.close();
  await server?.stop();
});

describe("'Mijn gegevens' in the options page", () => {
  it("sets the name others see, downloads the saves, and deletes the account only after the e-mail address is typed", async () => {
    const anna = net.people.anna;
    await signInExtension(browser, server, anna);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const section = options.getByTestId("my-data");
    await expect.poll(() => section.getByRole("heading", { level: 2 }).textContent()).toBe("Mijn gegevens");
    expect(await options.getByTestId("public-name").textContent()).toContain("wie geen account heeft ziet nu: Test (De Regenboog)");

    await options.getByLabel("Naam die anderen zien").fill("Juf Anna");
    await options.getByRole("button", { name: "Naam bewaren" }).click();
    await expect.poll(() => options.getByTestId("public-name").textContent()).toContain("ziet nu: Juf Anna");
    expect((await reply(server.client(anna.token).api.v1.me.$get())).body.displayName).toBe("Juf Anna");

    const [download] = await Promise.all([options.waitForEvent("download"), options.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toBe("knooppunt-bewaard-2026-11-24.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[1]).toBe("https://www.voorbeeld.nl/lezen,Samen lezen,'=som,,,,private,no,untested,2026-11-24T09:00:00.000Z,2026-11-24T09:00:00.000Z");

    await options.getByTestId("delete-start").click();
    const confirm = options.getByTestId("delete-confirm");
    expect(await confirm.textContent()).toContain("alles wat je privé bewaarde");
    const deleteNow = options.getByTestId("delete-now");
    expect(await deleteNow.isDisabled()).toBe(true);
    await options.getByLabel(`Typ je e-mailadres (${anna.email}) om te bevestigen`).fill("iemand@anders.nl");
    expect(await deleteNow.isDisabled()).toBe(true);
    await options.getByLabel(`Typ je e-mailadres (${anna.email}) om te bevestigen`).fill(anna.email);
    await deleteNow.click();

    await expect.poll(() => options.getByRole("heading", { level: 2 }).first().textContent()).toBe("Aanmelden");
    expect(await options.getByTestId("account-deleted").textContent()).toBe("Je account is verwijderd. Je bent afgemeld.");
    expect((await reply(server.client().api.v1.auth.login.$post({ json: { email: anna.email, password: anna.password } }))).status).toBe(401);
    expect(await browser.worker.evaluate(async () => (await chrome.storage.local.get("session")).session ?? null)).toBeNull();
  });
});
