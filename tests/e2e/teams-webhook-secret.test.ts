/**
 * A Teams Workflows URL carries its secret (`sig=`): whoever reads it can post into the school's channel.
 * The subscriptions screen shows which webhook is which without showing that secret, on the card, in the
 * notice after registering and in the delivery log's labels; the API still returns the URL as registered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { startReceiver, type Receiver } from "../support/receiver";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

const SECRET = "GeHeIm0123456789abcdefXYZ";
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: ExtensionBrowser;
let receiver: Receiver;

/** The shape of a Workflows "When a Teams webhook request is received" URL, on the test receiver. */
const workflowsUrl = (flow: string) => `${receiver.url}/powerautomate/automations/direct/workflows/${flow}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SECRET}${flow}`;
const shown = (flow: string) => `${receiver.url}/powerautomate/automations/direct/workflows/${flow}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=…`;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  receiver = await startReceiver();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await server?.stop();
});

describe("a Workflows webhook's secret on the subscriptions screen", () => {
  it("is left out of the registered webhook's card and of the notice after registering, while the API keeps the URL", async () => {
    const registered = await server.api("POST", `/api/v1/schools/${net.schoolA.id}/webhooks`, {
      token: net.people.bram.token,
      body: { url: workflowsUrl("eerste"), format: "teams", events: ["offer.created"] },
    });
    expect(registered.status).toBe(201);

    await signInExtension(browser, server, net.people.bram);
    const panel = await openSidePanel(browser);
    await panel.getByRole("tab", { name: "Abonnementen" }).click();
    const hooks = panel.locator(`[data-testid="school-subscriptions"][data-school="${net.schoolA.id}"]`).getByTestId("webhooks");
    await hooks.getByTestId("webhook").first().waitFor();
    expect(await hooks.getByTestId("webhook").locator("code.url").allTextContents()).toEqual([shown("eerste")]);

    const form = hooks.getByTestId("webhook-form");
    await form.getByLabel("Adres (URL) van de webhook").fill(workflowsUrl("tweede"));
    await form.getByRole("button", { name: "Webhook toevoegen" }).click();
    const notice = hooks.getByTestId("webhook-secret");
    await notice.waitFor();
    expect(await notice.locator("code.url").textContent()).toBe(shown("tweede"));

    // Nowhere on the screen, visible text or attributes, is the secret: only the form field the coordinator typed it in.
    await form.getByLabel("Adres (URL) van de webhook").fill("");
    expect((await panel.content()).includes(SECRET)).toBe(false);

    const listed = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/webhooks`, { token: net.people.bram.token });
    expect(listed.body.webhooks.map((w: { url: string }) => w.url).sort()).toEqual([workflowsUrl("eerste"), workflowsUrl("tweede")].sort());
  });
});
