/**
 * "Toegepast? Werkte het?": when a follow-up falls due (the answer plus the asker's follow-up weeks) the
 * question shows it in Knooppunt, and the asking school hears it once through its webhooks
 * (question.followup with followupState "due") and its feed — never for a follow-up already recorded,
 * never again after a restart, and one that fell due while the server was stopped goes out at start.
 * The clock is moved, not waited for.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookJsonPayload } from "../../shared/schemas";
import { startReceiver, type Receiver, type ReceivedRequest } from "../support/receiver";
import { buildNetwork, reply, startTestServer, testClock, type Person, type TestServer } from "../support/server";
import { TeamsMessage } from "../support/teams-card";

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

const dir = mkdtempSync(join(tmpdir(), "knooppunt-reminders-"));
const clock = testClock();
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let receiver: Receiver;
/** Requests that arrived before the first reminder could fall due: created, answered and recorded events. */
let baseline = 0;
let answeredAt = "";
const q: Record<"q1" | "q2" | "q3" | "q4" | "q5", string> = { q1: "", q2: "", q3: "", q4: "", q5: "" };
const wording = {
  q1: "Hoe laten we nieuwkomers meelezen in groep 3?",
  q2: "Hoe betrekken we ouders van nieuwkomers?",
  q3: "Hoe begeleiden we nieuwkomers in de brugklas?",
  q4: "Hoe oefenen we woordenschat met nieuwkomers?",
  q5: "Alleen voor de leergemeenschap: meertalig rekenen?",
};

// Reminders are looked for every 100 ms of real time; what falls due is decided by the test clock alone.
const start = () => startTestServer({ dir, clock, jobs: { pollIntervalMs: 100, followupIntervalMs: 100 } });
const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });
/** Long enough for several reminder rounds and the webhook worker to have sent anything due. */
const quietPeriod = () => new Promise((r) => setTimeout(r, 1300));

/** Every question.followup request since the baseline, as [path, question id, state]; Teams cards by their button's address. */
function followupsReceived(): [string, string, string][] {
  return receiver.requests
    .slice(baseline)
    .map((r): [string, string, string] => {
      if (r.path === "/a-teams") {
        const card = TeamsMessage.parse(r.json).attachments[0]!.content;
        const url = new URL(card.actions[0]!.url);
        return [r.path, url.searchParams.get("question") ?? "", card.actions[0]!.title];
      }
      return [r.path, r.json.question.id, `${r.json.event}:${r.json.question.followupState}`];
    })
    .sort();
}
const label = (id: string) => Object.entries(q).find(([, v]) => v === id)?.[0] ?? id;
const named = (rows: [string, string, string][]) => rows.map(([path, id, state]) => [path, label(id), state]).sort((a, b) => a.join().localeCompare(b.join()));

async function register(schoolId: string, coordinator: Person, path: string, format: "json" | "teams") {
  const res = await reply(server.client(coordinator.token).api.v1.schools[":id"].webhooks.$post({ param: { id: schoolId }, json: { url: `${receiver.url}${path}`, format } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function ask(who: Person, key: keyof typeof q, body: Record<string, unknown>) {
  clock.advance(1000);
  const res = await api("POST", "/questions", who.token, { question: wording[key], themes: ["nieuwkomers"], visibility: "school", ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  q[key] = res.body.question.id;
}

const dueFor = async (who: Person) => {
  const res = await api("GET", "/questions?followup=due&limit=100", who.token);
  expect(res.status).toBe(200);
  return (res.body.questions as { id: string }[]).map((x) => label(x.id));
};

async function schoolFeed(schoolId: string, coordinator: Person) {
  const link = await reply(server.client(coordinator.token).api.v1.schools[":id"]["feed-url"].$get({ param: { id: schoolId } }));
  expect(link.status).toBe(200);
  const res = await fetch(link.body.json as string);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: string; title: string; url: string; content_text?: string; date_published: string }[] }).items;
}

beforeAll(async () => {
  server = await start();
  net = await buildNetwork(server);
  receiver = await startReceiver();
  const made = await server.api("PUT", `/api/v1/admin/schools/${net.schoolB.id}/members/${net.people.chris.id}`, { token: server.adminToken, body: { role: "coordinator" } });
  expect(made.status).toBe(200);
  await register(net.schoolA.id, net.people.bram, "/a-json", "json");
  await register(net.schoolA.id, net.people.bram, "/a-teams", "teams");
  await register(net.schoolB.id, net.people.chris, "/b-json", "json");

  await ask(net.people.anna, "q1", { followupWeeks: 2 });
  await ask(net.people.anna, "q2", { followupWeeks: 3, visibility: "network" });
  await ask(net.people.chris, "q3", { followupWeeks: 4 });
  await ask(net.people.anna, "q4", { followupWeeks: 2 });
  await ask(net.people.anna, "q5", { followupWeeks: 2, visibility: "community", communityId: net.community.id });
  const item = await api("POST", "/items", net.people.anna.token, { url: "https://www.voorbeeld.nl/herinnering", title: "Samen lezen met nieuwkomers", visibility: "network" });
  expect(item.status).toBe(201);
  clock.advance(MINUTE);
  answeredAt = clock.now().toISOString();
  const answered = await api("POST", `/questions/${q.q1}/answer`, net.people.dewi.token, { itemIds: [item.body.item.id], note: "Lees dit eerst.", questionIds: [q.q2, q.q3, q.q4, q.q5] });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  clock.advance(WEEK);
  expect((await api("POST", `/questions/${q.q4}/followup`, net.people.anna.token, { applied: true, worked: "yes" })).status).toBe(200);
  // created: q1, q2, q4 to both of school A's hooks, q3 to school B's; answered: the same; recorded: q4 to school A's.
  await receiver.waitFor(16);
  await quietPeriod();
  expect(receiver.requests.length).toBe(16);
  baseline = receiver.requests.length;
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("follow-up reminders", () => {
  it("asks nothing a minute before the follow-up falls due", async () => {
    clock.advance(WEEK - 2 * MINUTE);
    await quietPeriod();
    expect(followupsReceived()).toEqual([]);
    expect(await dueFor(net.people.anna)).toEqual([]);
    const one = (await api("GET", `/questions/${q.q1}`, net.people.anna.token)).body.question;
    expect([one.followupDueAt, one.followupDue, one.followupRemindedAt]).toEqual([new Date(Date.parse(answeredAt) + 2 * WEEK).toISOString(), false, null]);
  });

  it("reminds the asking school once when it falls due, as exact JSON and a Teams card, and shows it in Knooppunt and the school's feed", async () => {
    clock.advance(2 * MINUTE);
    const dueAt = clock.now().toISOString();
    await receiver.waitFor(baseline + 2);
    await quietPeriod();
    expect(named(followupsReceived())).toEqual([
      ["/a-json", "q1", "question.followup:due"],
      ["/a-teams", "q1", "Vertel hoe het ging"],
    ]);

    const json = receiver.requests.slice(baseline).find((r) => r.path === "/a-json") as ReceivedRequest;
    const questionUrl = `${server.url}/app?question=${q.q1}`;
    expect(json.headers["knooppunt-event"]).toBe("question.followup");
    expect(json.json).toEqual({
      event: "question.followup",
      deliveryId: json.headers["knooppunt-delivery"],
      occurredAt: dueAt,
      school: { id: net.schoolA.id, name: "De Regenboog" },
      question: {
        id: q.q1,
        question: wording.q1,
        context: "",
        themes: ["nieuwkomers"],
        sector: [],
        status: "answered",
        askedAt: expect.any(String),
        answer: { note: "Lees dit eerst.", bundle: null, items: [{ id: expect.any(String), title: "Samen lezen met nieuwkomers", url: "https://www.voorbeeld.nl/herinnering" }], answeredAt },
        followup: null,
        followupState: "due",
      },
      url: questionUrl,
    });
    expect(WebhookJsonPayload.parse(json.json)).toEqual(json.json);
    const card = TeamsMessage.parse(receiver.requests.slice(baseline).find((r) => r.path === "/a-teams")!.json).attachments[0]!.content;
    expect(card.body.map((b) => b.text)).toEqual([
      "De Regenboog kijkt terug op een leervraag",
      wording.q1,
      "**Toegepast? Werkte het?**",
      "Het antwoord kwam een paar weken geleden. Vertel in Knooppunt of het toegepast is en of het werkte — ook als het niet werkte, want daar leert het netwerk van.",
    ]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Vertel hoe het ging", url: questionUrl }]);

    // In Knooppunt: the asker's due list holds q1 and the community question q5 (no school channel hears
    // of that one); q4's follow-up was recorded before it fell due. School B has nothing due.
    expect(await dueFor(net.people.anna)).toEqual(["q5", "q1"]);
    expect(await dueFor(net.people.bram)).toEqual(["q1"]);
    expect(await dueFor(net.people.chris)).toEqual([]);
    const one = (await api("GET", `/questions/${q.q1}`, net.people.anna.token)).body.question;
    expect([one.followupDue, one.followupRemindedAt]).toEqual([true, dueAt]);
    const recorded = (await api("GET", `/questions/${q.q4}`, net.people.anna.token)).body.question;
    expect([recorded.followupDue, recorded.followupRemindedAt]).toEqual([false, null]);

    const feedA = await schoolFeed(net.schoolA.id, net.people.bram);
    expect(feedA.filter((i) => i.id.endsWith(":followup")).map((i) => ({ id: i.id, title: i.title, url: i.url, date_published: i.date_published }))).toEqual([
      { id: `urn:knooppunt:question:${q.q1}:followup`, title: `Toegepast? Werkte het? ${wording.q1}`, url: questionUrl, date_published: dueAt },
    ]);
    expect((await schoolFeed(net.schoolB.id, net.people.chris)).filter((i) => i.id.endsWith(":followup"))).toEqual([]);
  });

  it("reminds of the next question when it falls due, and of the first never again; a recorded follow-up leaves the feed", async () => {
    clock.advance(WEEK);
    await receiver.waitFor(baseline + 4);
    await quietPeriod();
    expect(named(followupsReceived())).toEqual([
      ["/a-json", "q1", "question.followup:due"],
      ["/a-json", "q2", "question.followup:due"],
      ["/a-teams", "q1", "Vertel hoe het ging"],
      ["/a-teams", "q2", "Vertel hoe het ging"],
    ]);

    clock.advance(MINUTE);
    expect((await api("POST", `/questions/${q.q1}/followup`, net.people.anna.token, { applied: true, worked: "no", note: "Te lastig." })).status).toBe(200);
    await receiver.waitFor(baseline + 6);
    await quietPeriod();
    expect(named(followupsReceived())).toEqual([
      ["/a-json", "q1", "question.followup:due"],
      ["/a-json", "q1", "question.followup:recorded"],
      ["/a-json", "q2", "question.followup:due"],
      ["/a-teams", "q1", "Open de vraag"],
      ["/a-teams", "q1", "Vertel hoe het ging"],
      ["/a-teams", "q2", "Vertel hoe het ging"],
    ]);
    expect(await dueFor(net.people.anna)).toEqual(["q5", "q2"]);
    const feedA = await schoolFeed(net.schoolA.id, net.people.bram);
    expect(feedA.filter((i) => i.id.endsWith(":followup")).map((i) => i.id)).toEqual([`urn:knooppunt:question:${q.q2}:followup`]);
  });

  it("after a restart sends what fell due while the server was stopped, and nothing it sent before", async () => {
    await server.stop();
    clock.advance(WEEK);
    const restartedAt = clock.now().toISOString();
    server = await start();
    await receiver.waitFor(baseline + 7);
    await quietPeriod();
    expect(named(followupsReceived())).toEqual([
      ["/a-json", "q1", "question.followup:due"],
      ["/a-json", "q1", "question.followup:recorded"],
      ["/a-json", "q2", "question.followup:due"],
      ["/a-teams", "q1", "Open de vraag"],
      ["/a-teams", "q1", "Vertel hoe het ging"],
      ["/a-teams", "q2", "Vertel hoe het ging"],
      ["/b-json", "q3", "question.followup:due"],
    ]);
    const b = receiver.requests.slice(baseline).find((r) => r.path === "/b-json")!;
    expect([b.json.school.id, b.json.occurredAt, b.json.url]).toEqual([net.schoolB.id, restartedAt, `${server.url}/app?question=${q.q3}`]);
    expect(b.body).not.toContain(q.q1);
    const three = (await api("GET", `/questions/${q.q3}`, net.people.chris.token)).body.question;
    expect([three.followupDue, three.followupRemindedAt]).toEqual([true, restartedAt]);
  });
});
