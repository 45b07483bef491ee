import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

/**
 * API.md's forms of the bundle calls: `PUT /bundles/:id/items` takes the bare ordered list with the
 * bundle's version in If-Match (the object form `{version, items}` keeps working), and actions without a
 * body accept an empty body sent as JSON.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let itemIds: string[];

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  itemIds = [];
  for (const n of [1, 2, 3]) {
    const res = await server.api("POST", "/api/v1/items", { token: net.people.dewi.token, body: { url: `https://voorbeeld.nl/contract/${n}`, title: `Bron ${n}`, visibility: "public" } });
    itemIds.push(res.body.item.id);
  }
});
afterAll(() => server.stop());

const dewi = () => net.people.dewi.token;

async function newBundle(): Promise<string> {
  const res = await server.api("POST", "/api/v1/bundles", { token: dewi(), body: { title: "Contract", about: "Waarover", use: "Wat ermee", themes: ["nt2"], audience: "public" } });
  return res.body.bundle.id;
}
const putItems = (id: string, body: unknown, ifMatch?: string) =>
  server.api("PUT", `/api/v1/bundles/${id}/items`, { token: dewi(), body, headers: ifMatch === undefined ? {} : { "If-Match": ifMatch } });
const listed = (res: { body: { bundle: { items: { itemId: string; note: string }[]; version: number } } }) =>
  res.body.bundle.items.map((i) => [i.itemId, i.note]);

describe("PUT /api/v1/bundles/:id/items", () => {
  it("takes the bare ordered list with the version in If-Match, as a number or a quoted tag", async () => {
    const id = await newBundle();
    const first = await putItems(id, [{ itemId: itemIds[1], note: "eerst" }, { itemId: itemIds[0] }], "1");
    expect(first.status).toBe(200);
    expect(listed(first)).toEqual([[itemIds[1], "eerst"], [itemIds[0], ""]]);
    expect(first.body.bundle.version).toBe(2);
    const second = await putItems(id, [{ itemId: itemIds[2], note: "alleen deze" }], '"2"');
    expect(listed(second)).toEqual([[itemIds[2], "alleen deze"]]);
    expect(second.body.bundle.version).toBe(3);
  });

  it("refuses a stale If-Match with the contract's 409 naming the current version", async () => {
    const id = await newBundle();
    await putItems(id, [{ itemId: itemIds[0] }], "1");
    const stale = await putItems(id, [{ itemId: itemIds[1] }], "1");
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect(stale.body.error.currentVersion).toBe(2);
  });

  it("replaces the current list when no version is sent", async () => {
    const id = await newBundle();
    await putItems(id, [{ itemId: itemIds[0] }], "1");
    const replaced = await putItems(id, [{ itemId: itemIds[2], note: "nieuw" }]);
    expect(replaced.status).toBe(200);
    expect(listed(replaced)).toEqual([[itemIds[2], "nieuw"]]);
    expect(replaced.body.bundle.version).toBe(3);
  });

  it("keeps the object form, and refuses an If-Match that disagrees with it or is not a version", async () => {
    const id = await newBundle();
    const object = await putItems(id, { version: 1, items: [{ itemId: itemIds[0], note: "object" }] });
    expect(listed(object)).toEqual([[itemIds[0], "object"]]);
    const disagree = await putItems(id, { version: 2, items: [] }, "5");
    expect([disagree.status, disagree.body.error.code]).toEqual([400, "version_mismatch"]);
    const nonsense = await putItems(id, [], "gisteren");
    expect([nonsense.status, nonsense.body.error.code]).toEqual([400, "invalid_request"]);
  });
});

describe("actions without a body", () => {
  it("accept an empty body sent with Content-Type: application/json", async () => {
    const id = await newBundle();
    await putItems(id, [{ itemId: itemIds[0] }], "1");
    const json = { "Content-Type": "application/json" };
    const published = await server.api("POST", `/api/v1/bundles/${id}/publish`, { token: dewi(), raw: "", headers: json });
    expect([published.status, published.body.bundle.status]).toEqual([200, "published"]);
    const offered = await server.api("POST", `/api/v1/bundles/${id}/offers`, { token: dewi(), body: { schoolIds: [net.schoolA.id] } });
    const offerId = offered.body.offers[0].id;
    const accepted = await server.api("POST", `/api/v1/offers/${offerId}/accept`, { token: net.people.bram.token, raw: "", headers: json });
    expect([accepted.status, accepted.body.offer.status]).toEqual([200, "accepted"]);
  });

  it("still name the missing fields of a route that needs a body", async () => {
    const res = await server.api("POST", "/api/v1/items", { token: dewi(), raw: "", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path.join("."))).toContain("url");
  });
});
