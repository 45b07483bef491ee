import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { PublishBlocked } from "../../shared/schemas";
import type { ErrorBody } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
/** A second broker, for co-curating. */
let frank: Person;
let clipCount = 0;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const email = "frank@test.knooppunt.nl";
  const password = "wachtwoord-frank-2026";
  const created = await reply(v1(server.adminToken).admin.users.$post({ json: { name: "Test frank", email, password, roles: ["broker"] } }));
  const login = await reply(v1().auth.login.$post({ json: { email, password } }));
  frank = { id: created.body.user.id, email, password, token: login.body.token };
});
afterAll(() => server.stop());

type Routes = ApiClient["api"]["v1"];
type ClipRequest = Parameters<Routes["items"]["$post"]>[0]["json"];
type BundleRequest = Parameters<Routes["bundles"]["$post"]>[0]["json"];
type BundleChange = Parameters<Routes["bundles"][":id"]["$patch"]>[0]["json"];
type BundleItems = Parameters<Routes["bundles"][":id"]["items"]["$put"]>[0]["json"];
type BundleQuery = Parameters<Routes["bundles"]["$get"]>[0]["query"];
type Bundle = Awaited<ReturnType<typeof newBundle>>;

function v1(token?: string) {
  return server.client(token).api.v1;
}
const bundleRoutes = (token?: string) => v1(token).bundles[":id"];
const createBundle = (token: string | undefined, json: BundleRequest, headers?: Record<string, string>) =>
  reply(v1(token).bundles.$post({ json }, headers ? { headers } : undefined));
const listBundles = (token: string | undefined, query: BundleQuery) => reply(v1(token).bundles.$get({ query }));
const getBundle = (id: string, token?: string) => reply(bundleRoutes(token).$get({ param: { id } }));
const changeBundle = (id: string, token: string | undefined, json: BundleChange) => reply(bundleRoutes(token).$patch({ param: { id }, json }));
const putItems = (id: string, token: string, json: BundleItems) => reply(bundleRoutes(token).items.$put({ param: { id }, json }));
const publish = (id: string, token: string, json: { version?: number } = {}) => reply(bundleRoutes(token).publish.$post({ param: { id }, json }));
const addCurator = (id: string, token: string, userId: string) => reply(bundleRoutes(token).curators.$post({ param: { id }, json: { userId } }));
const removeCurator = (id: string, userId: string, token: string) => reply(bundleRoutes(token).curators[":userId"].$delete({ param: { id, userId } }));
const deleteBundle = (id: string, token: string) => reply(bundleRoutes(token).$delete({ param: { id } }));
/** A publication that is refused for items the audience may not see: its error lists them. */
const publishBlocked = (id: string, token: string) =>
  server.api<z.infer<typeof PublishBlocked>>("POST", `/api/v1/bundles/${id}/publish`, { token, body: {} });

/** Anna clips a fresh URL into the given circle and returns the item's id. */
async function clip(visibility: ClipRequest["visibility"] & string, extra: Partial<ClipRequest> = {}, who: Person = net.people.anna): Promise<string> {
  clipCount += 1;
  const res = await reply(
    v1(who.token).items.$post({
      json: {
        url: `https://www.voorbeeld.nl/bundels/${clipCount}`,
        title: `Bron ${clipCount} (${visibility})`,
        visibility,
        ...(visibility === "community" ? { communityId: net.community.id } : {}),
        ...extra,
      },
    }),
  );
  expect(res.status).toBe(201);
  return res.body.item.id;
}

async function newBundle(body: Partial<BundleRequest> = {}, token = net.people.dewi.token) {
  const res = await createBundle(token, { title: "Zachte landing", about: "Over nieuwkomers", use: "Bespreek in het team", themes: ["nieuwkomers"], audience: "network", ...body });
  expect(res.status).toBe(201);
  return res.body.bundle;
}

async function withItems(bundle: { id: string; version: number }, entries: { itemId: string; note?: string }[], token = net.people.dewi.token) {
  const res = await putItems(bundle.id, token, { version: bundle.version, items: entries });
  expect(res.status).toBe(200);
  return res.body.bundle;
}

async function publishedBundle(body: Partial<BundleRequest> = {}, entries?: { itemId: string; note?: string }[]) {
  const draft = await newBundle(body);
  const filled = await withItems(draft, entries ?? [{ itemId: await clip(body.audience === "public" ? "public" : "network"), note: "Lees dit eerst" }]);
  const res = await publish(filled.id, net.people.dewi.token);
  expect(res.status).toBe(200);
  return res.body.bundle;
}

describe("creating a bundle", () => {
  it("is for brokers only: a teacher gets 403, anonymous 401, a broker a draft they curate", async () => {
    const body = { title: "Meertalige rekendidactiek", audience: "network" } as const;
    expect((await createBundle(net.people.anna.token, body)).status).toBe(403);
    expect((await createBundle(undefined, body)).status).toBe(401);
    const res = await createBundle(net.people.dewi.token, { ...body, about: "Rekenen in meer talen", themes: ["meertalige-rekendidactiek"], sector: ["po", "po"] });
    expect(res.status).toBe(201);
    expect(res.body.bundle).toMatchObject({
      status: "draft",
      version: 1,
      publishedVersion: null,
      slug: null,
      publicUrl: null,
      about: "Rekenen in meer talen",
      use: "",
      themes: ["meertalige-rekendidactiek"],
      sector: ["po"],
      isCurator: true,
      items: [],
      curators: [{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }],
    });
  });

  it("rejects unknown themes by name and invalid input with the contract's 400", async () => {
    const unknown = await createBundle(net.people.dewi.token, { title: "X", audience: "network", themes: ["bestaat-niet"] });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe("unknown_theme");
    expect(unknown.error?.message).toContain("bestaat-niet");
    // An audience the contract does not know: sent raw, as the typed client would not let it through.
    const invalid = await server.api<ErrorBody>("POST", "/api/v1/bundles", { token: net.people.dewi.token, body: { title: "", audience: "iedereen" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["title", "audience"]));
  });

  it("returns the first bundle again for a repeated Idempotency-Key and creates no second one", async () => {
    const headers = { "Idempotency-Key": "bundel-aanmaken-1" };
    const body = { title: "Eenmalig aangemaakt", audience: "network" } as const;
    const first = await createBundle(net.people.dewi.token, body, headers);
    const again = await createBundle(net.people.dewi.token, body, headers);
    expect(again.status).toBe(201);
    expect(again.body.bundle.id).toBe(first.body.bundle.id);
    const mine = await listBundles(net.people.dewi.token, { curatedBy: "me", limit: "100" });
    expect(mine.body.bundles.filter((b) => b.title === "Eenmalig aangemaakt")).toHaveLength(1);
  });
});

describe("editing the working copy", () => {
  it("changes only the fields sent: a PATCH of the title keeps about, use and themes", async () => {
    const bundle = await newBundle();
    const res = await changeBundle(bundle.id, net.people.dewi.token, { version: bundle.version, title: "Zachte landing, deel 2" });
    expect(res.status).toBe(200);
    expect(res.body.bundle).toMatchObject({ title: "Zachte landing, deel 2", about: "Over nieuwkomers", use: "Bespreek in het team", themes: ["nieuwkomers"], version: bundle.version + 1 });
  });

  it("stores the ordered item list with a note per item and shows each item as the curator sees it", async () => {
    const a = await clip("network", { themes: ["nt2"] });
    const b = await clip("community");
    const bundle = await withItems(await newBundle(), [
      { itemId: b, note: "Eerst deze" },
      { itemId: a, note: "Dan deze" },
    ]);
    expect(bundle.items.map((i) => [i.itemId, i.note])).toEqual([
      [b, "Eerst deze"],
      [a, "Dan deze"],
    ]);
    expect(bundle.items[1]?.item).toMatchObject({ id: a, themes: ["nt2"] });
    expect(bundle.version).toBe(2);
    const reordered = await withItems(bundle, [{ itemId: a, note: "Nu eerst" }]);
    expect(reordered.items.map((i) => i.itemId)).toEqual([a]);
  });

  it("refuses items the curator cannot see (or that do not exist) and names them", async () => {
    const hidden = await clip("private");
    const visible = await clip("network");
    const bundle = await newBundle();
    const res = await putItems(bundle.id, net.people.dewi.token, {
      version: bundle.version,
      items: [{ itemId: visible }, { itemId: hidden }, { itemId: "bestaatniet123" }],
    });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe("items_not_visible");
    expect(res.error?.message).toContain(hidden);
    expect(res.error?.issues?.map((i) => i.path)).toEqual([
      ["items", 1, "itemId"],
      ["items", 2, "itemId"],
    ]);
    const after = await getBundle(bundle.id, net.people.dewi.token);
    expect(after.body.bundle.items).toEqual([]);
  });
});

describe("two curators editing at once", () => {
  it("never silently overwrite each other: the stale save gets 409 version_conflict and changes nothing", async () => {
    const bundle = await newBundle();
    expect((await addCurator(bundle.id, net.people.dewi.token, frank.id)).status).toBe(201);
    const loaded = (await getBundle(bundle.id, net.people.dewi.token)).body.bundle;
    const loadedByFrank = (await getBundle(bundle.id, frank.token)).body.bundle;
    expect(loadedByFrank.version).toBe(loaded.version);

    const franksSave = await changeBundle(bundle.id, frank.token, { version: loadedByFrank.version, about: "Frank schreef dit" });
    expect(franksSave.status).toBe(200);
    const dewisSave = await changeBundle(bundle.id, net.people.dewi.token, { version: loaded.version, about: "Dewi schreef dit" });
    expect(dewisSave.status).toBe(409);
    expect(dewisSave.error).toMatchObject({ code: "version_conflict", currentVersion: loaded.version + 1 });
    expect(dewisSave.error?.message).toMatch(/someone else saved/i);

    const staleItems = await putItems(bundle.id, net.people.dewi.token, { version: loaded.version, items: [{ itemId: await clip("network") }] });
    expect(staleItems.status).toBe(409);
    const now = (await getBundle(bundle.id, net.people.dewi.token)).body.bundle;
    expect(now).toMatchObject({ about: "Frank schreef dit", version: loaded.version + 1, items: [] });
  });
});

describe("co-curators", () => {
  it("must be brokers; adding one twice adds nothing; brokers can look each other up", async () => {
    const brokers = await reply(v1(net.people.dewi.token).brokers.$get());
    expect(brokers.body.brokers.map((b) => b.id)).toEqual(expect.arrayContaining([net.people.dewi.id, frank.id]));
    expect(brokers.body.brokers.map((b) => b.id)).not.toContain(net.people.anna.id);
    expect((await reply(v1(net.people.anna.token).brokers.$get())).status).toBe(403);

    const bundle = await newBundle();
    const teacher = await addCurator(bundle.id, net.people.dewi.token, net.people.anna.id);
    expect(teacher.status).toBe(400);
    expect(teacher.error?.code).toBe("curator_not_broker");
    expect((await addCurator(bundle.id, net.people.dewi.token, frank.id)).status).toBe(201);
    const twice = await addCurator(bundle.id, net.people.dewi.token, frank.id);
    expect(twice.status).toBe(200);
    expect(twice.body.bundle.curators).toEqual([
      { id: net.people.dewi.id, name: "Test dewi", role: "owner" },
      { id: frank.id, name: "Test frank", role: "curator" },
    ]);
  });

  it("can change the bundle and step down; the last curator cannot leave", async () => {
    const bundle = await newBundle();
    await addCurator(bundle.id, net.people.dewi.token, frank.id);
    const edit = await changeBundle(bundle.id, frank.token, { version: bundle.version, use: "Frank vult aan" });
    expect(edit.status).toBe(200);
    expect((await removeCurator(bundle.id, frank.id, frank.token)).status).toBe(204);
    const after = await getBundle(bundle.id, net.people.dewi.token);
    expect(after.body.bundle.curators).toEqual([{ id: net.people.dewi.id, name: "Test dewi", role: "owner" }]);
    // Frank is no longer a curator of this draft, so it no longer exists for him.
    expect((await getBundle(bundle.id, frank.token)).status).toBe(404);
    const last = await removeCurator(bundle.id, net.people.dewi.id, net.people.dewi.token);
    expect(last.status).toBe(409);
    expect(last.error?.code).toBe("last_curator");
  });
});

describe("a curator who is no longer a broker", () => {
  it("keeps reading the bundle but can no longer change, publish, offer or follow its reach, until the role returns", async () => {
    const email = "gijs@test.knooppunt.nl";
    const password = "wachtwoord-gijs-2026";
    const created = await reply(v1(server.adminToken).admin.users.$post({ json: { name: "Test gijs", email, password, roles: ["broker"] } }));
    const token = (await reply(v1().auth.login.$post({ json: { email, password } }))).body.token;
    const draft = await newBundle({}, token);
    const filled = await withItems(draft, [{ itemId: await clip("network"), note: "Start hier" }], token);
    expect((await publish(filled.id, token)).status).toBe(200);

    const setRoles = (roles: "broker"[]) => reply(v1(server.adminToken).admin.users[":id"].$patch({ param: { id: created.body.user.id }, json: { roles } }));
    expect((await setRoles([])).status).toBe(200);
    const current = (await getBundle(filled.id, token)).body.bundle;
    expect(current.status).toBe("published");
    const refused = [
      await changeBundle(filled.id, token, { version: current.version, title: "Nog even aangepast" }),
      await publish(filled.id, token),
      await reply(bundleRoutes(token).offers.$post({ param: { id: filled.id }, json: { schoolIds: [net.schoolA.id] } })),
      await reply(bundleRoutes(token).reach.$get({ param: { id: filled.id } })),
      await addCurator(filled.id, token, frank.id),
      await deleteBundle(filled.id, token),
    ];
    expect(refused.map((r) => [r.status, r.error?.code])).toEqual(refused.map(() => [403, "broker_only"]));

    expect((await setRoles(["broker"])).status).toBe(200);
    expect((await bundleRoutes(token).reach.$get({ param: { id: filled.id } })).status).toBe(200);
  });
});

describe("who may see and change a bundle", () => {
  it("a draft is 404 for everyone but its curators, for reading and for changing", async () => {
    const bundle = await newBundle();
    for (const token of [net.people.eva.token, frank.token, undefined]) {
      expect((await getBundle(bundle.id, token)).status).toBe(404);
    }
    for (const token of [net.people.eva.token, frank.token]) {
      expect((await changeBundle(bundle.id, token, { version: 1, title: "Overgenomen" })).status).toBe(404);
      expect((await putItems(bundle.id, token, { version: 1, items: [] })).status).toBe(404);
      expect((await publish(bundle.id, token)).status).toBe(404);
      expect((await addCurator(bundle.id, token, frank.id)).status).toBe(404);
      expect((await deleteBundle(bundle.id, token)).status).toBe(404);
    }
    expect((await changeBundle(bundle.id, undefined, { version: 1, title: "x" })).status).toBe(401);
    expect((await getBundle(bundle.id, net.people.dewi.token)).body.bundle.title).toBe("Zachte landing");
  });

  it("a published network bundle: signed-in people read the snapshot, non-curators get 403 on changes, anonymous 404", async () => {
    const bundle = await publishedBundle();
    const read = await getBundle(bundle.id, net.people.eva.token);
    expect(read.status).toBe(200);
    expect(read.body.bundle).toMatchObject({ isCurator: false, status: "published", items: [{ note: "Lees dit eerst", item: null }] });
    expect(read.body.bundle.items[0]?.entry?.note).toBe("Lees dit eerst");
    for (const [what, call] of [
      ["PATCH the bundle", () => changeBundle(bundle.id, frank.token, { version: bundle.version, title: "Overgenomen" })],
      ["PUT its items", () => putItems(bundle.id, frank.token, { version: bundle.version, items: [] })],
      ["POST publish", () => publish(bundle.id, frank.token)],
      ["POST a curator", () => addCurator(bundle.id, frank.token, frank.id)],
      ["DELETE a curator", () => removeCurator(bundle.id, net.people.dewi.id, frank.token)],
      ["DELETE the bundle", () => deleteBundle(bundle.id, frank.token)],
    ] as const) {
      const res = await call();
      expect(res.status, what).toBe(403);
      expect(res.error?.code).toBe("not_a_curator");
    }
    expect((await getBundle(bundle.id)).status).toBe(404);
    expect((await getBundle(bundle.id, net.people.dewi.token)).body.bundle.title).toBe("Zachte landing");
  });

  it("a published public bundle opens for anonymous callers", async () => {
    const bundle = await publishedBundle({ audience: "public", title: "Openbare bundel" });
    const res = await getBundle(bundle.id);
    expect(res.status).toBe(200);
    expect(res.body.bundle).toMatchObject({ title: "Openbare bundel", isCurator: false });
  });

  it("widening the audience of a published bundle opens nothing until it is published again", async () => {
    const bundle = await publishedBundle({ title: "Eerst alleen het netwerk" });
    const widened = await changeBundle(bundle.id, net.people.dewi.token, { version: bundle.version, audience: "public" });
    expect(widened.body.bundle).toMatchObject({ audience: "public", unpublishedChanges: true });
    expect((await getBundle(bundle.id)).status).toBe(404);
    expect((await listBundles(undefined, { limit: "100" })).body.bundles.map((b) => b.id)).not.toContain(bundle.id);
    const page = await fetch(bundle.publicUrl!);
    await page.text();
    expect(page.status).toBe(404);
    // Publishing checks the items against the wider audience: the network-only item now blocks it.
    const blocked = await publishBlocked(bundle.id, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.items[0]?.widestCircle).toBe("network");
  });

  it("a curator deletes a bundle; it is gone for everyone", async () => {
    const bundle = await publishedBundle();
    expect((await deleteBundle(bundle.id, net.people.dewi.token)).status).toBe(204);
    expect((await getBundle(bundle.id, net.people.dewi.token)).status).toBe(404);
    expect((await getBundle(bundle.id, net.people.eva.token)).status).toBe(404);
  });
});

describe("publishing", () => {
  it("is blocked by items whose circles are smaller than the audience, naming each item and why", async () => {
    const inCommunity = await clip("community");
    const inNetwork = await clip("network");
    const draft = await withItems(await newBundle(), [{ itemId: inCommunity }, { itemId: inNetwork }]);
    const blocked = await publishBlocked(draft.id, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(Object.keys(blocked.body)).toEqual(["error"]);
    expect(blocked.body.error.code).toBe("items_not_visible");
    expect(blocked.body.error.items).toEqual([{ itemId: inCommunity, title: expect.stringContaining("(community)"), reason: expect.stringContaining("within a community"), widestCircle: "community" }]);
    expect((await getBundle(draft.id, net.people.eva.token)).status).toBe(404);

    // Anna widens her save to the network: now the bundle can go out.
    await v1(net.people.anna.token).items[":id"].$patch({ param: { id: inCommunity }, json: { visibility: "network" } });
    const published = await publish(draft.id, net.people.dewi.token);
    expect(published.status).toBe(200);
    expect(published.body.bundle.status).toBe("published");
  });

  it("for a public bundle needs a public save: a network save blocks it", async () => {
    const inNetwork = await clip("network");
    const inPublic = await clip("public");
    const draft = await withItems(await newBundle({ audience: "public" }), [{ itemId: inPublic }, { itemId: inNetwork }]);
    const blocked = await publishBlocked(draft.id, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.items.map((i) => [i.itemId, i.widestCircle])).toEqual([[inNetwork, "network"]]);
    expect(blocked.body.error.items[0]?.reason).toContain("public");
  });

  it("refuses an empty bundle and a stale version", async () => {
    const empty = await newBundle();
    const res = await publish(empty.id, net.people.dewi.token);
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe("bundle_empty");
    const filled = await withItems(empty, [{ itemId: await clip("network") }]);
    const stale = await publish(filled.id, net.people.dewi.token, { version: filled.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.error?.code).toBe("version_conflict");
  });

  it("gives a kebab-case slug without diacritics and a random suffix, kept across versions; edits wait for the next publication", async () => {
    const bundle = await publishedBundle({ title: "Zachte landing: één Ärger-vrije start!" });
    expect(bundle.slug).toMatch(/^zachte-landing-een-arger-vrije-start-[a-z0-9]{6}$/);
    expect(bundle.publicUrl).toBe(`${server.url}/b/${bundle.slug}`);
    expect(bundle).toMatchObject({ status: "published", publishedVersion: 1, unpublishedChanges: false });

    const edited = await changeBundle(bundle.id, net.people.dewi.token, { version: bundle.version, title: "Een nieuwe titel" });
    expect(edited.body.bundle.unpublishedChanges).toBe(true);
    expect((await getBundle(bundle.id, net.people.eva.token)).body.bundle.title).toBe("Zachte landing: één Ärger-vrije start!");

    const again = await publish(bundle.id, net.people.dewi.token);
    expect(again.body.bundle).toMatchObject({ slug: bundle.slug, publishedVersion: 2, unpublishedChanges: false });
    expect((await getBundle(bundle.id, net.people.eva.token)).body.bundle.title).toBe("Een nieuwe titel");
    const unchanged = await publish(bundle.id, net.people.dewi.token);
    expect(unchanged.body.bundle.publishedVersion).toBe(2);
  });

  it("snapshots the broker's note and the page's metadata, with themes visible at the audience, never other people's notes", async () => {
    const id = await clip("network", { note: "ANNA-NOTITIE-NETWERK", themes: ["nieuwkomers"], meta: { siteName: "Lowan", imageUrl: "https://www.lowan.nl/beeld.jpg" } });
    // Bram adds a school-only save of the same page with a theme and a note of his own.
    const url = (await reply(v1(net.people.anna.token).items[":id"].$get({ param: { id } }))).body.item.url;
    await v1(net.people.bram.token).items.$post({ json: { url, visibility: "school", note: "BRAM-NOTITIE-SCHOOL", themes: ["burgerschap"] } });
    // The broker's own private save is not the bundle's either.
    await v1(net.people.dewi.token).items.$post({ json: { url, visibility: "private", note: "DEWI-EIGEN-NOTITIE", themes: ["kansengelijkheid"] } });
    const bundle = await publishedBundle({}, [{ itemId: id, note: "De toelichting van de makelaar" }]);
    const read = await getBundle(bundle.id, net.people.eva.token);
    expect(read.body.bundle.items[0]?.entry).toMatchObject({ itemId: id, siteName: "Lowan", imageUrl: "https://www.lowan.nl/beeld.jpg", themes: ["nieuwkomers"], note: "De toelichting van de makelaar" });
    for (const body of [read.body, (await getBundle(bundle.id, net.people.dewi.token)).body.bundle.items[0]?.entry]) {
      expect(JSON.stringify(body)).not.toContain("ANNA-NOTITIE-NETWERK");
      expect(JSON.stringify(body)).not.toContain("BRAM-NOTITIE-SCHOOL");
      expect(JSON.stringify(body)).not.toContain("DEWI-EIGEN-NOTITIE");
    }
  });

  it("keeps the published snapshot when the item's last save is deleted", async () => {
    const id = await clip("network");
    const bundle = await publishedBundle({}, [{ itemId: id, note: "Blijft staan" }]);
    expect((await v1(net.people.anna.token).items[":id"].$delete({ param: { id } })).status).toBe(204);
    const read = await getBundle(bundle.id, net.people.eva.token);
    expect(read.body.bundle.items).toEqual([{ itemId: id, note: "Blijft staan", item: null, entry: expect.objectContaining({ itemId: id, title: expect.stringContaining("(network)") }) }]);
    const curator = await getBundle(bundle.id, net.people.dewi.token);
    expect(curator.body.bundle).toMatchObject({ items: [], unpublishedChanges: true });
  });
});

describe("the bundle list", () => {
  it("holds the caller's drafts and the published bundles in their audience, page by page", async () => {
    server.clock.advance(60_000);
    const draft = await newBundle({ title: "Concept van Dewi" });
    server.clock.advance(60_000);
    const network = await publishedBundle({ title: "Netwerkbundel in de lijst" });
    server.clock.advance(60_000);
    const open = await publishedBundle({ title: "Openbare bundel in de lijst", audience: "public" });
    const ids = (res: { body: { bundles: { id: string }[] } }) => res.body.bundles.map((b) => b.id);

    const dewi = await listBundles(net.people.dewi.token, { limit: "100" });
    expect(ids(dewi)).toEqual(expect.arrayContaining([draft.id, network.id, open.id]));
    const eva = await listBundles(net.people.eva.token, { limit: "100" });
    expect(ids(eva)).toEqual(expect.arrayContaining([network.id, open.id]));
    expect(ids(eva)).not.toContain(draft.id);
    expect(eva.body.bundles.every((b) => b.status === "published" && !b.isCurator)).toBe(true);
    const anonymous = await listBundles(undefined, { limit: "100" });
    expect(ids(anonymous)).toContain(open.id);
    expect(ids(anonymous)).not.toContain(network.id);
    expect(anonymous.body.bundles.every((b) => b.audience === "public")).toBe(true);
    const drafts = await listBundles(net.people.dewi.token, { status: "draft", curatedBy: "me", limit: "100" });
    expect(ids(drafts)).toContain(draft.id);
    expect(drafts.body.bundles.every((b) => b.status === "draft")).toBe(true);

    // Walking the list two at a time gives the same bundles, newest first, each once.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listBundles(net.people.dewi.token, { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.body.bundles.length).toBeLessThanOrEqual(2);
      walked.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids(dewi));
    expect(ids(dewi).slice(0, 3)).toEqual([open.id, network.id, draft.id]);
    expect((await listBundles(net.people.dewi.token, { cursor: "kapot" })).status).toBe(400);
  });
});
