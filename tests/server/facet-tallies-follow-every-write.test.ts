import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkSavesRequest, CreateItemRequest } from "../../shared/schemas";
import { ANONYMOUS, type SignedInViewer, type Viewer } from "../../server/core/viewer";
import { findUserByEmail, signedInViewer } from "../../server/services/accounts/accounts";
import { facetsFromSaves, facetsFromTallies, itemFacets } from "../../server/services/library/facets";
import { storeImportedSaves } from "../../server/services/library/import-saves";
import { transaction } from "../../server/db/statements";
import { facetCounts as counts } from "../support/facets";
import { buildNetwork, reply, startTestServer, type Person, type TestServer } from "../support/server";
import type { z } from "zod";

/**
 * The library's facets without a query or filter come from counts the write triggers keep (items with
 * one save) and the shared items' saves. After every kind of write — a clip, a second save of the same
 * page, a changed circle or theme, a bulk change, a removed save, a deleted account — those counts
 * must equal the ones counted afresh from the saves, for every viewer, and the kept table must hold
 * exactly what a recount from scratch would.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const v1 = (token?: string) => server.client(token).api.v1;


/** People added by a case of their own, compared as viewers beside the network's. */
const joined: Record<string, Person> = {};

const viewers = (): [string, Viewer][] => [
  ["anonymous", ANONYMOUS],
  ...Object.entries({ ...net.people, ...joined })
    .map(([name, p]) => [name, findUserByEmail(server.ctx, p.email)] as const)
    .filter(([, user]) => user !== undefined && user !== null)
    .map(([name, user]) => [name, signedInViewer(server.ctx, user!, "test")] as [string, Viewer]),
];

/**
 * The kept rows of items with one save, and the same rows recounted from the saves as the migration
 * first filled them; the shared items' rows, and the same after recounting every shared item anew.
 */
function keptAndRecounted() {
  const db = server.ctx.sqlite;
  const kept = db.prepare("SELECT owner, audience, part, items FROM facet_tallies WHERE audience NOT GLOB 'shared*' AND items <> 0 ORDER BY 1, 2, 3").all();
  const recounted = db
    .prepare(
      `SELECT owner, audience, part, count(*) AS items FROM save_tally_parts
       WHERE item_seq IN (SELECT item_seq FROM saves GROUP BY item_seq HAVING count(*) = 1) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  const sharedRows = () => ({
    tallies: db.prepare("SELECT owner, audience, part, items FROM facet_tallies WHERE audience GLOB 'shared*' AND items <> 0 ORDER BY 1, 2, 3").all(),
    items: db.prepare("SELECT item_seq, counted_from_saves FROM shared_items ORDER BY 1").all(),
  });
  const shared = sharedRows();
  db.prepare("INSERT INTO shared_item_recounts (item_seq) SELECT item_seq FROM saves GROUP BY item_seq HAVING count(*) > 1").run();
  const sharedRecounted = sharedRows();
  // Both sets of shared items are those with two saves or more.
  const sharedSeqs = db.prepare("SELECT item_seq FROM saves GROUP BY item_seq HAVING count(*) > 1 ORDER BY 1").pluck().all();
  expect(shared.items.map((row) => (row as { item_seq: number }).item_seq)).toEqual(sharedSeqs);
  return { kept, recounted, shared, sharedRecounted };
}

/** Every viewer's facets from the kept counts equal those counted from the saves; returns how many viewers were compared. */
function expectTalliesToHold(step: string): number {
  const { kept, recounted, shared, sharedRecounted } = keptAndRecounted();
  expect({ step, kept, shared }).toEqual({ step, kept: recounted, shared: sharedRecounted });
  let compared = 0;
  for (const [name, viewer] of viewers()) {
    // The whole answer, order included: equal counts come in the same order whichever way they were counted.
    expect({ step, name, ...facetsFromTallies(server.ctx, viewer) }).toEqual({ step, name, ...facetsFromSaves(server.ctx, viewer, {}) });
    compared++;
  }
  return compared;
}

const clip = async (person: Person, json: z.input<typeof CreateItemRequest>) => {
  const answer = await reply(v1(person.token).items.$post({ json }));
  if (answer.status >= 300) throw new Error(`clip ${json.url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.item.id;
};
const bulk = async (person: Person, json: BulkSavesRequest) => {
  const response = await fetch(`${server.url}/api/v1/saves/bulk`, {
    method: "POST",
    headers: { Authorization: `Bearer ${person.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(json),
  });
  return response.status;
};

/** A new person, signed in, outside every school and community. */
async function newPerson(key: string): Promise<Person> {
  const email = `${key}@test.knooppunt.nl`;
  const password = `wachtwoord-${key}-2026`;
  const user = (await reply(v1(server.adminToken).admin.users.$post({ json: { name: `Test ${key}`, email, password } }))).body.user;
  const token = (await reply(v1().auth.login.$post({ json: { email, password } }))).body.token;
  return (joined[key] = { id: user.id, email, password, token });
}

/** The kept rows that name a person, also those counting nothing. */
const rowsOf = (person: Person) =>
  ["facet_tallies", "shared_item_parts"].map((table) => server.ctx.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE owner = ?`).pluck().get(person.id));

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

describe("facet counts kept by the write triggers", () => {
  it("equal the counts from the saves after every kind of write, for every viewer", async () => {
    const { anna, bram, chris, dewi, eva } = net.people;
    expect(expectTalliesToHold("empty library")).toBe(6);

    const stars = await clip(anna, { url: "https://www.voorbeeld.nl/sterren", kind: "artikel", themes: ["thuistalen"], sector: ["po"], visibility: "network" });
    const sums = await clip(chris, { url: "https://www.voorbeeld.nl/rekentaal", kind: "kennisclip", themes: ["taalbewust-lesgeven"], sector: ["po"], visibility: "public" });
    const plg = await clip(dewi, { url: "https://www.voorbeeld.nl/plg", kind: "praktijkvoorbeeld", themes: ["meertaligheid"], visibility: "community", communityId: net.community.id });
    const secret = await clip(eva, { url: "https://www.voorbeeld.nl/geheim", kind: "artikel", themes: ["burgerschap"], sector: ["wo"], visibility: "private" });
    const policy = await clip(chris, { url: "https://www.voorbeeld.nl/school-b", kind: "onderzoek", themes: ["nieuwkomers", "nt2"], sector: ["vo"], visibility: "school", schoolId: net.schoolB.id });
    expectTalliesToHold("one save per item");

    // A second and a third save of the same pages: the items become shared and leave the kept counts.
    await clip(bram, { url: "https://www.voorbeeld.nl/sterren", kind: "lesmateriaal", themes: ["taalbewust-lesgeven"], sector: ["vo"], visibility: "school", schoolId: net.schoolA.id });
    await clip(chris, { url: "https://www.voorbeeld.nl/sterren", kind: "onderzoek", themes: ["burgerschap"], sector: ["mbo"], visibility: "private" });
    await clip(anna, { url: "https://www.voorbeeld.nl/rekentaal", kind: "lesmateriaal", themes: ["nt2"], sector: ["vo"], visibility: "private" });
    await clip(eva, { url: "https://www.voorbeeld.nl/rekentaal", kind: "artikel", themes: ["nieuwkomers"], sector: [], visibility: "network" });
    // Saved only in open circles, one save naming no theme or sector.
    await clip(dewi, { url: "https://www.voorbeeld.nl/open", kind: "protocol", themes: ["burgerschap"], sector: ["so"], visibility: "network" });
    await clip(bram, { url: "https://www.voorbeeld.nl/open", kind: "artikel", themes: [], sector: [], visibility: "public" });
    // The stars page also in the community's circle.
    await clip(dewi, { url: "https://www.voorbeeld.nl/sterren", kind: "praktijkvoorbeeld", themes: ["nt2"], sector: ["po"], visibility: "community", communityId: net.community.id });
    expectTalliesToHold("shared items");
    // The arithmetic and open pages are kept (their saves are in open circles or private); the stars
    // page, saved in a school's and a community's circle, is counted from its saves.
    expect(server.ctx.sqlite.prepare("SELECT counted_from_saves FROM shared_items ORDER BY item_seq").pluck().all()).toEqual([1, 0, 0]);

    // A changed circle, kind and themes of a save counted in the tallies, and of one in a shared item.
    expect((await reply(v1(eva.token).items[":id"].$patch({ param: { id: secret }, json: { visibility: "network", themes: ["nt2"], kind: "protocol" } }))).status).toBe(200);
    expect((await reply(v1(anna.token).items[":id"].$patch({ param: { id: sums }, json: { visibility: "school", schoolId: net.schoolA.id } }))).status).toBe(200);
    expectTalliesToHold("changed saves");

    // Many at once: themes added and a circle narrowed.
    expect(await bulk(chris, { itemIds: [sums, policy, stars], change: { type: "themes", add: ["meertaligheid"], remove: ["nt2"] } })).toBe(200);
    expect(await bulk(chris, { itemIds: [sums, policy], change: { type: "circle", visibility: "private" } })).toBe(200);
    expectTalliesToHold("bulk changes");

    // Removing saves: a shared item back to one save, then an item's only save.
    expect((await reply(v1(chris.token).items[":id"].$delete({ param: { id: stars } }))).status).toBe(204);
    expect((await reply(v1(bram.token).items[":id"].$delete({ param: { id: stars } }))).status).toBe(204);
    expect((await reply(v1(dewi.token).items[":id"].$delete({ param: { id: plg } }))).status).toBe(204);
    expectTalliesToHold("removed saves");

    // An import, whose new saves are counted a batch at a time: a new page, a page only Chris saved (now
    // shared, with his school's circle), the stars page (shared already) and Eva's own note (a merge).
    const importer = signedInViewer(server.ctx, findUserByEmail(server.ctx, eva.email)!, "test") as SignedInViewer;
    const imported = transaction(server.ctx, () =>
      storeImportedSaves(server.ctx, importer, [
        { input: { url: "https://www.voorbeeld.nl/nieuw-uit-import", title: "Uit een bladwijzerbestand", kind: "artikel", themes: ["thuistalen"], sector: ["po"], visibility: "network" } },
        { input: { url: "https://www.voorbeeld.nl/school-b", kind: "protocol", themes: ["nt2"], visibility: "network" } },
        { input: { url: "https://www.voorbeeld.nl/sterren", kind: "artikel", themes: ["burgerschap"], sector: ["wo"], visibility: "private" } },
        { input: { url: "https://www.voorbeeld.nl/geheim", visibility: "network" } },
      ]),
    );
    expect(imported.map((r) => r.outcome)).toEqual(["imported", "imported", "merged", "merged"]);
    expectTalliesToHold("imported links");

    // A theme moved under another: the theme above now counts its items.
    const moved = await reply(v1(server.adminToken).themes[":slug"].$patch({ param: { slug: "burgerschap" }, json: { parent: "nt2" } }));
    expect(moved.status).toBe(200);
    expectTalliesToHold("theme moved");
    const evaUser = findUserByEmail(server.ctx, eva.email)!;
    // Eva sees the open page (burgerschap, now under nt2), her note and the arithmetic page (nt2 and
    // nieuwkomers), the school policy she imported (nt2), the stars page (Anna's thuistalen, her own
    // burgerschap) and the new page (thuistalen): nt2 counts five items, each once.
    expect(counts(facetsFromTallies(server.ctx, signedInViewer(server.ctx, evaUser, "test"))).themes).toEqual({
      nt2: 5,
      burgerschap: 2,
      nieuwkomers: 1,
      meertaligheid: 2,
      thuistalen: 2,
    });

    // A deleted account: private saves go, shared ones are handed to the school.
    expect((await reply(v1(anna.token).me.$delete({ json: { confirm: anna.email, sharedWork: "handOver" } }))).status).toBe(200);
    const compared = expectTalliesToHold("deleted account");
    expect(compared).toBe(5);
    // Nothing of Anna's counts stays behind.
    const left = (table: string) => server.ctx.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE owner = ?`).pluck().get(anna.id);
    expect([left("facet_tallies"), left("shared_item_parts")]).toEqual([0, 0]);
  });

  it("answer the library's facets without a query or filter, and a filter still narrows them", async () => {
    const chris = findUserByEmail(server.ctx, net.people.chris.email)!;
    const viewer = signedInViewer(server.ctx, chris, "test");
    // Chris, in school B, sees six items: the stars page through Anna's network save (handed over when
    // she left; his own save and Bram's are gone), his private arithmetic clip (his own kind speaks; Eva's
    // network save adds nieuwkomers) and school policy (bulk: meertaligheid added, nt2 removed; Eva's
    // imported network save beside it), Eva's note, now in the network, the open page, where Bram's
    // public save speaks, and the page Eva imported. Sub-themes count for the theme above them:
    // thuistalen for meertaligheid, nieuwkomers and (since it moved) burgerschap for nt2.
    expect(counts(itemFacets(server.ctx, viewer, {}))).toEqual({
      total: 6,
      themes: { meertaligheid: 4, "taalbewust-lesgeven": 1, thuistalen: 2, nieuwkomers: 2, nt2: 4, burgerschap: 1 },
      kinds: { artikel: 3, kennisclip: 1, onderzoek: 1, protocol: 1 },
      sectors: { po: 3, vo: 1, wo: 1, so: 1 },
      visibilities: { private: 2, network: 6, public: 1 },
    });
    expect(counts(itemFacets(server.ctx, viewer, { kind: ["protocol"] }))).toEqual({
      total: 1,
      themes: { nt2: 1 },
      kinds: { protocol: 1 },
      sectors: { wo: 1 },
      visibilities: { network: 1 },
    });
  });

  it("leave no rows of a deleted person whose saves were all in pages others saved too", async () => {
    const { bram, dewi } = net.people;
    // Fenna and Gijs each clip a page first; when someone else saves it too, the rows their one save
    // counted drop to nothing. Their own saves speak to everyone (public, earliest), so the shared page
    // keeps no rows of theirs either: nothing but their deleted account would take those empty rows away.
    const fenna = await newPerson("fenna");
    const gijs = await newPerson("gijs");
    await clip(fenna, { url: "https://www.voorbeeld.nl/kaart", kind: "artikel", themes: ["nt2"], sector: ["po"], visibility: "public" });
    await clip(bram, { url: "https://www.voorbeeld.nl/kaart", kind: "artikel", themes: ["nt2"], sector: ["po"], visibility: "network" });
    await clip(gijs, { url: "https://www.voorbeeld.nl/atlas", kind: "onderzoek", themes: ["thuistalen"], sector: ["vo"], visibility: "public" });
    await clip(dewi, { url: "https://www.voorbeeld.nl/atlas", kind: "onderzoek", themes: ["thuistalen"], sector: ["vo"], visibility: "network" });
    expectTalliesToHold("pages saved by a second person");

    // Fenna's save is handed over, Gijs's removed.
    expect((await reply(v1(fenna.token).me.$delete({ json: { confirm: fenna.email, sharedWork: "handOver" } }))).status).toBe(200);
    expect((await reply(v1(gijs.token).me.$delete({ json: { confirm: gijs.email, sharedWork: "remove" } }))).status).toBe(200);
    expectTalliesToHold("deleted accounts");
    expect([rowsOf(fenna), rowsOf(gijs)]).toEqual([[0, 0], [0, 0]]);
  });
});
