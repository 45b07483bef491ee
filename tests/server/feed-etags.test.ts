/**
 * A feed reader keeps its copy until the ETag changes, and feed polls now answer from change counters
 * instead of re-reading the feed's rows. So every kind of change a reader would see must move the ETag,
 * and changes no reader of that feed can see must leave the 304 standing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

const v1 = (token?: string) => server.client(token).api.v1;
type Routes = ApiClient["api"]["v1"];
type ClipRequest = Parameters<Routes["items"]["$post"]>[0]["json"];

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, etag: res.headers.get("etag") ?? "", text: await res.text() };
}

/** Reads the feed, then asks again with its ETag after `change`: the status a reader's poll gets. */
async function pollAfter(path: string, change: () => Promise<unknown>) {
  const before = await get(path);
  expect(before.status, before.text.slice(0, 200)).toBe(200);
  expect((await get(path, { "If-None-Match": before.etag })).status).toBe(304);
  server.clock.advance(60_000);
  await change();
  return get(path, { "If-None-Match": before.etag });
}

async function save(person: Person, key: string, body: Omit<ClipRequest, "url">) {
  server.clock.advance(60_000);
  const res = await reply(v1(person.token).items.$post({ json: { url: `https://voorbeeld.nl/etag/${key}`, ...body } }));
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.item;
}

async function createTheme(slug: string, nl: string) {
  const res = await reply(v1(server.adminToken).themes.$post({ json: { slug, name: { nl, en: `${nl} (en)` } } }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function publish(title: string, audience: "public" | "network", theme: string, items: { itemId: string; note: string }[]) {
  const dewi = v1(net.people.dewi.token);
  server.clock.advance(60_000);
  const draft = await reply(dewi.bundles.$post({ json: { title, about: "Over", use: "Gebruik", themes: [theme], audience } }));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const param = { id: draft.body.bundle.id };
  const filled = await reply(dewi.bundles[":id"].items.$put({ param, json: { version: draft.body.bundle.version, items } }));
  expect(filled.status, JSON.stringify(filled.body)).toBe(200);
  const published = await reply(dewi.bundles[":id"].publish.$post({ param, json: {} }));
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.bundle;
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  for (const [slug, nl] of [
    ["etag-nieuw", "Etag nieuw"],
    ["etag-prive", "Etag privé"],
    ["etag-smal", "Etag smaller"],
    ["etag-naam", "Etag naam"],
    ["etag-weg", "Etag weg"],
    ["etag-bundel", "Etag bundel"],
    ["etag-school", "Etag school"],
    ["etag-extra", "Etag extra"],
  ] as const) {
    await createTheme(slug, nl);
  }
});
afterAll(() => server.stop());

describe("a theme feed's ETag", () => {
  it("changes when a public item is added to the theme", async () => {
    await save(net.people.anna, "nieuw-1", { title: "Eerste nieuwe", themes: ["etag-nieuw"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-nieuw.atom", () =>
      save(net.people.anna, "nieuw-2", { title: "Tweede nieuwe", themes: ["etag-nieuw"], visibility: "public" }),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain("Tweede nieuwe");
  });

  it("changes when someone else adds a public note to an item in the feed, without naming the theme", async () => {
    await save(net.people.anna, "notitie", { title: "Met notitie", themes: ["etag-nieuw"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-nieuw.json", () =>
      save(net.people.chris, "notitie", { note: "Openbare aanvulling van Chris", visibility: "public" }),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain("Openbare aanvulling van Chris");
  });

  it("stays the same when only saves the public cannot see change: private, school and network saves in the theme", async () => {
    await save(net.people.anna, "prive-basis", { title: "Openbaar in privé-thema", themes: ["etag-prive"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-prive.atom", async () => {
      await save(net.people.anna, "prive-1", { title: "Privé item", themes: ["etag-prive"], visibility: "private" });
      await save(net.people.bram, "prive-basis", { note: "Bram's eigen notitie", themes: ["etag-prive"], visibility: "private" });
      await save(net.people.anna, "prive-2", { title: "Schoolitem", themes: ["etag-prive"], visibility: "school" });
      await save(net.people.chris, "prive-3", { title: "Netwerkitem", themes: ["etag-prive"], visibility: "network" });
    });
    expect(after.status).toBe(304);
  });

  it("changes when a save is narrowed below public, and the item leaves the feed", async () => {
    const item = await save(net.people.anna, "smal", { title: "Wordt smaller", themes: ["etag-smal"], visibility: "public" });
    await save(net.people.anna, "smal-blijft", { title: "Blijft openbaar", themes: ["etag-smal"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-smal.rss", () =>
      v1(net.people.anna.token).items[":id"].$patch({ param: { id: item.id }, json: { visibility: "network" } }),
    );
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Wordt smaller");
    expect(after.text).toContain("Blijft openbaar");
  });

  it("changes when the theme is renamed, and the entries carry the new name", async () => {
    await save(net.people.anna, "naam", { title: "Thema krijgt een naam", themes: ["etag-naam"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-naam.atom", () =>
      reply(v1(server.adminToken).themes[":slug"].$patch({ param: { slug: "etag-naam" }, json: { name: { nl: "Etag hernoemd", en: "Etag renamed" } } })),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain('label="Etag hernoemd"');
  });

  it("changes when an item is deleted with its last save", async () => {
    const item = await save(net.people.anna, "weg", { title: "Gaat weg", themes: ["etag-weg"], visibility: "public" });
    await save(net.people.anna, "weg-blijft", { title: "Blijft staan", themes: ["etag-weg"], visibility: "public" });
    const after = await pollAfter("/feeds/themes/etag-weg.atom", async () => {
      const res = await v1(net.people.anna.token).items[":id"].$delete({ param: { id: item.id } });
      expect(res.status).toBe(204);
    });
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Gaat weg");
    expect(after.text).toContain("Blijft staan");
  });

  it("changes when a public bundle in the theme is published, and not when a network one is", async () => {
    const item = await save(net.people.anna, "bundel", { title: "Bundelitem", themes: ["etag-bundel"], visibility: "public" });
    const quiet = await pollAfter("/feeds/themes/etag-bundel.atom", () =>
      publish("Etag netwerkbundel", "network", "etag-bundel", [{ itemId: item.id, note: "Netwerk" }]),
    );
    expect(quiet.status).toBe(304);
    const after = await pollAfter("/feeds/themes/etag-bundel.atom", () =>
      publish("Etag openbare bundel", "public", "etag-bundel", [{ itemId: item.id, note: "Openbaar" }]),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain("Etag openbare bundel");
  });
});

describe("a school feed's ETag", () => {
  let path = "";
  const bram = () => v1(net.people.bram.token);

  beforeAll(async () => {
    const subscribed = await reply(bram().schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["etag-school"] } }));
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);
    const urls = await reply(bram().schools[":id"]["feed-url"].$get({ param: { id: net.schoolA.id } }));
    expect(urls.status, JSON.stringify(urls.body)).toBe(200);
    path = urls.body.atom.slice(server.url.length);
    await save(net.people.anna, "school-basis", { title: "Netwerkbasis", themes: ["etag-school"], visibility: "network" });
  });

  it("changes when a network item is added to a subscribed theme", async () => {
    const after = await pollAfter(path, () => save(net.people.chris, "school-nieuw", { title: "Nieuw in het netwerk", themes: ["etag-school"], visibility: "network" }));
    expect(after.status).toBe(200);
    expect(after.text).toContain("Nieuw in het netwerk");
  });

  it("stays the same for private, school and community saves in a subscribed theme", async () => {
    const after = await pollAfter(path, async () => {
      await save(net.people.anna, "school-prive", { title: "Alleen voor mij", themes: ["etag-school"], visibility: "private" });
      await save(net.people.anna, "school-school", { title: "Alleen voor de school", themes: ["etag-school"], visibility: "school" });
      await save(net.people.anna, "school-plg", { title: "Alleen voor de PLG", themes: ["etag-school"], visibility: "community", communityId: net.community.id });
    });
    expect(after.status).toBe(304);
  });

  it("changes when the subscriptions change", async () => {
    await save(net.people.anna, "school-extra", { title: "In het extra thema", themes: ["etag-extra"], visibility: "network" });
    const after = await pollAfter(path, () => reply(bram().schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["etag-school", "etag-extra"] } })));
    expect(after.status).toBe(200);
    expect(after.text).toContain("In het extra thema");
  });

  it("changes when a network save is narrowed to the school", async () => {
    const item = await save(net.people.anna, "school-smal", { title: "Wordt schoolwerk", themes: ["etag-school"], visibility: "network" });
    const after = await pollAfter(path, () => v1(net.people.anna.token).items[":id"].$patch({ param: { id: item.id }, json: { visibility: "school" } }));
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Wordt schoolwerk");
  });

  it("changes when an item is deleted", async () => {
    const item = await save(net.people.anna, "school-weg", { title: "Verdwijnt uit het netwerk", themes: ["etag-school"], visibility: "network" });
    const after = await pollAfter(path, () => v1(net.people.anna.token).items[":id"].$delete({ param: { id: item.id } }));
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Verdwijnt uit het netwerk");
  });

  it("changes when the school accepts a bundle", async () => {
    const item = await save(net.people.anna, "school-bundel", { title: "Voor de bundel", themes: ["etag-school"], visibility: "network" });
    const bundle = await publish("Etag schoolbundel", "network", "etag-school", [{ itemId: item.id, note: "Lees dit" }]);
    const offered = await reply(v1(net.people.dewi.token).bundles[":id"].offers.$post({ param: { id: bundle.id }, json: { schoolIds: [net.schoolA.id] } }));
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const after = await pollAfter(path, async () => {
      const accepted = await reply(bram().offers[":id"].accept.$post({ param: { id: offered.body.offers[0]!.id } }));
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    });
    expect(after.status).toBe(200);
    expect(after.text).toContain("Etag schoolbundel");
  });
});

describe("a bundle feed's ETag", () => {
  let slug = "";
  let itemId = "";

  beforeAll(async () => {
    const kept = await save(net.people.anna, "bundelfeed-1", { title: "Blijft in de bundel", themes: ["etag-bundel"], visibility: "public", meta: { excerpt: "Blijvende samenvatting" } });
    const gone = await save(net.people.anna, "bundelfeed-2", { title: "Wordt niet meer gedeeld", themes: ["etag-bundel"], visibility: "public", meta: { excerpt: "Verdwijnende samenvatting" } });
    itemId = gone.id;
    const bundle = await publish("Etag bundelfeed", "public", "etag-bundel", [
      { itemId: kept.id, note: "" },
      { itemId: gone.id, note: "" },
    ]);
    slug = bundle.slug!;
  });

  it("stays the same when nothing in it changed, though the library did", async () => {
    const after = await pollAfter(`/feeds/bundles/${slug}.atom`, () => save(net.people.anna, "bundelfeed-los", { title: "Los item", themes: ["etag-bundel"], visibility: "public" }));
    expect(after.status).toBe(304);
  });

  it("changes when a save in it is no longer shared", async () => {
    const after = await pollAfter(`/feeds/bundles/${slug}.atom`, () => v1(net.people.anna.token).items[":id"].$patch({ param: { id: itemId }, json: { visibility: "private" } }));
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("Verdwijnende samenvatting");
    expect(after.text).toContain("Blijvende samenvatting");
  });

  it("changes when its theme is renamed", async () => {
    const after = await pollAfter(`/feeds/bundles/${slug}.atom`, () =>
      reply(v1(server.adminToken).themes[":slug"].$patch({ param: { slug: "etag-bundel" }, json: { name: { nl: "Etag bundel hernoemd", en: "Etag bundle renamed" } } })),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain('label="Etag bundel hernoemd"');
  });
});
