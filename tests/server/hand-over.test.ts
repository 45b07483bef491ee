import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let femke: Person;
let clips = 0;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  femke = await newPerson("femke", null, ["broker"]);
});
afterAll(() => server.stop());

const FORMER = { id: "former-colleague", name: "oud-collega / former colleague" };
const admin = (method: string, path: string, body?: unknown) => server.api(method, `/api/v1/admin${path}`, { token: server.adminToken, body });
const as = (who: Person, method: string, path: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token: who.token, body });

const readDb = <T>(query: string, ...params: unknown[]) => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
};

async function newPerson(key: string, schoolId: string | null, roles: "broker"[] = []): Promise<Person> {
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-2026`;
  const user = (await admin("POST", "/users", { name: `Test ${key}`, email, password, roles })).body.user;
  if (schoolId) await admin("PUT", `/schools/${schoolId}/members/${user.id}`, { role: "member" });
  const token = (await server.api("POST", "/api/v1/auth/login", { body: { email, password } })).body.token as string;
  return { id: user.id, email, password, token };
}

const clip = async (who: Person, visibility: string, extra: Record<string, unknown> = {}) => {
  clips += 1;
  const saved = await as(who, "POST", "/items", { url: `https://www.voorbeeld.nl/overdracht/${clips}`, title: `Artikel ${clips}`, note: `Notitie ${clips}`, visibility, ...extra });
  expect(saved.status).toBe(201);
  return saved.body.item as { id: string; url: string };
};

/** A community with the leaving person as its only owner, and members who joined one after the other. */
async function communityOwnedBy(owner: Person, name: string, members: Person[]) {
  const community = (await admin("POST", "/communities", { name, kind: "werkplaats" })).body.community as { id: string; name: string };
  await admin("PUT", `/communities/${community.id}/members/${owner.id}`, { role: "owner" });
  for (const m of members) {
    server.clock.advance(60_000);
    await admin("PUT", `/communities/${community.id}/members/${m.id}`, { role: "member" });
  }
  return community;
}

async function claimedQuestion(broker: Person, text: string, joinedBy?: Person) {
  server.clock.advance(60_000);
  const asked = await as(net.people.anna, "POST", "/questions", { question: text, themes: ["nt2"], visibility: "network" });
  expect(asked.status).toBe(201);
  const id = asked.body.question.id as string;
  expect((await as(broker, "POST", `/questions/${id}/claim`, { mode: "own" })).status).toBe(200);
  if (joinedBy) expect((await as(joinedBy, "POST", `/questions/${id}/claim`, { mode: "join" })).status).toBe(200);
  return id;
}

const question = async (id: string) => {
  const q = (await as(net.people.anna, "GET", `/questions/${id}`)).body.question;
  return { status: q.status, brokers: q.brokers.map((b: { id: string; role: string }) => [b.id, b.role]) };
};

const communityRoles = (communityId: string) =>
  readDb<{ user_id: string; role: string }>("SELECT user_id, role FROM community_members WHERE community_id = ? ORDER BY user_id", communityId).map((r) => [r.user_id, r.role]);

const byId = (pairs: [string, string][]) => [...pairs].sort((a, b) => a[0].localeCompare(b[0]));

describe("a broker who leaves and is disabled", () => {
  let kees: Person;
  let community: { id: string; name: string };
  let alone: string;
  let shared: string;
  let questionId: string;
  const saves: Record<string, { id: string; url: string }> = {};

  beforeAll(async () => {
    kees = await newPerson("kees", net.schoolA.id, ["broker"]);
    community = await communityOwnedBy(kees, "Werkplaats Nieuwkomers", [net.people.anna, net.people.bram]);
    saves.private = await clip(kees, "private", { note: "Alleen voor mij" });
    saves.school = await clip(kees, "school", { note: "Werkte in groep 5" });
    saves.community = await clip(kees, "community", { communityId: community.id });
    saves.network = await clip(kees, "network");
    alone = (await as(kees, "POST", "/bundles", { title: "Zachte landing", about: "Nieuwkomers", themes: ["nt2"], audience: "network" })).body.bundle.id;
    shared = (await as(kees, "POST", "/bundles", { title: "Thuistalen", about: "Meertaligheid", themes: ["meertaligheid"], audience: "network" })).body.bundle.id;
    expect((await as(kees, "POST", `/bundles/${shared}/curators`, { userId: femke.id })).status).toBe(201);
    questionId = await claimedQuestion(kees, "Hoe vangen we nieuwkomers op in groep 3?");
  });

  it("shows first, changing nothing, what would pass to whom and how many saves per circle", async () => {
    const preview = await admin("GET", `/users/${kees.id}/hand-over`);
    expect(preview.status).toBe(200);
    const anna = { id: net.people.anna.id, name: "Test anna" };
    const bram = { id: net.people.bram.id, name: "Test bram" };
    expect(preview.body).toEqual({
      handOver: {
        user: { id: kees.id, name: "Test kees", disabled: false },
        saves: { private: 1, community: 1, school: 1, network: 1, public: 0 },
        bundles: [
          { id: alone, title: "Zachte landing", status: "draft", to: FORMER, removedWhenRemoving: true },
          { id: shared, title: "Thuistalen", status: "draft", to: { id: femke.id, name: "Test femke" }, removedWhenRemoving: false },
        ],
        communities: [{ id: community.id, name: "Werkplaats Nieuwkomers", otherOwners: 0, to: anna, candidates: [anna, bram] }],
        questions: [{ id: questionId, question: "Hoe vangen we nieuwkomers op in groep 3?", to: null }],
      },
    });

    const withBroker = (await admin("GET", `/users/${kees.id}/hand-over?handOverTo=${net.people.dewi.id}`)).body.handOver;
    const dewi = { id: net.people.dewi.id, name: "Test dewi" };
    expect(withBroker.bundles.find((b: { id: string }) => b.id === alone).to).toEqual(dewi);
    expect(withBroker.questions).toEqual([{ id: questionId, question: "Hoe vangen we nieuwkomers op in groep 3?", to: dewi }]);

    const notBroker = await admin("GET", `/users/${kees.id}/hand-over?handOverTo=${net.people.anna.id}`);
    expect([notBroker.status, notBroker.body.error.code]).toEqual([400, "hand_over_not_broker"]);
    expect((await admin("GET", "/users/bestaat-niet/hand-over")).status).toBe(404);
    expect((await as(net.people.dewi, "GET", `/admin/users/${kees.id}/hand-over`)).status).toBe(403);
    expect((await as(kees, "GET", "/me")).status).toBe(200);
  });

  it("refuses a community owner who is not a member, a community the person does not own, and changes nothing", async () => {
    const notMember = await admin("POST", `/users/${kees.id}/hand-over`, { communityOwners: [{ communityId: community.id, userId: net.people.eva.id }] });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error).toEqual({
      code: "hand_over_not_member",
      message: "A community passes only to one of its active members. / Een gemeenschap gaat alleen over naar een van haar actieve leden.",
      issues: [{ path: ["communityOwners", 0, "userId"], message: "not an active member of this community" }],
    });
    const notOwned = await admin("POST", `/users/${kees.id}/hand-over`, { communityOwners: [{ communityId: net.community.id, userId: net.people.anna.id }] });
    expect([notOwned.status, notOwned.body.error.code, notOwned.body.error.issues[0].path]).toEqual([400, "hand_over_not_owned", ["communityOwners", 0, "communityId"]]);
    const notBroker = await admin("POST", `/users/${kees.id}/hand-over`, { handOverTo: net.people.bram.id });
    expect([notBroker.status, notBroker.body.error.code]).toEqual([400, "hand_over_not_broker"]);
    const malformed = await admin("POST", `/users/${kees.id}/hand-over`, { communityOwners: "bram", sharedWork: "weggeven" });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "invalid_request"]);
    expect((await as(net.people.dewi, "POST", `/admin/users/${kees.id}/hand-over`, {})).status).toBe(403);

    expect((await as(kees, "GET", "/me")).status).toBe(200);
    expect(byId(communityRoles(community.id) as [string, string][])).toEqual(byId([[kees.id, "owner"], [net.people.anna.id, "member"], [net.people.bram.id, "member"]]));
    expect(await question(questionId)).toEqual({ status: "claimed", brokers: [[kees.id, "owner"]] });
  });

  it("disables the account and hands bundles, the community, the leervraag and shared saves over as chosen, never the private save", async () => {
    const done = await admin("POST", `/users/${kees.id}/hand-over`, {
      handOverTo: net.people.dewi.id,
      communityOwners: [{ communityId: community.id, userId: net.people.bram.id }],
    });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: kees.id, disabled: true });
    expect(done.body.handedOver).toEqual({
      savesHandedOver: 3,
      savesRemoved: 0,
      privateSavesKept: 1,
      bundlesHandedOver: 2,
      bundlesRemoved: 0,
      communitiesHandedOver: 1,
      questionsHandedOver: 1,
      questionsReleased: 0,
    });

    expect((await as(kees, "GET", "/me")).status).toBe(401);
    expect((await server.api("POST", "/api/v1/auth/login", { body: { email: kees.email, password: kees.password } })).status).toBe(401);

    const curators = async (bundleId: string, who: Person) => (await as(who, "GET", `/bundles/${bundleId}`)).body.bundle.curators.map((c: { id: string; role: string }) => [c.id, c.role]);
    expect(await curators(alone, net.people.dewi)).toEqual([[net.people.dewi.id, "owner"]]);
    expect(await curators(shared, femke)).toEqual([[femke.id, "owner"]]);
    expect(byId(communityRoles(community.id) as [string, string][])).toEqual(byId([[kees.id, "member"], [net.people.anna.id, "member"], [net.people.bram.id, "owner"]]));
    expect(await question(questionId)).toEqual({ status: "claimed", brokers: [[net.people.dewi.id, "owner"]] });

    // Colleagues keep what was shared with them, saved by "oud-collega".
    const atSchool = await as(net.people.bram, "GET", `/items/${saves.school!.id}`);
    expect(atSchool.body.item.notes.map((n: { author: string; note: string; visibility: string }) => [n.author, n.note, n.visibility])).toEqual([[FORMER.name, "Werkte in groep 5", "school"]]);
    expect((await as(net.people.anna, "GET", `/items/${saves.community!.id}`)).status).toBe(200);
    // The private save is nobody else's: it stays with the disabled account, unseen.
    expect(readDb("SELECT s.user_id AS userId, s.visibility AS visibility, s.note AS note FROM saves s JOIN items i ON i.seq = s.item_seq WHERE i.id = ?", saves.private!.id)).toEqual([
      { userId: kees.id, visibility: "private", note: "Alleen voor mij" },
    ]);
    expect((await as(net.people.bram, "GET", `/items/${saves.private!.id}`)).status).toBe(404);
    expect(readDb("SELECT visibility, count(*) AS n FROM saves WHERE user_id = ? GROUP BY visibility ORDER BY visibility", FORMER.id)).toEqual([
      { visibility: "community", n: 1 },
      { visibility: "network", n: 1 },
      { visibility: "school", n: 1 },
    ]);

    const log = (await admin("GET", "/audit-log?limit=1")).body.entries;
    const adminId = (await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.id as string;
    expect(log).toEqual([
      {
        id: expect.any(Number),
        at: server.clock.now().toISOString(),
        actor: { kind: "admin", userId: adminId },
        action: "user.hand-over",
        subject: { kind: "user", id: kees.id },
        details: { leaving: "disable", sharedWork: "handOver", handOverTo: net.people.dewi.id, ...done.body.handedOver },
      },
    ]);
  });

  it("finds the private save still there when the account is enabled again", async () => {
    expect((await admin("PATCH", `/users/${kees.id}`, { disabled: false })).status).toBe(200);
    const token = (await server.api("POST", "/api/v1/auth/login", { body: { email: kees.email, password: kees.password } })).body.token as string;
    const mine = await server.api("GET", "/api/v1/items?savedBy=me", { token });
    expect(mine.body.items.map((i: { id: string; mySave: { note: string } }) => [i.id, i.mySave.note])).toEqual([[saves.private!.id, "Alleen voor mij"]]);
    // Disabled again with nothing left to hand over: the second hand-over moves nothing.
    const again = await admin("POST", `/users/${kees.id}/hand-over`, {});
    expect(again.body.handedOver).toEqual({ savesHandedOver: 0, savesRemoved: 0, privateSavesKept: 1, bundlesHandedOver: 0, bundlesRemoved: 0, communitiesHandedOver: 0, questionsHandedOver: 0, questionsReleased: 0 });
  });
});

describe("removing shared work when disabling", () => {
  it("removes the saves in shared circles and a draft nobody else curates, and still keeps the private save", async () => {
    const lena = await newPerson("lena", net.schoolA.id, ["broker"]);
    const own = await clip(lena, "private");
    const atSchool = await clip(lena, "school");
    const draft = (await as(lena, "POST", "/bundles", { title: "Concept", about: "Nog niets", themes: ["nt2"], audience: "network" })).body.bundle.id;
    const done = await admin("POST", `/users/${lena.id}/hand-over`, { sharedWork: "remove" });
    expect(done.body.handedOver).toEqual({ savesHandedOver: 0, savesRemoved: 1, privateSavesKept: 1, bundlesHandedOver: 0, bundlesRemoved: 1, communitiesHandedOver: 0, questionsHandedOver: 0, questionsReleased: 0 });
    expect((await as(net.people.bram, "GET", `/items/${atSchool.id}`)).status).toBe(404);
    expect(readDb("SELECT count(*) AS n FROM bundles WHERE id = ?", draft)).toEqual([{ n: 0 }]);
    expect(readDb("SELECT s.user_id AS userId FROM saves s JOIN items i ON i.seq = s.item_seq WHERE i.id = ?", own.id)).toEqual([{ userId: lena.id }]);
  });
});

describe("the last administrator", () => {
  it("is never disabled by a hand-over", async () => {
    const me = (await server.api("GET", "/api/v1/me", { token: server.adminToken })).body.user.id as string;
    const res = await admin("POST", `/users/${me}/hand-over`, {});
    expect([res.status, res.body.error.code]).toEqual([409, "last_admin"]);
    expect((await server.api("GET", "/api/v1/me", { token: server.adminToken })).status).toBe(200);
  });
});

describe("a broker whose account is deleted", () => {
  it("passes the community to the member picked, a leervraag to the broker who joined it, releases the other, and deletes the private save", async () => {
    const otto = await newPerson("otto", net.schoolB.id, ["broker"]);
    const community = await communityOwnedBy(otto, "Leerteam Rekentaal", [net.people.chris, net.people.anna]);
    const own = await clip(otto, "private");
    const inSchool = await clip(otto, "school");
    const joined = await claimedQuestion(otto, "Welke rekentaal gebruiken we in groep 6?", femke);
    const lonely = await claimedQuestion(otto, "Hoe meten we woordenschat bij instroom?");

    const preview = (await admin("GET", `/users/${otto.id}/hand-over`)).body.handOver;
    expect(preview.questions.map((q: { id: string; to: { id: string } | null }) => [q.id, q.to?.id ?? null])).toEqual([
      [joined, femke.id],
      [lonely, null],
    ]);
    expect(preview.communities.map((c: { to: { id: string } }) => c.to.id)).toEqual([net.people.chris.id]);

    const refused = await admin("DELETE", `/users/${otto.id}`, { communityOwners: [{ communityId: community.id, userId: net.people.bram.id }] });
    expect([refused.status, refused.body.error.code]).toEqual([400, "hand_over_not_member"]);
    expect((await as(otto, "GET", "/me")).status).toBe(200);

    const deleted = await admin("DELETE", `/users/${otto.id}`, { communityOwners: [{ communityId: community.id, userId: net.people.anna.id }] });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toEqual({ savesRemoved: 1, savesHandedOver: 1, bundlesHandedOver: 0, bundlesRemoved: 0, tokens: 1, memberships: 2, idempotencyKeys: 0 });

    expect(byId(communityRoles(community.id) as [string, string][])).toEqual(byId([[net.people.chris.id, "member"], [net.people.anna.id, "owner"]]));
    expect(await question(joined)).toEqual({ status: "claimed", brokers: [[femke.id, "owner"]] });
    expect(await question(lonely)).toEqual({ status: "open", brokers: [] });
    expect(readDb("SELECT owner_id AS ownerId FROM questions WHERE id IN (?, ?) ORDER BY id = ?", joined, lonely, lonely)).toEqual([{ ownerId: femke.id }, { ownerId: null }]);
    // The private save went with the account; nothing of it was handed to "oud-collega".
    expect(readDb("SELECT count(*) AS n FROM saves s JOIN items i ON i.seq = s.item_seq WHERE i.id = ?", own.id)).toEqual([{ n: 0 }]);
    expect(readDb("SELECT s.user_id AS userId FROM saves s JOIN items i ON i.seq = s.item_seq WHERE i.id = ?", inSchool.id)).toEqual([{ userId: FORMER.id }]);

    const log = (await admin("GET", "/audit-log?limit=2")).body.entries.map((e: { action: string; subject: { id: string }; details: Record<string, unknown> }) => [e.action, e.subject.id, e.details]);
    expect(log).toEqual([
      ["user.delete", otto.id, { sharedWork: "handOver", ...deleted.body.deleted }],
      [
        "user.hand-over",
        otto.id,
        { leaving: "delete", sharedWork: "handOver", handOverTo: null, savesHandedOver: 1, savesRemoved: 1, privateSavesKept: 0, bundlesHandedOver: 0, bundlesRemoved: 0, communitiesHandedOver: 1, questionsHandedOver: 1, questionsReleased: 1 },
      ],
    ]);
  });

  it("hands a self-deleting owner's community to its longest-standing member", async () => {
    const pim = await newPerson("pim", null);
    const community = await communityOwnedBy(pim, "PLG Lezen", [net.people.bram, net.people.chris]);
    const deleted = await as(pim, "DELETE", "/me", { confirm: pim.email });
    expect(deleted.status).toBe(200);
    expect(byId(communityRoles(community.id) as [string, string][])).toEqual(byId([[net.people.bram.id, "owner"], [net.people.chris.id, "member"]]));
  });
});
