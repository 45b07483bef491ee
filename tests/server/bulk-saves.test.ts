import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { BulkSavesRequest, CreateItemRequest } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

/**
 * Many of a person's saves changed in one request: themes, circle, a bundle, or deleted — all or
 * nothing, and a circle that lets more people see them only after the person confirms.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token?: string) => server.client(token).api.v1;
const clip = async (token: string, json: z.input<typeof CreateItemRequest>) => {
  const answer = await reply(v1(token).items.$post({ json }));
  if (answer.status >= 300) throw new Error(`clip failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.item.id;
};
const bulk = (token: string, json: BulkSavesRequest, headers?: Record<string, string>) =>
  fetch(`${server.url}/api/v1/saves/bulk`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(json),
  }).then(async (response) => ({ status: response.status, headers: response.headers, body: await response.json() }));
/** The figures a refusal to widen gives, beside its code and message. */
const widening = (error: { widenedSaves: number; newlyVisibleTo: number; public: boolean }) => ({
  widenedSaves: error.widenedSaves,
  newlyVisibleTo: error.newlyVisibleTo,
  public: error.public,
});
const mine = async (token: string, id: string) => (await reply(v1(token).items[":id"].$get({ param: { id } }))).body.item;
const seen = async (token: string | undefined, id: string) => (await reply(v1(token).items[":id"].$get({ param: { id } }))).status;

let page = 0;
const newPage = () => `https://www.voorbeeldschool.nl/bulk/${++page}`;

describe("changing the themes of several saves", () => {
  it("adds and removes themes on every named save, and counts only the saves it altered", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage(), themes: ["nt2", "burgerschap"] });
    const b = await clip(anna, { url: newPage(), themes: ["nieuwkomers"] });
    const c = await clip(anna, { url: newPage(), themes: ["meertaligheid"] });

    const answer = await bulk(anna, { itemIds: [a, b, c], change: { type: "themes", add: ["meertaligheid"], remove: ["burgerschap"] } });

    expect(answer.status).toBe(200);
    expect(answer.body.changed).toBe(2);
    expect(answer.body.items.map((item: { id: string }) => item.id)).toEqual([a, b, c]);
    expect((await mine(anna, a)).mySave?.themes.toSorted()).toEqual(["meertaligheid", "nt2"]);
    expect((await mine(anna, b)).mySave?.themes.toSorted()).toEqual(["meertaligheid", "nieuwkomers"]);
    expect((await mine(anna, c)).mySave?.themes.toSorted()).toEqual(["meertaligheid"]);
    const found = await reply(v1(anna).items.$get({ query: { theme: "meertaligheid", savedBy: "me" } }));
    expect(found.body.items.map((item) => item.id).filter((id) => [a, b, c].includes(id)).sort()).toEqual([a, b, c].sort());
  });

  it("refuses an unknown theme and changes nothing", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage(), themes: ["nt2"] });

    const answer = await bulk(anna, { itemIds: [a], change: { type: "themes", add: ["bestaat-niet"] } });

    expect(answer.status).toBe(400);
    expect((await mine(anna, a)).mySave?.themes.toSorted()).toEqual(["nt2"]);
  });
});

describe("all or nothing", () => {
  it("refuses the whole change when one item is not in the caller's library, naming it", async () => {
    const anna = net.people.anna.token;
    const own = await clip(anna, { url: newPage(), themes: ["nt2"] });
    const colleagues = await clip(net.people.chris.token, { url: newPage(), visibility: "network" });
    expect(await seen(anna, colleagues)).toBe(200);

    const answer = await bulk(anna, { itemIds: [own, colleagues], change: { type: "delete" } });

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("not_your_saves");
    expect(answer.body.error.issues).toEqual([{ path: ["itemIds", 1], message: `item ${colleagues} is not in your library` }]);
    expect(await seen(anna, own)).toBe(200);
    expect(await seen(net.people.chris.token, colleagues)).toBe(200);
  });

  it("refuses an empty selection, an item named twice, and more than 500 items", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage() });
    const tooMany = Array.from({ length: 501 }, (_, i) => `item${i}`);

    expect((await bulk(anna, { itemIds: [], change: { type: "delete" } })).status).toBe(400);
    expect((await bulk(anna, { itemIds: [a, a], change: { type: "delete" } })).status).toBe(400);
    expect((await bulk(anna, { itemIds: tooMany, change: { type: "delete" } })).status).toBe(400);
    expect((await bulk(anna, { itemIds: [a], change: { type: "themes" } })).status).toBe(400);
    expect(await seen(anna, a)).toBe(200);
  });

  it("needs a signed-in person", async () => {
    const answer = await fetch(`${server.url}/api/v1/saves/bulk`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(answer.status).toBe(401);
  });
});

describe("moving several saves to another circle", () => {
  it("narrows at once: the school no longer sees saves made private", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage(), visibility: "school", schoolId: net.schoolA.id });
    const b = await clip(anna, { url: newPage(), visibility: "school", schoolId: net.schoolA.id });
    expect(await seen(net.people.bram.token, a)).toBe(200);

    const answer = await bulk(anna, { itemIds: [a, b], change: { type: "circle", visibility: "private" } });

    expect(answer.status).toBe(200);
    expect(answer.body.changed).toBe(2);
    expect(await seen(net.people.bram.token, a)).toBe(404);
    expect(await seen(net.people.bram.token, b)).toBe(404);
  });

  it("asks before widening, saying how many people would newly see the saves, and changes nothing until confirmed", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage(), visibility: "school", schoolId: net.schoolA.id });
    const b = await clip(anna, { url: newPage(), visibility: "private" });

    const asked = await bulk(anna, { itemIds: [a, b], change: { type: "circle", visibility: "network" } });

    // Everyone with an account (the administrator, anna, bram, chris, dewi, eva) but anna herself; bram
    // saw the school's save already, but not the private one.
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe("widening_needs_confirmation");
    expect(widening(asked.body.error)).toEqual({ widenedSaves: 2, newlyVisibleTo: 5, public: false });
    expect(await seen(net.people.chris.token, a)).toBe(404);

    const confirmed = await bulk(anna, { itemIds: [a, b], change: { type: "circle", visibility: "network", confirmWidening: true } });

    expect(confirmed.status).toBe(200);
    expect(confirmed.body.changed).toBe(2);
    expect(confirmed.body.items.map((item: { mySave: { visibility: string } }) => item.mySave.visibility)).toEqual(["network", "network"]);
    expect(await seen(net.people.chris.token, a)).toBe(200);
    expect(await seen(net.people.chris.token, b)).toBe(200);
  });

  it("counts only the people outside the old circle, and says when the saves would be on the open web", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage(), visibility: "school", schoolId: net.schoolA.id });
    const b = await clip(anna, { url: newPage(), visibility: "school", schoolId: net.schoolA.id });

    const toNetwork = await bulk(anna, { itemIds: [a, b], change: { type: "circle", visibility: "network" } });
    const toPublic = await bulk(anna, { itemIds: [a, b], change: { type: "circle", visibility: "public" } });

    expect(widening(toNetwork.body.error)).toEqual({ widenedSaves: 2, newlyVisibleTo: 4, public: false });
    expect(widening(toPublic.body.error)).toEqual({ widenedSaves: 2, newlyVisibleTo: 4, public: true });
    expect(await seen(undefined, a)).toBe(404);
  });

  it("refuses a school the person does not belong to", async () => {
    const anna = net.people.anna.token;
    const a = await clip(anna, { url: newPage() });

    const answer = await bulk(anna, { itemIds: [a], change: { type: "circle", visibility: "school", schoolId: net.schoolB.id, confirmWidening: true } });

    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("not_a_member");
    expect((await mine(anna, a)).mySave?.visibility).toBe("private");
  });
});

describe("adding several saves to a bundle", () => {
  it("appends the saves not yet in the bundle, in the order named, and keeps what was there", async () => {
    const dewi = net.people.dewi.token;
    const first = await clip(dewi, { url: newPage(), visibility: "network" });
    const second = await clip(dewi, { url: newPage(), visibility: "network" });
    const third = await clip(dewi, { url: newPage(), visibility: "network" });
    const created = await reply(v1(dewi).bundles.$post({ json: { title: "Nieuwkomers welkom heten", themes: ["nieuwkomers"], audience: "network" } }));
    const bundleId = created.body.bundle.id;
    await reply(v1(dewi).bundles[":id"].items.$put({ param: { id: bundleId }, json: [{ itemId: first, note: "Begin hier" }] }));

    const answer = await bulk(dewi, { itemIds: [third, first, second], change: { type: "bundle", bundleId } });

    expect(answer.status).toBe(200);
    expect(answer.body.changed).toBe(2);
    expect(answer.body.bundle.items.map((entry: { itemId: string; note: string }) => [entry.itemId, entry.note])).toEqual([
      [first, "Begin hier"],
      [third, ""],
      [second, ""],
    ]);
  });

  it("answers 404 for a bundle the person cannot see, and refuses a stale version", async () => {
    const dewi = net.people.dewi.token;
    const anna = net.people.anna.token;
    const created = await reply(v1(dewi).bundles.$post({ json: { title: "Taalbeleid", themes: ["nt2"], audience: "network" } }));
    const bundleId = created.body.bundle.id;
    const annas = await clip(anna, { url: newPage(), visibility: "network" });
    const dewis = await clip(dewi, { url: newPage(), visibility: "network" });

    expect((await bulk(anna, { itemIds: [annas], change: { type: "bundle", bundleId } })).status).toBe(404);
    const stale = await bulk(dewi, { itemIds: [dewis], change: { type: "bundle", bundleId, version: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
  });
});

describe("deleting several saves", () => {
  it("deletes the person's saves; a page a colleague also saved stays in their library", async () => {
    const anna = net.people.anna.token;
    const bram = net.people.bram.token;
    const shared = newPage();
    const a = await clip(anna, { url: shared, visibility: "private" });
    await clip(bram, { url: shared, visibility: "private" });
    const b = await clip(anna, { url: newPage(), visibility: "private" });

    const answer = await bulk(anna, { itemIds: [a, b], change: { type: "delete" } }, { "Idempotency-Key": "bulk-delete-1" });
    const again = await bulk(anna, { itemIds: [a, b], change: { type: "delete" } }, { "Idempotency-Key": "bulk-delete-1" });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ changed: 2, items: [] });
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual({ changed: 2, items: [] });
    expect(await seen(anna, a)).toBe(404);
    expect(await seen(anna, b)).toBe(404);
    expect(await seen(bram, a)).toBe(200);
  });
});
