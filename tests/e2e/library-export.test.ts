import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  await reply(server.client(net.people.anna.token).api.v1.items.$post({ json: { url: "https://www.voorbeeld.nl/lezen", title: "Samen lezen", themes: ["thuistalen"], note: "Voor de bouw", visibility: "private" } }));
  browser = await launchWithExtension();
  await signInExtension(browser, server, net.people.anna);
});
afterAll(async () => {
  await browser?.context.close();
  await server?.stop();
});

describe("the library's export menu", () => {
  it("downloads the person's saves as CSV under the import's own header", async () => {
    const panel = await openSidePanel(browser);
    const menu = panel.getByTestId("export-menu");
    await menu.locator("summary").click();
    const [download] = await Promise.all([panel.waitForEvent("download"), menu.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toBe("knooppunt-bewaard-2026-11-24.csv");
    expect(readFileSync((await download.path())!, "utf8").split("\r\n")).toEqual([
      "url,title,folder,tags,note,added_at,themes,kind,visibility,school,community,updated_at",
      "https://www.voorbeeld.nl/lezen,Samen lezen,Meertaligheid/Thuistalen,,Voor de bouw,2026-11-24T09:00:00.000Z,thuistalen,artikel,private,De Regenboog,,2026-11-24T09:00:00.000Z",
      "",
    ]);
  });
});
