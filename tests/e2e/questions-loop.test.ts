/**
 * Leervragen in the web app, the whole loop in Chromium with one browser and a context per person: a
 * teacher asks and is shown what the library already holds, a broker takes the question, asks back in the
 * thread and answers with a published bundle, the school's coordinator finds that bundle offered in the
 * school's inbox, the teacher says it was applied and worked, and the broker's network overview counts
 * all of it. Each screen is checked with axe-core under the app's own CSP.
 */
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";
import { openTestWebSession, signInBrowserContext } from "../support/web-session";
import { axeViolations } from "../support/axe";

const BUNDLE = "Nieuwkomers leren lezen met prentenboeken";
const QUESTION = "Hoe helpen we nieuwkomers in groep 3 sneller technisch lezen?";
const SHARPENED = "Hoe leren nieuwkomers in groep 3 sneller technisch lezen met prentenboeken?";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let browser: Browser;

const api = async (method: string, path: string, who: Person, body?: unknown) => {
  const res = await server.api(method, `/api/v1${path}`, { token: who.token, body });
  if (res.status >= 300) throw new Error(`${method} ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  // The browser's own clock and the server's agree: the overview counts questions asked "today".
  server = await startTestServer({ now: () => new Date() });
  net = await buildNetwork(server);
  const item = await api("POST", "/items", net.people.anna, { url: "https://kennis.example.nl/prentenboeken", title: "Prentenboeken voor nieuwkomers", themes: ["nieuwkomers"], visibility: "network" });
  const draft = await api("POST", "/bundles", net.people.dewi, { title: BUNDLE, about: "Hoe nieuwkomers met prentenboeken leren lezen.", themes: ["nieuwkomers"], audience: "network" });
  await api("PUT", `/bundles/${draft.bundle.id}/items`, net.people.dewi, { version: 1, items: [{ itemId: item.item.id, note: "Begin hier" }] });
  await api("POST", `/bundles/${draft.bundle.id}/publish`, net.people.dewi, {});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser context signed in as one person, on the questions tab's own address. */
async function openQuestions(person: Person, path = "/app/questions") {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: "nl-NL", reducedMotion: "reduce" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await signInBrowserContext(context, server, openTestWebSession(server, person.id));
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

const stats = async (page: Page) =>
  Object.fromEntries(
    await Promise.all(
      ["asked", "answered", "within30", "median", "fromExisting", "followups", "workedYes", "workedNo", "untested"].map(async (id) => [id, await page.getByTestId(`stat-${id}`).textContent()] as const),
    ),
  );

describe("a leervraag from asking to whether it worked", () => {
  it("goes from the teacher's question through the broker's answer to the school's inbox, the follow-up and the network overview", { timeout: 90_000 }, async () => {
    const violations: Record<string, string[]> = {};

    // The broker's overview before: nothing asked yet.
    const broker = await openQuestions(net.people.dewi);
    expect(await broker.page.getByRole("tab", { name: "Vragen" }).getAttribute("aria-selected")).toBe("true");
    await broker.page.getByLabel("Welke vragen?").selectOption({ label: "Overzicht" });
    await broker.page.getByTestId("stat-asked").waitFor();
    expect(await stats(broker.page)).toEqual({ asked: "0", answered: "0", within30: "0", median: "—", fromExisting: "0", followups: "0", workedYes: "0", workedNo: "0", untested: "0" });
    violations["broker: overview"] = await axeViolations(broker.page);

    // The teacher asks; while typing, the library's bundle is offered as a possible answer.
    const teacher = await openQuestions(net.people.anna);
    await teacher.page.getByRole("button", { name: "Stel een vraag" }).click();
    await teacher.page.getByLabel("Je vraag", { exact: true }).fill(QUESTION);
    const suggestion = teacher.page.getByTestId("suggestion").filter({ hasText: BUNDLE });
    await suggestion.waitFor();
    expect(await suggestion.getAttribute("data-kind")).toBe("bundle");
    expect(await suggestion.getByRole("button").textContent()).toBe("Dit beantwoordt mijn vraag");
    await teacher.page.getByLabel("Wat hebben we al geprobeerd?").fill("Een taalklas van twee uur per week.");
    await teacher.page.getByRole("combobox", { name: "Thema's" }).fill("Nieuwkomers");
    await teacher.page.getByRole("option", { name: /Nieuwkomers/ }).first().click();
    expect(await teacher.page.getByLabel("Wie ziet je vraag?").inputValue()).toBe("school");
    violations["teacher: ask form"] = await axeViolations(teacher.page);
    await teacher.page.getByRole("button", { name: "Vraag stellen" }).click();
    const asked = teacher.page.getByTestId("question-detail");
    await asked.waitFor();
    expect(await asked.getByRole("heading", { level: 2 }).textContent()).toBe(QUESTION);
    expect(await asked.getByTestId("question-state").textContent()).toBe("Open");
    await expect.poll(() => teacher.page.getByTestId("announcer").textContent()).toBe("Je vraag is gesteld.");

    // The broker finds it among the open questions of De Regenboog, takes it and asks back.
    await broker.page.getByLabel("Welke vragen?").selectOption({ label: "Open vragen (makelaar)" });
    await broker.page.getByLabel("School", { exact: true }).selectOption({ label: "De Regenboog" });
    const card = broker.page.getByTestId("question-card").filter({ hasText: QUESTION });
    await card.waitFor();
    // Polled: the list may still be between the answers for the two filters just chosen.
    await expect.poll(() => broker.page.getByTestId("question-card").count()).toBe(1);
    await card.getByRole("button", { name: QUESTION }).click();
    const detail = broker.page.getByTestId("question-detail");
    await detail.getByRole("button", { name: "Oppakken" }).click();
    await expect.poll(() => detail.getByTestId("question-brokers").textContent()).toBe("Makelaars: Test dewi (eigenaar)");
    expect(await detail.getByTestId("question-state").textContent()).toBe("In behandeling");
    await detail.getByLabel("Reageer").fill("Gaat het om technisch of begrijpend lezen?");
    await detail.getByRole("button", { name: "Reactie plaatsen" }).click();
    await expect.poll(() => detail.getByTestId("question-comment").allTextContents()).toEqual([expect.stringContaining("Gaat het om technisch of begrijpend lezen?")]);
    expect(await detail.getByTestId("kennisrotonde").getAttribute("href")).toBe(
      `https://www.nro.nl/kennisrotonde/stel-je-vraag?vraag=${new URLSearchParams({ v: `${QUESTION}\n\nWat we al geprobeerd hebben: Een taalklas van twee uur per week.` }).toString().slice(2)}`,
    );

    // Asker and broker sharpen the question; the first wording is kept.
    await detail.getByRole("button", { name: "Formulering aanscherpen" }).click();
    await detail.getByTestId("sharpen-form").getByLabel("Je vraag", { exact: true }).fill(SHARPENED);
    await detail.getByRole("button", { name: "Formulering bewaren" }).click();
    await expect.poll(() => detail.getByRole("heading", { level: 2 }).textContent()).toBe(SHARPENED);
    expect(await detail.locator("details summary").textContent()).toBe("Eerdere formuleringen (1)");

    // …and answers with the published bundle.
    await detail.getByRole("button", { name: "Beantwoorden" }).click();
    const form = detail.getByTestId("answer-form");
    await form.getByLabel("Met een van je gepubliceerde bundels").selectOption({ label: BUNDLE });
    await form.getByLabel("Korte toelichting").fill("Begin met de prentenboeken in de kring.");
    violations["broker: answer form"] = await axeViolations(broker.page);
    await form.getByRole("button", { name: "Antwoord versturen" }).click();
    await expect.poll(() => broker.page.getByTestId("question-detail").getAttribute("data-status")).toBe("answered");
    await expect.poll(() => broker.page.getByTestId("announcer").textContent()).toBe("Beantwoord; 1 school kreeg de bundel in de inbox.");
    expect(await broker.page.getByTestId("question-answer").getByRole("link").textContent()).toBe(`${BUNDLE} (opent in een nieuw tabblad)`);

    // The school's coordinator finds the bundle offered in the school's inbox.
    const coordinator = await openQuestions(net.people.bram, "/app?tab=inbox");
    const offer = coordinator.page.getByTestId("offer").filter({ hasText: BUNDLE });
    await offer.waitFor();
    expect(await offer.getAttribute("data-status")).toBe("offered");
    expect(await offer.locator(".offer-message").textContent()).toContain("Begin met de prentenboeken in de kring.");

    // The teacher reads the thread and the answer, and says it was applied and worked.
    await teacher.page.reload();
    await teacher.page.getByTestId("question-card").getByRole("button", { name: SHARPENED }).click();
    const mine = teacher.page.getByTestId("question-detail");
    await mine.getByTestId("followup-form").waitFor();
    expect(await mine.getByTestId("question-state").textContent()).toBe("Beantwoord");
    expect(await mine.getByTestId("question-comment").count()).toBe(1);
    expect(await mine.locator("details summary").textContent()).toBe("Eerdere formuleringen (1)");
    violations["teacher: answered question"] = await axeViolations(teacher.page);
    const followup = mine.getByTestId("followup-form");
    await followup.getByRole("radio", { name: "Ja" }).check();
    await followup.getByRole("radio", { name: "Het werkte", exact: true }).check();
    await followup.getByLabel(/Wat hebben jullie geleerd/).fill("Vooral de herhaling hielp.");
    await followup.getByRole("button", { name: "Terugkoppeling versturen" }).click();
    await expect.poll(() => mine.getByTestId("question-followup").textContent()).toBe("Terugkoppeling: toegepast, het werkte.Vooral de herhaling hielp.");

    // The overview counts the question, its quick answer from an existing bundle and that it worked.
    await broker.page.getByRole("button", { name: /Terug naar de lijst/ }).click();
    await broker.page.getByLabel("Welke vragen?").selectOption({ label: "Overzicht" });
    await expect.poll(() => broker.page.getByTestId("stat-asked").textContent()).toBe("1");
    expect(await stats(broker.page)).toEqual({ asked: "1", answered: "1", within30: "1", median: "0", fromExisting: "1", followups: "1", workedYes: "1", workedNo: "0", untested: "0" });

    expect(violations).toEqual({ "broker: overview": [], "teacher: ask form": [], "broker: answer form": [], "teacher: answered question": [] });
    expect([...broker.problems, ...teacher.problems, ...coordinator.problems]).toEqual([]);
  });

  it("lets a teacher close a question with a bundle the library already held, before anyone had to answer it", { timeout: 60_000 }, async () => {
    const teacher = await openQuestions(net.people.chris);
    await teacher.page.getByRole("button", { name: "Stel een vraag" }).click();
    await teacher.page.getByLabel("Je vraag", { exact: true }).fill("Welke prentenboeken werken voor nieuwkomers?");
    const suggestion = teacher.page.getByTestId("suggestion").filter({ hasText: BUNDLE });
    await suggestion.getByRole("button", { name: "Dit beantwoordt mijn vraag" }).click();
    const card = teacher.page.getByTestId("question-card").filter({ hasText: "Welke prentenboeken werken voor nieuwkomers?" });
    await card.waitFor();
    expect(await card.getByTestId("question-state").textContent()).toBe("Gesloten");
    await expect.poll(() => teacher.page.getByTestId("announcer").textContent()).toBe(`Je vraag is gesloten met ‘${BUNDLE}’.`);
    expect(teacher.problems).toEqual([]);
  });
});
