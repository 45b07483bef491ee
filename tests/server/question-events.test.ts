/**
 * A leervraag's events reach the webhooks of the school that asked, and no other school: question.created
 * when it is asked (not for drafts or community questions), question.answered with the answer bundle opened
 * by the school's offer key, question.followup when the asker looks back. JSON bodies exact, Teams cards valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookJsonPayload } from "../../shared/schemas";
import { startReceiver, type Receiver, type ReceivedRequest } from "../support/receiver";
import { buildNetwork, offerKey, reply, startTestServer, type Person, type TestServer } from "../support/server";
import { TeamsMessage } from "../support/teams-card";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let receiver: Receiver;
let urls = 0;

const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });
/** Long enough for the worker (polling every second) to have sent anything that was due. */
const quietPeriod = () => new Promise((r) => setTimeout(r, 1300));
const now = () => server.clock.now().toISOString();
const to = (path: string, from: number) => receiver.requests.slice(from).filter((r) => r.path === path);

async function register(schoolId: string, coordinator: Person, path: string, format: "json" | "teams", events?: string[]) {
  const res = await reply(server.client(coordinator.token).api.v1.schools[":id"].webhooks.$post({ param: { id: schoolId }, json: { url: `${receiver.url}${path}`, format, ...(events ? { events: events as never } : {}) } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function ask(who: Person, body: Record<string, unknown>) {
  server.clock.advance(1000);
  const res = await api("POST", "/questions", who.token, { themes: ["nieuwkomers"], sector: ["po"], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.question as { id: string; createdAt: string };
}

/** The requests that arrive at these paths once `count` have come in after `from`, and nothing more after a quiet period. */
async function arrived(from: number, count: number): Promise<ReceivedRequest[]> {
  await receiver.waitFor(from + count);
  await quietPeriod();
  return receiver.requests.slice(from);
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  receiver = await startReceiver();
  // Chris coordinates school B, so that school has webhooks of its own that must hear nothing of school A.
  const made = await server.api("PUT", `/api/v1/admin/schools/${net.schoolB.id}/members/${net.people.chris.id}`, { token: server.adminToken, body: { role: "coordinator" } });
  expect(made.status).toBe(200);
  await register(net.schoolA.id, net.people.bram, "/a-json", "json");
  await register(net.schoolA.id, net.people.bram, "/a-teams", "teams", ["question.created", "question.answered", "question.followup"]);
  await register(net.schoolB.id, net.people.chris, "/b-json", "json");
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

describe("question events", () => {
  let asked: { id: string; createdAt: string };

  it("question.created reaches the asking school once, as exact JSON and a valid Teams card, and another school nothing", async () => {
    const from = receiver.requests.length;
    asked = await ask(net.people.anna, { question: "Hoe begeleiden we nieuwkomers bij [lezen](https://x.nl)?", context: "We hebben een taalklas geprobeerd.", visibility: "school" });
    const got = await arrived(from, 2);
    expect(got.map((r) => r.path).sort()).toEqual(["/a-json", "/a-teams"]);

    const json = to("/a-json", from)[0]!;
    expect(json.headers["knooppunt-event"]).toBe("question.created");
    expect(json.json).toEqual({
      event: "question.created",
      deliveryId: json.headers["knooppunt-delivery"],
      occurredAt: asked.createdAt,
      school: { id: net.schoolA.id, name: "De Regenboog" },
      question: {
        id: asked.id,
        question: "Hoe begeleiden we nieuwkomers bij [lezen](https://x.nl)?",
        context: "We hebben een taalklas geprobeerd.",
        themes: ["nieuwkomers"],
        sector: ["po"],
        status: "open",
        askedAt: asked.createdAt,
        answer: null,
        followup: null,
      },
      url: `${server.url}/app?question=${asked.id}`,
    });
    expect(WebhookJsonPayload.parse(json.json)).toEqual(json.json);

    const card = TeamsMessage.parse(to("/a-teams", from)[0]!.json).attachments[0]!.content;
    expect(card.body.map((b) => b.text)).toEqual([
      "Nieuwe leervraag van De Regenboog",
      "Hoe begeleiden we nieuwkomers bij \\[lezen\\]\\(https://x.nl\\)?",
      "**Wat we al geprobeerd hebben:** We hebben een taalklas geprobeerd.",
    ]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open de vraag", url: `${server.url}/app?question=${asked.id}` }]);
  });

  it("a draft or a community question is not announced; a draft is announced once when it reaches the school", async () => {
    const from = receiver.requests.length;
    const draft = await ask(net.people.anna, { question: "Een concept", visibility: "private" });
    await ask(net.people.anna, { question: "Alleen voor de leergemeenschap", visibility: "community", communityId: net.community.id });
    server.clock.advance(1000);
    const widened = await api("PATCH", `/questions/${draft.id}`, net.people.anna.token, { visibility: "school" });
    expect(widened.status).toBe(200);
    const reworded = await api("PATCH", `/questions/${draft.id}`, net.people.anna.token, { visibility: "network" });
    expect(reworded.status).toBe(200);
    const got = await arrived(from, 2);
    expect(got.map((r) => [r.path, r.json.event ?? r.json.type, r.json.question?.question ?? null]).sort()).toEqual([
      ["/a-json", "question.created", "Een concept"],
      ["/a-teams", "message", null],
    ]);
  });

  it("question.answered goes to each asking school with its own question only, the bundle opened by its offer key", async () => {
    const other = await ask(net.people.chris, { question: "Hoe helpen we nieuwkomers in de brugklas?", visibility: "school", sector: ["vo"] });
    urls += 1;
    const item = await api("POST", "/items", net.people.anna.token, { url: `https://www.voorbeeld.nl/antwoord/${urls}`, title: "Lezen met nieuwkomers", visibility: "network" });
    const draft = await api("POST", "/bundles", net.people.dewi.token, { title: "Nieuwkomers en lezen", about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" });
    await api("PUT", `/bundles/${draft.body.bundle.id}/items`, net.people.dewi.token, { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] });
    const published = await api("POST", `/bundles/${draft.body.bundle.id}/publish`, net.people.dewi.token, {});
    expect(published.status).toBe(200);

    const from = receiver.requests.length;
    server.clock.advance(1000);
    const answered = await api("POST", `/questions/${asked.id}/answer`, net.people.dewi.token, {
      bundleId: draft.body.bundle.id,
      itemIds: [item.body.item.id],
      note: "Begin met de bundel.",
      questionIds: [other.id],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const offers = answered.body.offers as { id: string; schoolId: string }[];
    const offerOf = (schoolId: string) => offers.find((o) => o.schoolId === schoolId)!.id;
    // Each school's webhooks also get offer.created for the bundle the answer offers.
    const got = (await arrived(from, 5)).filter((r) => (r.json.event ?? "").startsWith("question.") || r.path === "/a-teams");
    expect(got.map((r) => r.path).sort()).toEqual(["/a-json", "/a-teams", "/b-json"]);

    const bundleUrl = (schoolId: string) => `${server.url}/b/${published.body.bundle.slug}?key=${encodeURIComponent(offerKey(server, offerOf(schoolId)))}`;
    const answerOf = (schoolId: string) => ({
      note: "Begin met de bundel.",
      bundle: { id: draft.body.bundle.id, title: "Nieuwkomers en lezen", url: bundleUrl(schoolId) },
      items: [{ id: item.body.item.id, title: "Lezen met nieuwkomers", url: `https://www.voorbeeld.nl/antwoord/${urls}` }],
      answeredAt: now(),
    });
    const a = got.find((r) => r.path === "/a-json")!;
    expect(a.json).toEqual({
      event: "question.answered",
      deliveryId: a.headers["knooppunt-delivery"],
      occurredAt: now(),
      school: { id: net.schoolA.id, name: "De Regenboog" },
      question: {
        id: asked.id,
        question: "Hoe begeleiden we nieuwkomers bij [lezen](https://x.nl)?",
        context: "We hebben een taalklas geprobeerd.",
        themes: ["nieuwkomers"],
        sector: ["po"],
        status: "answered",
        askedAt: asked.createdAt,
        answer: answerOf(net.schoolA.id),
        followup: null,
      },
      url: bundleUrl(net.schoolA.id),
    });
    const b = got.find((r) => r.path === "/b-json")!;
    expect(b.json.school).toEqual({ id: net.schoolB.id, name: "Het Stedelijk College" });
    expect(b.json.question.id).toBe(other.id);
    expect(b.json.question.answer).toEqual(answerOf(net.schoolB.id));
    expect(b.body).not.toContain(asked.id);
    expect(b.body).not.toContain("taalklas");
    expect(a.body).not.toContain(other.id);

    const card = TeamsMessage.parse(got.find((r) => r.path === "/a-teams")!.json).attachments[0]!.content;
    expect(card.body.map((x) => x.text)).toEqual([
      "Antwoord op een leervraag van De Regenboog",
      "Hoe begeleiden we nieuwkomers bij \\[lezen\\]\\(https://x.nl\\)?",
      "**Wat we al geprobeerd hebben:** We hebben een taalklas geprobeerd.",
      "Antwoord van de makelaar: Begin met de bundel.",
      // A card's markdown link target has `_` (which an offer key may hold) percent-encoded: the same URL.
      `- [Nieuwkomers en lezen](${bundleUrl(net.schoolA.id).replaceAll("_", "%5F")})\n- [Lezen met nieuwkomers](https://www.voorbeeld.nl/antwoord/${urls})`,
    ]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open de bundel", url: bundleUrl(net.schoolA.id) }]);
  });

  it("question.followup tells the asking school whether it was applied and worked", async () => {
    const from = receiver.requests.length;
    server.clock.advance(1000);
    const res = await api("POST", `/questions/${asked.id}/followup`, net.people.anna.token, { applied: true, worked: "no", note: "Te moeilijk voor groep 3." });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const got = await arrived(from, 2);
    expect(got.map((r) => r.path).sort()).toEqual(["/a-json", "/a-teams"]);
    const json = got.find((r) => r.path === "/a-json")!;
    expect(json.json.event).toBe("question.followup");
    expect(json.json.question.followup).toEqual({ applied: true, worked: "no", note: "Te moeilijk voor groep 3.", recordedAt: now() });
    expect(json.json.question.followupState).toBe("recorded");
    expect(json.json.url).toBe(`${server.url}/app?question=${asked.id}`);
    const card = TeamsMessage.parse(got.find((r) => r.path === "/a-teams")!.json).attachments[0]!.content;
    expect(card.body.slice(3).map((x) => x.text)).toEqual(["Toegepast: ja\n\nWerkte het? nee", "Te moeilijk voor groep 3."]);
    expect(card.actions.map((action) => action.title)).toEqual(["Open de vraag"]);
  });
});
