import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
/** A second broker, to take turns with Dewi. */
let femke: Person;
let urls = 0;

const DAY = 24 * 60 * 60 * 1000;
const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const email = "femke@test.knooppunt.nl";
  const password = "wachtwoord-femke-2026";
  const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test femke", email, password, roles: ["broker"] } });
  const login = await server.api("POST", "/api/v1/auth/login", { body: { email, password } });
  femke = { id: created.body.user.id, email, password, token: login.body.token };
});
afterAll(() => server.stop());

async function ask(who: Person, body: Record<string, unknown>) {
  const res = await api("POST", "/questions", who.token, { themes: ["nieuwkomers"], ...body });
  expect(res.status).toBe(201);
  return res.body.question as { id: string; [key: string]: unknown };
}

/** A published network bundle by Dewi with one item, and that item's id. */
async function publishedBundle(title: string) {
  urls += 1;
  const item = await api("POST", "/items", net.people.anna.token, { url: `https://www.voorbeeld.nl/vraag/${urls}`, title: `Bron ${urls}`, visibility: "network" });
  const draft = await api("POST", "/bundles", net.people.dewi.token, { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" });
  await api("PUT", `/bundles/${draft.body.bundle.id}/items`, net.people.dewi.token, { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] });
  const published = await api("POST", `/bundles/${draft.body.bundle.id}/publish`, net.people.dewi.token, {});
  expect(published.status).toBe(200);
  return { bundleId: draft.body.bundle.id as string, itemId: item.body.item.id as string };
}

describe("asking a question", () => {
  it("stores the question in the asker's school with its first wording, the default six weeks follow-up, and no answer", async () => {
    const res = await api("POST", "/questions", net.people.anna.token, {
      question: "Hoe begeleiden we nieuwkomers in groep 3 bij het lezen?",
      context: "We hebben een taalklas geprobeerd.",
      themes: ["nieuwkomers"],
      sector: ["po"],
      visibility: "school",
    });
    expect(res.status).toBe(201);
    expect(res.body.question).toEqual({
      id: expect.any(String),
      question: "Hoe begeleiden we nieuwkomers in groep 3 bij het lezen?",
      context: "We hebben een taalklas geprobeerd.",
      themes: ["nieuwkomers"],
      sector: ["po"],
      visibility: "school",
      school: { id: net.schoolA.id, name: "De Regenboog" },
      communityId: null,
      status: "open",
      askedBy: { id: net.people.anna.id, name: "Test anna" },
      askedByMe: true,
      brokers: [],
      answer: null,
      followupWeeks: 6,
      followupDueAt: null,
      followup: null,
      followupDue: false,
      followupRemindedAt: null,
      closedWith: null,
      commentCount: 0,
      kennisrotondeUrl:
        "https://www.nro.nl/kennisrotonde/stel-je-vraag?vraag=Hoe+begeleiden+we+nieuwkomers+in+groep+3+bij+het+lezen%3F%0A%0AWat+we+al+geprobeerd+hebben%3A+We+hebben+een+taalklas+geprobeerd.",
      createdAt: server.clock.now().toISOString(),
      updatedAt: server.clock.now().toISOString(),
      answeredAt: null,
      comments: [],
      wordings: [
        { question: "Hoe begeleiden we nieuwkomers in groep 3 bij het lezen?", context: "We hebben een taalklas geprobeerd.", changedBy: { id: net.people.anna.id, name: "Test anna" }, at: server.clock.now().toISOString() },
      ],
    });
  });

  it("warns, without refusing, where the question or its context looks like a pupil's personal data, and not otherwise", async () => {
    const res = await api("POST", "/questions", net.people.anna.token, {
      question: "Hoe helpen we een leerling met NT2?",
      context: "Leerlingnummer 123456 zit sinds kort bij ons.",
      themes: ["nt2"],
      visibility: "school",
    });
    expect([res.status, res.body.warnings]).toEqual([201, [{ field: "context", kind: "studentNumber", start: 15, end: 21 }]]);
    const cleaned = await api("PATCH", `/questions/${res.body.question.id}`, net.people.anna.token, { context: "Een nieuwkomer zit sinds kort bij ons." });
    expect([cleaned.status, "warnings" in cleaned.body]).toEqual([200, false]);
  });

  it("refuses a public question, an unknown theme, a school the asker is not in, and a malformed body, with the contract's error shape", async () => {
    const base = { question: "Wat werkt bij zachte landing?", themes: ["nieuwkomers"], visibility: "school" };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, visibility: "public" }, 400, "invalid_request"],
      [{ ...base, themes: ["bestaat-niet"] }, 400, "unknown_theme"],
      [{ ...base, schoolId: net.schoolB.id }, 403, "not_a_member"],
      [{ ...base, question: 42 }, 400, "invalid_request"],
      [{ ...base, visibility: "community" }, 400, "community_required"],
    ];
    for (const [body, status, code] of cases) {
      const res = await api("POST", "/questions", net.people.anna.token, body);
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    expect((await server.api("POST", "/api/v1/questions", { body: base })).status).toBe(401);
    expect((await api("GET", "/questions/nope", net.people.anna.token)).body.error.code).toBe("not_found");
  });
});

describe("who sees a question", () => {
  it("follows the circles: a draft only the asker, a school question its members and the brokers, a community question its members and the brokers, a network question everyone signed in; the brokers' question feed the same", async () => {
    const draft = await ask(net.people.anna, { question: "Concept: hoe betrekken we ouders?", visibility: "private" });
    const school = await ask(net.people.anna, { question: "Schoolvraag: hoe doen we intake?", visibility: "school" });
    const community = await ask(net.people.anna, { question: "PLG-vraag: welke thuistalen?", visibility: "community", communityId: net.community.id });
    const network = await ask(net.people.chris, { question: "Netwerkvraag: wat is warme overdracht?", visibility: "network" });
    const mine = [draft.id, school.id, community.id, network.id];
    const people = { anna: net.people.anna, bram: net.people.bram, chris: net.people.chris, dewi: net.people.dewi, eva: net.people.eva, femke };
    const expected: Record<keyof typeof people, string[]> = {
      anna: [draft.id, school.id, community.id, network.id],
      bram: [school.id, network.id],
      chris: [network.id],
      dewi: [school.id, community.id, network.id],
      eva: [network.id],
      femke: [school.id, community.id, network.id],
    };
    for (const [name, who] of Object.entries(people) as [keyof typeof people, Person][]) {
      const listed = (await api("GET", "/questions?limit=100", who.token)).body.questions.map((q: { id: string }) => q.id).filter((id: string) => mine.includes(id));
      const byId: string[] = [];
      const commentable: string[] = [];
      for (const id of mine) {
        if ((await api("GET", `/questions/${id}`, who.token)).status === 200) byId.push(id);
        const comment = await api("POST", `/questions/${id}/comments`, who.token, { body: `Reactie van ${name}` });
        if (comment.status === 201) commentable.push(id);
        else expect([name, comment.status, comment.body.error.code]).toEqual([name, 404, "not_found"]);
      }
      // The broker's private feed of new questions in the theme: exactly what the broker reads, for no one else.
      const feedUrl = await api("GET", "/questions/feed-url?theme=nieuwkomers", who.token);
      let feed: string[] | string = feedUrl.status === 200 ? [] : `${feedUrl.status} ${feedUrl.body.error.code}`;
      if (feedUrl.status === 200) {
        const read = await fetch(`${feedUrl.body.json}&limit=200`);
        feed = ((await read.json()) as { items: { id: string }[] }).items.map((i) => i.id.replace("urn:knooppunt:question:", "")).filter((id) => mine.includes(id)).sort();
      }
      const brokers = ["dewi", "femke"];
      expect({ name, listed: [...listed].sort(), byId: byId.sort(), commentable: commentable.sort(), feed }).toEqual({
        name,
        listed: [...expected[name]].sort(),
        byId: [...expected[name]].sort(),
        commentable: [...expected[name]].sort(),
        feed: brokers.includes(name) ? [...expected[name]].sort() : "403 broker_only",
      });
    }
  });

  it("filters the list by theme with its sub-themes, by state and by the caller's own questions", async () => {
    const reading = await ask(net.people.bram, { question: "Hoe oefenen we begrijpend lezen?", themes: ["leesonderwijs-en-begrijpend-lezen"], visibility: "school" });
    server.clock.advance(1000);
    const nt2 = await ask(net.people.bram, { question: "Welke NT2-methode voor groep 5?", themes: ["zachte-landing"], visibility: "school" });
    const ids = async (query: string) =>
      (await api("GET", `/questions?limit=100&${query}`, net.people.bram.token)).body.questions.map((q: { id: string }) => q.id).filter((id: string) => id === reading.id || id === nt2.id);
    expect(await ids("theme=nt2")).toEqual([nt2.id]);
    expect(await ids("theme=leesonderwijs-en-begrijpend-lezen")).toEqual([reading.id]);
    expect(await ids("mine=asked")).toEqual([nt2.id, reading.id]);
    expect(await ids("status=answered")).toEqual([]);
    expect((await api("GET", "/questions?theme=bestaat-niet", net.people.bram.token)).body.error.code).toBe("unknown_theme");
    expect((await api("GET", "/questions?cursor=rommel", net.people.bram.token)).body.error.code).toBe("invalid_cursor");
  });
});

describe("articulating a question", () => {
  it("lets one broker own it and others join, keeps every wording, and lets only the asker change the circle", async () => {
    const q = await ask(net.people.anna, { question: "Hoe starten we met taalbewust lesgeven?", visibility: "school" });
    const claim = (who: Person, mode?: "own" | "join") => api("POST", `/questions/${q.id}/claim`, who.token, mode ? { mode } : {});
    expect((await claim(net.people.bram)).body.error.code).toBe("broker_only");
    expect((await claim(net.people.chris)).status).toBe(404);
    const owned = await claim(net.people.dewi);
    expect([owned.status, owned.body.question.status, owned.body.question.brokers]).toEqual([200, "claimed", [{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }]]);
    const taken = await claim(femke, "own");
    expect([taken.status, taken.body.error.code, taken.body.error.ownerId]).toEqual([409, "already_claimed", net.people.dewi.id]);
    const joined = await claim(femke, "join");
    expect(joined.body.question.brokers.map((b: { id: string; role: string }) => [b.id, b.role])).toEqual([
      [net.people.dewi.id, "owner"],
      [femke.id, "joined"],
    ]);

    server.clock.advance(60_000);
    const sharpened = await api("PATCH", `/questions/${q.id}`, net.people.dewi.token, { question: "Hoe starten we in groep 1-2 met taalbewust lesgeven?" });
    expect(sharpened.status).toBe(200);
    expect(sharpened.body.question.wordings.map((w: { question: string; changedBy: { id: string } }) => [w.question, w.changedBy.id])).toEqual([
      ["Hoe starten we met taalbewust lesgeven?", net.people.anna.id],
      ["Hoe starten we in groep 1-2 met taalbewust lesgeven?", net.people.dewi.id],
    ]);
    expect((await api("PATCH", `/questions/${q.id}`, net.people.dewi.token, { visibility: "network" })).body.error.code).toBe("not_the_asker");
    expect((await api("PATCH", `/questions/${q.id}`, net.people.bram.token, { question: "Anders gezegd?" })).body.error.code).toBe("not_the_asker");
    expect((await api("PATCH", `/questions/${q.id}`, net.people.chris.token, { question: "Anders gezegd?" })).status).toBe(404);
    const widened = await api("PATCH", `/questions/${q.id}`, net.people.anna.token, { visibility: "network" });
    expect([widened.body.question.visibility, widened.body.question.wordings.length]).toEqual(["network", 2]);

    const comment = await api("POST", `/questions/${q.id}/comments`, net.people.anna.token, { body: "Vooral de kleuters." });
    expect(comment.body.comment).toEqual({ id: expect.any(String), author: { id: net.people.anna.id, name: "Test anna" }, body: "Vooral de kleuters.", createdAt: server.clock.now().toISOString() });
    expect((await api("POST", `/questions/${q.id}/comments`, net.people.anna.token, { body: "  " })).body.error.code).toBe("invalid_request");
    const detail = await api("GET", `/questions/${q.id}`, net.people.chris.token);
    expect([detail.body.question.commentCount, detail.body.question.comments.map((c: { body: string }) => c.body)]).toEqual([1, ["Vooral de kleuters."]]);
  });

  it("lets the asker close a question with a bundle the library already held", async () => {
    const { bundleId } = await publishedBundle("Al beantwoord");
    const q = await ask(net.people.anna, { question: "Wat is een zachte landing?", visibility: "school" });
    const closed = await api("PATCH", `/questions/${q.id}`, net.people.anna.token, { closedWith: { bundleId } });
    expect([closed.body.question.status, closed.body.question.closedWith]).toEqual(["closed", { bundleId }]);
    expect((await api("POST", `/questions/${q.id}/claim`, net.people.dewi.token, {})).body.error.code).toBe("question_closed");
    const other = await ask(net.people.anna, { question: "Nog een vraag?", visibility: "school" });
    expect((await api("PATCH", `/questions/${other.id}`, net.people.anna.token, { closedWith: { itemId: "bestaat-niet" } })).body.error.code).toBe("unknown_item");
  });
});

describe("answering and following up", () => {
  it("answers two schools' similar questions with one bundle, offers it to both schools' inboxes, and records the follow-up", async () => {
    const { bundleId, itemId } = await publishedBundle("Warme overdracht");
    server.clock.advance(60_000);
    const a = await ask(net.people.anna, { question: "Hoe regelen we een warme overdracht?", visibility: "school" });
    const b = await ask(net.people.chris, { question: "Warme overdracht van po naar vo?", visibility: "school" });
    expect((await api("POST", `/questions/${a.id}/followup`, net.people.anna.token, { applied: true, worked: "yes" })).body.error.code).toBe("not_answered");
    expect((await api("POST", `/questions/${a.id}/answer`, femke.token, { bundleId, note: "Kijk hier" })).body.error.code).toBe("not_a_curator");
    expect((await api("POST", `/questions/${a.id}/answer`, net.people.dewi.token, { note: "Niets" })).body.error.code).toBe("invalid_request");
    expect((await api("POST", `/questions/${a.id}/answer`, net.people.dewi.token, { itemIds: ["bestaat-niet"] })).body.error.code).toBe("unknown_items");

    server.clock.advance(2 * DAY);
    const answered = await api("POST", `/questions/${a.id}/answer`, net.people.dewi.token, { bundleId, itemIds: [itemId], note: "Begin bij hoofdstuk 2", questionIds: [b.id] });
    expect(answered.status).toBe(200);
    expect(answered.body.questions.map((q: { id: string; status: string }) => [q.id, q.status])).toEqual([
      [a.id, "answered"],
      [b.id, "answered"],
    ]);
    expect(answered.body.questions[0].answer).toEqual({
      id: expect.any(String),
      bundle: { id: bundleId, title: "Warme overdracht", url: expect.stringMatching(/\/b\/warme-overdracht-[a-z0-9]+$/) },
      itemIds: [itemId],
      note: "Begin bij hoofdstuk 2",
      fromExistingBundle: true,
      answeredBy: { id: net.people.dewi.id, name: "Test dewi" },
      answeredAt: server.clock.now().toISOString(),
    });
    expect(answered.body.questions[0].followupDueAt).toBe(new Date(server.clock.now().getTime() + 42 * DAY).toISOString());
    expect(answered.body.offers.map((o: { schoolId: string; status: string; existing: boolean }) => [o.schoolId, o.status, o.existing]).sort()).toEqual(
      [
        [net.schoolA.id, "offered", false],
        [net.schoolB.id, "offered", false],
      ].sort(),
    );
    const inboxA = await api("GET", `/schools/${net.schoolA.id}/offers`, net.people.bram.token);
    expect(inboxA.body.offers.filter((o: { bundle: { id: string } }) => o.bundle.id === bundleId).map((o: { message: string; status: string }) => [o.message, o.status])).toEqual([["Begin bij hoofdstuk 2", "offered"]]);
    expect((await api("POST", `/questions/${a.id}/answer`, net.people.dewi.token, { bundleId })).body.error.code).toBe("already_answered");

    expect((await api("POST", `/questions/${a.id}/followup`, net.people.chris.token, { applied: true, worked: "yes" })).status).toBe(404);
    expect((await api("POST", `/questions/${a.id}/followup`, net.people.dewi.token, { applied: true, worked: "yes" })).body.error.code).toBe("not_the_asker");
    const followup = await api("POST", `/questions/${a.id}/followup`, net.people.anna.token, { applied: true, worked: "no", note: "Te veel papier" });
    expect(followup.body.question.followup).toEqual({ applied: true, worked: "no", note: "Te veel papier", recordedAt: server.clock.now().toISOString() });
    // The school's coordinator answers for the school when the asker cannot.
    const byCoordinator = await api("POST", `/questions/${a.id}/followup`, net.people.bram.token, { applied: true, worked: "yes" });
    expect(byCoordinator.body.question.followup.worked).toBe("yes");
  });
});

describe("the answer bundle beside a question", () => {
  it("shows everyone the published title, in the question and the list, after the curator edits the working copy", async () => {
    const { bundleId } = await publishedBundle("Gepubliceerde titel");
    const q = await ask(net.people.anna, { question: "Hoe starten we een leesclub voor nieuwkomers?", visibility: "network" });
    expect((await api("POST", `/questions/${q.id}/answer`, net.people.dewi.token, { bundleId, note: "Zie de bundel" })).status).toBe(200);
    const { version } = (await api("GET", `/bundles/${bundleId}`, net.people.dewi.token)).body.bundle;
    const edited = await api("PATCH", `/bundles/${bundleId}`, net.people.dewi.token, { title: "Nog niet gepubliceerde titel", version });
    expect([edited.status, edited.body.bundle.title]).toEqual([200, "Nog niet gepubliceerde titel"]);

    const titles = async (who: Person) => {
      const one = (await api("GET", `/questions/${q.id}`, who.token)).body.question.answer.bundle.title;
      const listed = (await api("GET", "/questions?status=answered&limit=100", who.token)).body.questions.find((x: { id: string }) => x.id === q.id).answer.bundle.title;
      return [one, listed];
    };
    expect(await titles(net.people.anna)).toEqual(["Gepubliceerde titel", "Gepubliceerde titel"]);
    expect(await titles(net.people.chris)).toEqual(["Gepubliceerde titel", "Gepubliceerde titel"]);
    expect(await titles(femke)).toEqual(["Gepubliceerde titel", "Gepubliceerde titel"]);
    // The curator, too, sees beside the question what the others see.
    expect(await titles(net.people.dewi)).toEqual(["Gepubliceerde titel", "Gepubliceerde titel"]);
  });
});

describe("the network overview", () => {
  it("counts asked, answered within 30 days, the median days to the answer, existing bundles, follow-ups and what worked for the period", async () => {
    const { bundleId, itemId } = await publishedBundle("Bestaande bundel");
    server.clock.advance(400 * DAY);
    const from = server.clock.now().toISOString();
    const q1 = await ask(net.people.anna, { question: "Vraag een", visibility: "school" });
    server.clock.advance(DAY);
    const q2 = await ask(net.people.chris, { question: "Vraag twee", visibility: "school" });
    const q3 = await ask(net.people.chris, { question: "Vraag drie", visibility: "network" });
    server.clock.advance(DAY);
    await ask(net.people.anna, { question: "Vraag vier, open", visibility: "community", communityId: net.community.id });
    await ask(net.people.anna, { question: "Concept telt niet", visibility: "private" });
    // q1 after 2 days and q3 after 1 day, from the bundle published before they were asked.
    expect((await api("POST", `/questions/${q1.id}/answer`, net.people.dewi.token, { bundleId, questionIds: [q3.id] })).status).toBe(200);
    server.clock.advance(39 * DAY);
    // q2 after 40 days, with library items.
    expect((await api("POST", `/questions/${q2.id}/answer`, femke.token, { itemIds: [itemId], note: "Lees dit" })).status).toBe(200);
    await api("POST", `/questions/${q1.id}/followup`, net.people.anna.token, { applied: true, worked: "yes" });
    await api("POST", `/questions/${q2.id}/followup`, net.people.chris.token, { applied: false, worked: "untested" });
    await api("POST", `/questions/${q3.id}/followup`, net.people.chris.token, { applied: true, worked: "no" });
    const to = new Date(Date.parse(from) + 10 * DAY).toISOString();

    const stats = await api("GET", `/questions/stats?from=${from}&to=${to}`, net.people.dewi.token);
    expect(stats.body.stats).toEqual({
      from,
      to,
      asked: 4,
      answered: 3,
      answeredWithin30Days: 2,
      medianDaysToAnswer: 2,
      answeredFromExistingBundle: 2,
      followupsReturned: 3,
      worked: { yes: 1, no: 1, untested: 1 },
    });
    expect((await api("GET", `/questions/stats?from=${from}&to=${to}`, net.people.anna.token)).body.error.code).toBe("broker_only");
    expect((await api("GET", "/questions/stats?from=gisteren", net.people.dewi.token)).body.error.code).toBe("invalid_request");
  });
});

describe("a person's own data", () => {
  it("puts the questions they asked, the wordings and comments they wrote and the follow-ups they gave in their export", async () => {
    const email = "gert@test.knooppunt.nl";
    const password = "wachtwoord-gert-2026";
    const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test gert", email, password } });
    const gert: Person = { id: created.body.user.id, email, password, token: (await server.api("POST", "/api/v1/auth/login", { body: { email, password } })).body.token };
    const q = await ask(gert, { question: "Hoe houden we nieuwkomers gemotiveerd?", visibility: "network" });
    await api("POST", `/questions/${q.id}/comments`, gert.token, { body: "Vooral in de bovenbouw." });
    await api("POST", `/questions/${q.id}/comments`, net.people.dewi.token, { body: "Welke leeftijd precies?" });
    const data = (await server.api("GET", "/api/v1/me/export", { token: gert.token })).body.questions;
    expect({
      asked: data.asked.map((r: { id: string; question: string }) => [r.id, r.question]),
      wordings: data.wordings.map((w: { question: string }) => w.question),
      comments: data.comments.map((c: { body: string }) => c.body),
      followups: data.followups,
    }).toEqual({
      asked: [[q.id, "Hoe houden we nieuwkomers gemotiveerd?"]],
      wordings: ["Hoe houden we nieuwkomers gemotiveerd?"],
      comments: ["Vooral in de bovenbouw."],
      followups: [],
    });
  });
});
