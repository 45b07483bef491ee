import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, offerKey, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token?: string) => server.client(token).api.v1;
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, etag: res.headers.get("etag"), text: await res.text() };
};

async function publishedBundle(items: { itemId: string; note: string }[]) {
  const bundles = v1(net.people.dewi.token).bundles;
  const draft = (await reply(bundles.$post({ json: { title: "Thuistaal", about: "Over thuistaal", themes: ["thuistalen"], audience: "public" } }))).body.bundle;
  await bundles[":id"].items.$put({ param: { id: draft.id }, json: { version: draft.version, items } });
  const published = await reply(bundles[":id"].publish.$post({ param: { id: draft.id }, json: {} }));
  expect(published.status).toBe(200);
  return published.body.bundle;
}

describe("a published bundle whose saves are withdrawn", () => {
  it("keeps the title and link but drops the excerpt once the save it showed is narrowed or deleted, on the page and in the feed", async () => {
    const anna = v1(net.people.anna.token).items;
    const narrowed = (
      await reply(
        anna.$post({
          json: { url: "https://www.nji.nl/thuistaal", title: "Thuistaal in de klas", visibility: "public", meta: { excerpt: "Samenvatting die Anna koos", author: "Anna" } },
        }),
      )
    ).body.item.id;
    const deleted = (
      await reply(v1(net.people.chris.token).items.$post({ json: { url: "https://www.lowan.nl/ouders", title: "Ouders betrekken", visibility: "public", meta: { excerpt: "Samenvatting van Chris" } } }))
    ).body.item.id;
    const kept = (await reply(anna.$post({ json: { url: "https://www.slo.nl/taal", title: "Taal in de leerlijn", visibility: "public", meta: { excerpt: "Blijft gedeeld" } } }))).body.item.id;
    const bundle = await publishedBundle([
      { itemId: narrowed, note: "Lees dit eerst" },
      { itemId: deleted, note: "" },
      { itemId: kept, note: "" },
    ]);
    const pagePath = `/b/${bundle.slug}`;
    const feedPath = `/feeds/bundles/${bundle.slug}.atom`;
    const before = await get(pagePath);
    expect(before.text).toContain("Samenvatting die Anna koos");
    expect(before.text).toContain("Samenvatting van Chris");
    expect(before.text).not.toContain("niet meer gedeeld");
    const feedBefore = await get(feedPath);
    expect(feedBefore.text).toContain("Samenvatting van Chris");

    // Anna narrows her save to her school; Chris deletes his.
    expect((await reply(anna[":id"].$patch({ param: { id: narrowed }, json: { visibility: "school" } }))).status).toBe(200);
    expect((await v1(net.people.chris.token).items[":id"].$delete({ param: { id: deleted } })).status).toBe(204);

    const after = await get(pagePath);
    expect(after.status).toBe(200);
    for (const gone of ["Samenvatting die Anna koos", "Samenvatting van Chris"]) expect(after.text).not.toContain(gone);
    expect(after.text).toContain("Thuistaal in de klas");
    expect(after.text).toContain("https://www.nji.nl/thuistaal");
    expect(after.text).toContain("Ouders betrekken");
    expect(after.text).toContain("Lees dit eerst");
    expect(after.text).toContain("Blijft gedeeld");
    expect(after.text.match(/niet meer gedeeld/g)).toHaveLength(2);
    expect((await get(`${pagePath}?lang=en`)).text.match(/no longer shared/g)).toHaveLength(2);

    // A feed reader revalidating its old copy gets the new one, not a 304.
    const feedAfter = await get(feedPath, { "If-None-Match": feedBefore.etag! });
    expect(feedAfter.status).toBe(200);
    expect(feedAfter.text).not.toContain("Samenvatting van Chris");
    expect(feedAfter.text).not.toContain("Samenvatting die Anna koos");
    expect(feedAfter.text).toContain("Blijft gedeeld");
    expect(feedAfter.text).toContain("Ouders betrekken");
    expect(feedAfter.text.match(/niet meer gedeeld/g)).toHaveLength(2);

    // Readers of the bundle through the API see the same entries.
    const read = await reply(v1(net.people.eva.token).bundles[":id"].$get({ param: { id: bundle.id } }));
    expect(read.body.bundle.items.map((i) => [i.entry?.excerpt ?? null, i.entry?.noLongerShared ?? false])).toEqual([
      [null, true],
      [null, true],
      ["Blijft gedeeld", false],
    ]);
  });

  it("drops the excerpt on the page a school's offer key opens, as on the bundle's own page", async () => {
    const anna = v1(net.people.anna.token).items;
    const narrowed = (
      await reply(anna.$post({ json: { url: "https://www.nji.nl/sleutel-thuistaal", title: "Thuistaal met een sleutel", visibility: "public", meta: { excerpt: "Samenvatting achter de sleutel" } } }))
    ).body.item.id;
    const bundle = await publishedBundle([{ itemId: narrowed, note: "" }]);
    const made = await reply(v1(net.people.dewi.token).bundles[":id"].offers.$post({ param: { id: bundle.id }, json: { schoolIds: [net.schoolB.id] } }));
    expect(made.status).toBe(201);
    const keyPath = `/b/${bundle.slug}?key=${offerKey(server, made.body.offers[0]!.id)}`;
    expect((await get(keyPath)).text).toContain("Samenvatting achter de sleutel");

    expect((await reply(anna[":id"].$patch({ param: { id: narrowed }, json: { visibility: "private" } }))).status).toBe(200);
    const after = await get(keyPath);
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Samenvatting achter de sleutel");
    expect(after.text).toContain("Thuistaal met een sleutel");
    expect(after.text.match(/niet meer gedeeld/g)).toHaveLength(1);
  });

  it("lets the broker withdraw their own note from the published bundle by publishing it again without it", async () => {
    const item = (await reply(v1(net.people.anna.token).items.$post({ json: { url: "https://www.slo.nl/leesmotivatie", title: "Leesmotivatie", visibility: "public" } }))).body.item.id;
    const bundle = await publishedBundle([{ itemId: item, note: "Mijn persoonlijke ervaring in groep 6" }]);
    expect((await get(`/b/${bundle.slug}`)).text).toContain("Mijn persoonlijke ervaring in groep 6");
    const bundles = v1(net.people.dewi.token).bundles;
    const current = (await reply(bundles[":id"].$get({ param: { id: bundle.id } }))).body.bundle;
    await bundles[":id"].items.$put({ param: { id: bundle.id }, json: { version: current.version, items: [{ itemId: item, note: "" }] } });
    expect((await reply(bundles[":id"].publish.$post({ param: { id: bundle.id }, json: {} }))).status).toBe(200);
    const page = await get(`/b/${bundle.slug}`);
    expect(page.text).not.toContain("Mijn persoonlijke ervaring in groep 6");
    expect(page.text).toContain("Leesmotivatie");
    expect((await get(`/feeds/bundles/${bundle.slug}.atom`)).text).not.toContain("Mijn persoonlijke ervaring in groep 6");
  });
});
