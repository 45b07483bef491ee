import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, testClock, type TestServer } from "../support/server";

/** Two installations with the same taxonomy and organisations (their ids differ): Anna moves from one to the other. */
let before: TestServer;
let after: TestServer;
let netBefore: Awaited<ReturnType<typeof buildNetwork>>;
let netAfter: Awaited<ReturnType<typeof buildNetwork>>;
let exported: any;
const HOUR = 60 * 60 * 1000;

const exportSaves = async (server: TestServer, token: string) =>
  (await fetch(`${server.url}/api/v1/exports/saves`, { headers: { Authorization: `Bearer ${token}` } })).text();

beforeAll(async () => {
  const clock = testClock();
  before = await startTestServer({ clock });
  netBefore = await buildNetwork(before);
  // A community only the first installation has: its save cannot keep that circle after the move.
  const admin = before.client(before.adminToken).api.v1.admin;
  const zuid = (await reply(admin.communities.$post({ json: { name: "Werkplaats Zuid", kind: "werkplaats" } }))).body.community;
  await reply(admin.communities[":id"].members[":userId"].$put({ param: { id: zuid.id, userId: netBefore.people.anna.id }, json: { role: "member" } }));

  const items = before.client(netBefore.people.anna.token).api.v1.items;
  const saves = [
    { url: "https://www.voorbeeld.nl/welkom", title: "Welkom in de klas", themes: ["nieuwkomers", "thuistalen"], tags: ["start"], note: "Eerste week", visibility: "private" as const },
    { url: "https://www.voorbeeld.nl/plg", title: "Samen leren", themes: ["meertaligheid"], note: "In de PLG besproken", visibility: "community" as const, communityId: netBefore.community.id },
    { url: "https://www.voorbeeld.nl/team", title: "Ons teamprotocol", kind: "protocol" as const, themes: ["zachte-landing"], visibility: "school" as const },
    { url: "https://www.voorbeeld.nl/zuid", title: "Alleen in Zuid", note: "Uit de werkplaats", visibility: "community" as const, communityId: zuid.id },
    { url: "https://www.voorbeeld.nl/netwerk", title: "Voor iedereen in het netwerk", themes: ["burgerschap"], visibility: "network" as const },
  ];
  for (const json of saves) {
    expect((await reply(items.$post({ json }))).status).toBe(201);
    clock.advance(HOUR);
  }
  exported = await exportSaves(before, netBefore.people.anna.token);

  after = await startTestServer();
  netAfter = await buildNetwork(after);
});
afterAll(async () => {
  await before?.stop();
  await after?.stop();
});

async function untilEnded(server: TestServer, token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await reply(server.client(token).api.v1.imports[":id"].$get({ param: { id } }))).body.import;
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the import did not end");
}

/** What a person recognises of their library: the links, titles, themes, notes, tags, kinds and circles (by name: ids differ per installation). */
const library = (file: string) =>
  JSON.parse(file).saves.map((s: any) => [s.url, s.title, s.kind, s.themes, s.note, s.tags, s.createdAt, s.circle.visibility, s.circle.schoolName, s.circle.communityName]);

describe("exporting one's saves and importing them into a fresh installation", () => {
  it("reviews the file with the circles from the file, counting the one whose community does not exist there", async () => {
    const anna = netAfter.people.anna;
    const res = await fetch(`${after.url}/api/v1/imports?name=knooppunt.json`, { method: "POST", headers: { Authorization: `Bearer ${anna.token}`, "Content-Type": "application/json" }, body: exported });
    expect(res.status).toBe(201);
    const job = ((await res.json()) as any).import;
    expect([job.format, job.review.importable, job.review.skipped]).toEqual(["knooppunt-json", 5, {}]);
    expect(job.review.fromFile).toEqual({
      links: 5,
      circles: [
        { visibility: "private", schoolName: null, communityName: null, links: 1 },
        { visibility: "community", schoolName: "De Regenboog", communityName: "PLG Meertaligheid", links: 1 },
        { visibility: "school", schoolName: "De Regenboog", communityName: null, links: 1 },
        { visibility: "network", schoolName: null, communityName: null, links: 1 },
      ],
      unknownCircles: 1,
      unknownThemes: [],
    });
    expect(job.review.sample.map((s: any) => s.kind)).toEqual(["artikel", "artikel", "protocol", "artikel", "artikel"]);

    const started = await reply(after.client(anna.token).api.v1.imports[":id"].start.$post({ param: { id: job.id }, json: {} }));
    expect(started.status).toBe(200);
    const done = await untilEnded(after, anna.token, job.id);
    expect([done.status, done.progress]).toEqual(["done", { total: 5, processed: 5, imported: 5, merged: 0, skipped: 0 }]);
  });

  it("gives the same items, themes, notes and circles; the unknown community's save falls back to the import's circle", async () => {
    const moved = library(await exportSaves(after, netAfter.people.anna.token));
    const original = library(exported);
    expect(moved).toEqual([
      original[0],
      original[1],
      original[2],
      ["https://www.voorbeeld.nl/zuid", "Alleen in Zuid", "artikel", [], "Uit de werkplaats", [], "2026-11-24T12:00:00.000Z", "private", "De Regenboog", null],
      original[4],
    ]);
    expect(original[3]).toEqual(["https://www.voorbeeld.nl/zuid", "Alleen in Zuid", "artikel", [], "Uit de werkplaats", [], "2026-11-24T12:00:00.000Z", "community", "De Regenboog", "Werkplaats Zuid"]);
    expect(original[1]).toEqual(["https://www.voorbeeld.nl/plg", "Samen leren", "artikel", ["meertaligheid"], "In de PLG besproken", [], "2026-11-24T10:00:00.000Z", "community", "De Regenboog", "PLG Meertaligheid"]);
  });

  it("leaves the moved circles visible to the same colleagues there: Bram sees the school save, Chris none of them", async () => {
    const seen = async (token: string) =>
      (await reply(after.client(token).api.v1.items.$get({ query: { limit: "20", sort: "recent" } }))).body.items.map((i: any) => i.url).sort();
    expect(await seen(netAfter.people.bram.token)).toEqual(["https://www.voorbeeld.nl/netwerk", "https://www.voorbeeld.nl/team"]);
    expect(await seen(netAfter.people.chris.token)).toEqual(["https://www.voorbeeld.nl/netwerk"]);
  });
});
