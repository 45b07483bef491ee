import { parseFeed } from "@rowanmanning/feed-parser";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSidePanel, signInExtension } from "../support/extension-session";
import { launchWithExtension, type ExtensionBrowser } from "../support/browser";
import { startReceiver, type Receiver } from "../support/receiver";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

/**
 * Journey 3 in the side panel: a coordinator subscribes the school, finds and replaces its private feed
 * addresses and registers a webhook; members read along; brokers share a bundle with a co-curator and
 * delete one. One server, one browser, one receiver for the whole file.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: ExtensionBrowser;
let receiver: Receiver;
let fenna: Person;
let itemId = "";

const SCREENSHOTS = "test-results";
const ITEM_TITLE = "Eerste week met nieuwkomers in groep 6";
const BUNDLE_TITLE = "Nieuwkomers in de onderbouw";

async function ok<T = any>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await server.api(method, path, { token, body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Real time: the webhook worker's schedule follows the wall clock, as in production.
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  const admin = server.adminToken;
  const user = (await ok("POST", "/api/v1/admin/users", admin, { name: "Test fenna", email: "fenna@test.knooppunt.nl", password: "wachtwoord-fenna-2026", roles: ["broker"] })).user;
  fenna = { id: user.id, email: "fenna@test.knooppunt.nl", password: "wachtwoord-fenna-2026", token: "" };
  itemId = (
    await ok("POST", "/api/v1/items", net.people.anna.token, {
      url: "https://kennis.example.nl/eerste-week",
      title: ITEM_TITLE,
      kind: "praktijkvoorbeeld",
      themes: ["nieuwkomers"],
      visibility: "network",
      note: "Begin met een maatje.",
    })
  ).item.id;
  receiver = await startReceiver();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await server?.stop().catch(() => undefined);
});

const overflow = (panel: Page) => panel.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const school = (panel: Page) => panel.locator(`[data-testid="school-subscriptions"][data-school="${net.schoolA.id}"]`);

async function openSubscriptions(person: Person, language: "nl" | "en" = "nl") {
  await signInExtension(browser, server, person, language);
  const panel = await openSidePanel(browser);
  await panel.getByRole("tab", { name: language === "nl" ? "Abonnementen" : "Subscriptions" }).click();
  return panel;
}

describe("the school's subscriptions, feed and webhooks", () => {
  let oldAtom = "";

  it("lets the coordinator subscribe the school to a theme, and the API shows it", async () => {
    const panel = await openSubscriptions(net.people.bram);
    const form = school(panel).getByTestId("subs-form");
    const nt2 = form.getByRole("checkbox", { name: "NT2 (Nederlands als tweede taal)" });
    await nt2.check();
    // Its sub-themes come along: shown as included, not as separate choices.
    await form.getByRole("button", { name: "Subthema's van NT2 (Nederlands als tweede taal) tonen" }).click();
    const sub = form.getByRole("checkbox", { name: /^Nieuwkomers/ });
    expect(await sub.isChecked()).toBe(true);
    expect(await sub.isDisabled()).toBe(true);
    await form.locator("label.choice", { hasText: "PO" }).click();
    expect(await form.getByTestId("subs-status").textContent()).toBe("Nog niet bewaard.");
    await form.getByRole("button", { name: "Abonnementen bewaren" }).click();
    await expect.poll(() => form.getByTestId("subs-status").textContent()).toBe("Bewaard. De feed van De Regenboog volgt nu deze thema's.");
    const api = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/subscriptions`, { token: net.people.bram.token });
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ themes: ["nt2"], sector: ["po"] });
    await panel.close();
  });

  it("shows the private feed address, and it serves a valid Atom feed with the subscribed theme's items", async () => {
    const panel = await openSubscriptions(net.people.bram);
    const atom = school(panel).getByTestId("feed-atom");
    await expect.poll(() => atom.inputValue()).toContain("/feeds/schools/");
    oldAtom = await atom.inputValue();
    expect(await school(panel).getByTestId("feed-addresses").textContent()).toContain("Outlook");
    expect(await school(panel).getByRole("button", { name: "Kopiëren Atom-adres" }).count()).toBe(1);
    const res = await fetch(oldAtom);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("atom");
    const feed = parseFeed(await res.text()).toJSON();
    expect(feed.meta.type).toBe("atom");
    expect(feed.items.map((entry) => entry.title)).toContain(ITEM_TITLE);
    await panel.close();
  });

  it("replaces the feed addresses after a confirmation, and the old one stops working at once", async () => {
    const panel = await openSubscriptions(net.people.bram);
    const feed = school(panel).getByTestId("feed-addresses");
    await expect.poll(() => feed.getByTestId("feed-atom").inputValue()).toBe(oldAtom);
    await feed.getByRole("button", { name: "Nieuwe adressen maken" }).click();
    const confirm = feed.getByTestId("feed-rotate-confirm");
    expect(await confirm.textContent()).toContain("De huidige adressen werken direct niet meer");
    // Focus waits on "Annuleren": an Enter does not replace anything by accident.
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe("Annuleren");
    await confirm.getByRole("button", { name: "Ja, vervangen" }).click();
    await feed.getByTestId("feed-rotated").waitFor();
    const newAtom = await feed.getByTestId("feed-atom").inputValue();
    expect(newAtom).not.toBe(oldAtom);
    expect((await fetch(oldAtom)).status).toBe(404);
    expect((await fetch(newAtom)).status).toBe(200);
    expect(await overflow(panel)).toBeLessThanOrEqual(0);
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-subscriptions.png") });
    await panel.close();
  });

  it("registers a webhook: a private address is refused clearly, the secret is shown once, and the delivery log shows the offer delivered", async () => {
    const panel = await openSubscriptions(net.people.bram);
    const hooks = school(panel).getByTestId("webhooks");
    await hooks.getByTestId("webhooks-empty").waitFor();
    const form = hooks.getByTestId("webhook-form");
    const url = form.getByLabel("Adres (URL) van de webhook");

    // The test server allow-lists its receiver's address, which may then use plain http: the hint says so.
    expect(await form.getByTestId("webhook-url-hint").textContent()).toBe("Begint met https://. Voor 127.0.0.1 mag ook http://.");

    await url.fill("https://10.1.2.3/hooks/knooppunt");
    await form.getByRole("button", { name: "Webhook toevoegen" }).click();
    const refused = form.getByTestId("webhook-url-error");
    // Only the Dutch sentence: no English server message after it.
    await expect
      .poll(() => refused.textContent())
      .toBe("Dit adres wordt geweigerd: een webhook moet een openbaar https-adres zijn, niet een adres binnen een eigen of intern netwerk.");
    expect(await url.getAttribute("aria-invalid")).toBe("true");
    expect(await panel.evaluate(() => document.activeElement?.id)).toBe(await url.getAttribute("id"));

    await url.fill("http://hooks.example.org/knooppunt");
    await form.getByRole("button", { name: "Webhook toevoegen" }).click();
    await expect.poll(() => refused.textContent()).toBe("Dit adres wordt geweigerd: een webhook moet beginnen met https://.");

    await url.fill(`${receiver.url}/teams`);
    expect(await form.textContent()).toContain("Workflows");
    await form.getByLabel("JSON (voor andere systemen)").check();
    await form.getByRole("button", { name: "Webhook toevoegen" }).click();
    const secretBox = hooks.getByTestId("webhook-secret");
    await secretBox.waitFor();
    const secret = await secretBox.getByTestId("webhook-secret-value").inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(await secretBox.textContent()).toContain("niet nog een keer getoond");
    expect(await secretBox.getByRole("button", { name: "Kopiëren Ondertekeningssleutel" }).count()).toBe(1);
    await secretBox.getByRole("button", { name: "Ik heb de sleutel bewaard" }).click();
    expect(await hooks.getByTestId("webhook-secret").count()).toBe(0);
    const listed = await server.api("GET", `/api/v1/schools/${net.schoolA.id}/webhooks`, { token: net.people.bram.token });
    expect(listed.body.webhooks).toHaveLength(1);
    expect(listed.body.webhooks[0]).toMatchObject({ url: `${receiver.url}/teams`, format: "json" });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    // A broker publishes a bundle and offers it to the school: the webhook fires.
    const dewi = net.people.dewi;
    let bundle = (await ok("POST", "/api/v1/bundles", dewi.token, { title: BUNDLE_TITLE, about: "Zo verwelkom je nieuwkomers.", use: "Lees het samen in het team.", themes: ["nieuwkomers"], audience: "network" })).bundle;
    bundle = (await ok("PUT", `/api/v1/bundles/${bundle.id}/items`, dewi.token, { version: bundle.version, items: [{ itemId, note: "Start hier." }] })).bundle;
    bundle = (await ok("POST", `/api/v1/bundles/${bundle.id}/publish`, dewi.token, { version: bundle.version })).bundle;
    await ok("POST", `/api/v1/bundles/${bundle.id}/offers`, dewi.token, { schoolIds: [net.schoolA.id] });
    await expect.poll(() => receiver.requests.some((r) => r.headers["knooppunt-event"] === "offer.created"), { timeout: 8000 }).toBe(true);

    // Reloaded: the secret is nowhere to be seen again; the delivery log shows the offer delivered.
    await panel.reload();
    await panel.getByRole("tab", { name: "Abonnementen" }).click();
    const hook = school(panel).getByTestId("webhook");
    await hook.waitFor();
    expect(await panel.locator("body").textContent()).not.toContain(secret);
    await hook.locator("summary", { hasText: "Afleverlog" }).click();
    const offered = hook.getByTestId("delivery").filter({ hasText: "Nieuw aanbod voor de school" });
    await expect
      .poll(async () => {
        if ((await offered.getAttribute("data-status").catch(() => null)) !== "delivered") await hook.getByRole("button", { name: /^Vernieuwen/ }).click();
        return offered.getAttribute("data-status");
      })
      .toBe("delivered");
    const row = await offered.textContent();
    expect(row).toContain("Afgeleverd");
    expect(row).toContain("200");
    expect(await overflow(panel)).toBeLessThanOrEqual(0);
    await hook.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, "sidepanel-webhooks.png") });

    // Deleting asks first.
    await hook.getByRole("button", { name: "Verwijderen" }).click();
    await hook.getByTestId("webhook-delete-confirm").getByRole("button", { name: "Ja, verwijderen" }).click();
    await hooks.getByTestId("webhooks-empty").waitFor();
    expect((await server.api("GET", `/api/v1/schools/${net.schoolA.id}/webhooks`, { token: net.people.bram.token })).body.webhooks).toHaveLength(0);
    await panel.close();
  });

  it("pages the delivery log: the newest 20 first, older ones on request", async () => {
    const bram = net.people.bram;
    const hook = (
      await ok("POST", `/api/v1/schools/${net.schoolA.id}/webhooks`, bram.token, { url: `${receiver.url}/log`, format: "json", events: ["item.published"] })
    ).webhook;
    // The school follows NT2 (first test): every new NT2 clip in the network is announced to it.
    for (let i = 1; i <= 23; i++) {
      await ok("POST", "/api/v1/items", net.people.anna.token, {
        url: `https://kennis.example.nl/woordenschat-${i}`,
        title: `Woordenschatles ${i}`,
        themes: ["nt2"],
        visibility: "network",
      });
    }
    await expect.poll(() => receiver.requests.filter((r) => r.path === "/log").length, { timeout: 15_000 }).toBe(23);

    const panel = await openSubscriptions(bram);
    const card = school(panel).getByTestId("webhook").filter({ hasText: `${receiver.url}/log` });
    await card.locator("summary", { hasText: "Afleverlog" }).click();
    const rows = card.getByTestId("delivery");
    await expect.poll(() => rows.count()).toBe(20);
    const more = card.getByTestId("deliveries-more");
    expect(await more.textContent()).toBe("Oudere afleveringen laden");
    await more.click();
    await expect.poll(() => rows.count()).toBe(23);
    expect(await more.count()).toBe(0);
    // A refresh keeps what was paged in.
    await card.getByRole("button", { name: /^Vernieuwen/ }).click();
    await expect.poll(() => card.getByTestId("delivery-log").getAttribute("aria-busy")).toBe("false");
    expect(await rows.count()).toBe(23);
    await panel.close();
    await ok("DELETE", `/api/v1/schools/${net.schoolA.id}/webhooks/${hook.id}`, bram.token);
  });

  it("shows a member the subscriptions without any controls, and speaks English when asked", async () => {
    const panel = await openSubscriptions(net.people.anna);
    const readonly = school(panel).getByTestId("subs-readonly");
    await readonly.waitFor();
    expect(await readonly.getByTestId("subs-themes").textContent()).toBe("NT2 (Nederlands als tweede taal)");
    expect(await readonly.getByTestId("subs-sectors").textContent()).toBe("Sectoren: PO");
    expect(await readonly.textContent()).toContain("Alleen de schoolcoördinator kan de abonnementen aanpassen.");
    expect(await school(panel).locator("input, button, select, textarea").count()).toBe(0);
    expect(await school(panel).getByTestId("feed-addresses").count()).toBe(0);
    expect(await school(panel).getByTestId("webhooks").count()).toBe(0);
    await panel.close();

    const english = await openSubscriptions(net.people.anna, "en");
    await expect.poll(() => school(english).getByTestId("subs-readonly").textContent()).toContain("Only the school's coordinator can change the subscriptions.");
    expect(await school(english).getByTestId("subs-sectors").textContent()).toBe("Sectors: PO");
    await english.close();
  });
});

describe("co-curators and deleting a bundle in the editor", () => {
  async function openBundle(title: string) {
    await signInExtension(browser, server, net.people.dewi);
    const panel = await openSidePanel(browser);
    await panel.getByRole("tab", { name: "Bundels" }).click();
    await panel.getByRole("button", { name: `Open bundel ‘${title}’` }).click();
    await panel.getByTestId("bundle-editor").waitFor();
    return panel;
  }

  it("lets a broker add a co-curator by searching, and remove them again", async () => {
    const panel = await openBundle(BUNDLE_TITLE);
    const curators = panel.getByTestId("curators");
    expect(await curators.getByTestId("curator-list").textContent()).toContain("Test dewi (jij)");
    expect(await curators.textContent()).toContain("Een bundel heeft minstens één curator.");
    await curators.getByLabel("Zoek een makelaar om toe te voegen").fill("fen");
    await curators.getByRole("button", { name: "Test fenna toevoegen als curator" }).click();
    await expect.poll(() => curators.getByTestId("curator-list").textContent()).toContain("Test fenna");
    const bundles = await server.api("GET", "/api/v1/bundles?curatedBy=me", { token: net.people.dewi.token });
    const bundle = bundles.body.bundles.find((b: any) => b.title === BUNDLE_TITLE);
    expect(bundle.curators.map((c: any) => c.name).sort()).toEqual(["Test dewi", "Test fenna"]);
    // The added broker can now change it too.
    const login = await server.api("POST", "/api/v1/auth/login", { body: { email: fenna.email, password: fenna.password } });
    const asFenna = await server.api("GET", `/api/v1/bundles/${bundle.id}`, { token: login.body.token });
    expect(asFenna.body.bundle.isCurator).toBe(true);
    // The owner stays: Dewi is offered no way to step down, only to hand the bundle over.
    expect(await curators.textContent()).toContain("maak dan eerst een andere curator eigenaar");
    expect(await curators.getByRole("button", { name: "Stoppen als curator" }).count()).toBe(0);
    expect(await curators.getByRole("button", { name: "Test fenna eigenaar maken" }).count()).toBe(1);

    await curators.getByRole("button", { name: "Test fenna als curator verwijderen" }).click();
    await expect.poll(() => curators.getByTestId("curator-list").textContent()).not.toContain("Test fenna");
    const after = await server.api("GET", `/api/v1/bundles/${bundle.id}`, { token: net.people.dewi.token });
    expect(after.body.bundle.curators.map((c: any) => c.name)).toEqual(["Test dewi"]);
    await panel.close();
  });

  it("deletes a bundle after a confirmation, and it is gone from the list and the API", async () => {
    const draft = (await ok("POST", "/api/v1/bundles", net.people.dewi.token, { title: "Weg ermee", about: "", use: "", themes: ["nt2"], audience: "network" })).bundle;
    const panel = await openBundle("Weg ermee");
    const section = panel.getByTestId("delete-bundle");
    await section.getByRole("button", { name: "Bundel verwijderen…" }).click();
    const confirm = section.getByTestId("delete-bundle-confirm");
    expect(await confirm.textContent()).toContain("‘Weg ermee’ verwijderen?");
    expect(await confirm.textContent()).toContain("kan niet ongedaan worden gemaakt");
    await confirm.getByRole("button", { name: "Ja, definitief verwijderen" }).click();
    await expect.poll(() => panel.getByTestId("bundles-notice").textContent()).toBe("Bundel ‘Weg ermee’ verwijderd.");
    await panel.getByTestId("bundle-list").waitFor();
    expect(await panel.getByTestId("bundle-list").textContent()).not.toContain("Weg ermee");
    expect(await panel.getByTestId("bundle-list").textContent()).toContain(BUNDLE_TITLE);
    expect((await server.api("GET", `/api/v1/bundles/${draft.id}`, { token: net.people.dewi.token })).status).toBe(404);
    await panel.close();
  });

  it("reflows the subscriptions tab at 200% zoom without sideways scrolling", async () => {
    await signInExtension(browser, server, net.people.bram);
    const panel = await openSidePanel(browser, { width: 200, height: 450 });
    await panel.getByRole("tab", { name: "Abonnementen" }).click();
    await school(panel).getByTestId("feed-atom").waitFor();
    await school(panel).getByTestId("webhooks-empty").waitFor();
    expect(await overflow(panel)).toBeLessThanOrEqual(0);
    await panel.close();
  });
});
