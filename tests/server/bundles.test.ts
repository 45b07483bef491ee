import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

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
  const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test frank", email, password, roles: ["broker"] } });
  const login = await server.api("POST", "/api/v1/auth/login", { body: { email, password } });
  frank = { id: created.body.user.id, email, password, token: login.body.token };
});
afterAll(() => server.stop());

const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => server.api(method, path, { token, body, headers });

/** Anna clips a fresh URL into the given circle and returns the item's id. */
async function clip(visibility: string, extra: Record<string, unknown> = {}, who: Person = net.people.anna): Promise<string> {
  clipCount += 1;
  const res = await api("POST", "/api/v1/items", who.token, {
    url: `https://www.voorbeeld.nl/bundels/${clipCount}`,
    title: `Bron ${clipCount} (${visibility})`,
    visibility,
    ...(visibility === "community" ? { communityId: net.community.id } : {}),
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.item.id;
}

async function newBundle(body: Record<string, unknown> = {}, token = net.people.dewi.token) {
  const res = await api("POST", "/api/v1/bundles", token, { title: "Zachte landing", about: "Over nieuwkomers", use: "Bespreek in het team", themes: ["nieuwkomers"], audience: "network", ...body });
  expect(res.status).toBe(201);
  return res.body.bundle;
}

async function withItems(bundle: any, entries: { itemId: string; note?: string }[], token = net.people.dewi.token) {
  const res = await api("PUT", `/api/v1/bundles/${bundle.id}/items`, token, { version: bundle.version, items: entries });
  expect(res.status).toBe(200);
  return res.body.bundle;
}

async function publishedBundle(body: Record<string, unknown> = {}, entries?: { itemId: string; note?: string }[]) {
  const draft = await newBundle(body);
  const filled = await withItems(draft, entries ?? [{ itemId: await clip(body.audience === "public" ? "public" : "network"), note: "Lees dit eerst" }]);
  const res = await api("POST", `/api/v1/bundles/${filled.id}/publish`, net.people.dewi.token);
  expect(res.status).toBe(200);
  return res.body.bundle;
}

describe("creating a bundle", () => {
  it("is for brokers only: a teacher gets 403, anonymous 401, a broker a draft they curate", async () => {
    const body = { title: "Meertalige rekendidactiek", audience: "network" };
    expect((await api("POST", "/api/v1/bundles", net.people.anna.token, body)).status).toBe(403);
    expect((await api("POST", "/api/v1/bundles", undefined, body)).status).toBe(401);
    const res = await api("POST", "/api/v1/bundles", net.people.dewi.token, { ...body, about: "Rekenen in meer talen", themes: ["meertalige-rekendidactiek"], sector: ["po", "po"] });
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
    const unknown = await api("POST", "/api/v1/bundles", net.people.dewi.token, { title: "X", audience: "network", themes: ["bestaat-niet"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_theme");
    expect(unknown.body.error.message).toContain("bestaat-niet");
    const invalid = await api("POST", "/api/v1/bundles", net.people.dewi.token, { title: "", audience: "iedereen" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: any) => i.path.join("."))).toEqual(expect.arrayContaining(["title", "audience"]));
  });

  it("returns the first bundle again for a repeated Idempotency-Key and creates no second one", async () => {
    const headers = { "Idempotency-Key": "bundel-aanmaken-1" };
    const body = { title: "Eenmalig aangemaakt", audience: "network" };
    const first = await api("POST", "/api/v1/bundles", net.people.dewi.token, body, headers);
    const again = await api("POST", "/api/v1/bundles", net.people.dewi.token, body, headers);
    expect(again.status).toBe(201);
    expect(again.body.bundle.id).toBe(first.body.bundle.id);
    const mine = await api("GET", "/api/v1/bundles?curatedBy=me&limit=100", net.people.dewi.token);
    expect(mine.body.bundles.filter((b: any) => b.title === "Eenmalig aangemaakt")).toHaveLength(1);
  });
});

describe("editing the working copy", () => {
  it("changes only the fields sent: a PATCH of the title keeps about, use and themes", async () => {
    const bundle = await newBundle();
    const res = await api("PATCH", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token, { version: bundle.version, title: "Zachte landing, deel 2" });
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
    expect(bundle.items.map((i: any) => [i.itemId, i.note])).toEqual([
      [b, "Eerst deze"],
      [a, "Dan deze"],
    ]);
    expect(bundle.items[1].item).toMatchObject({ id: a, themes: ["nt2"] });
    expect(bundle.version).toBe(2);
    const reordered = await withItems(bundle, [{ itemId: a, note: "Nu eerst" }]);
    expect(reordered.items.map((i: any) => i.itemId)).toEqual([a]);
  });

  it("refuses items the curator cannot see (or that do not exist) and names them", async () => {
    const hidden = await clip("private");
    const visible = await clip("network");
    const bundle = await newBundle();
    const res = await api("PUT", `/api/v1/bundles/${bundle.id}/items`, net.people.dewi.token, {
      version: bundle.version,
      items: [{ itemId: visible }, { itemId: hidden }, { itemId: "bestaatniet123" }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("items_not_visible");
    expect(res.body.error.message).toContain(hidden);
    expect(res.body.error.issues.map((i: any) => i.path)).toEqual([
      ["items", 1, "itemId"],
      ["items", 2, "itemId"],
    ]);
    const after = await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token);
    expect(after.body.bundle.items).toEqual([]);
  });
});

describe("two curators editing at once", () => {
  it("never silently overwrite each other: the stale save gets 409 version_conflict and changes nothing", async () => {
    const bundle = await newBundle();
    expect((await api("POST", `/api/v1/bundles/${bundle.id}/curators`, net.people.dewi.token, { userId: frank.id })).status).toBe(201);
    const loaded = (await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).body.bundle;
    const loadedByFrank = (await api("GET", `/api/v1/bundles/${bundle.id}`, frank.token)).body.bundle;
    expect(loadedByFrank.version).toBe(loaded.version);

    const franksSave = await api("PATCH", `/api/v1/bundles/${bundle.id}`, frank.token, { version: loadedByFrank.version, about: "Frank schreef dit" });
    expect(franksSave.status).toBe(200);
    const dewisSave = await api("PATCH", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token, { version: loaded.version, about: "Dewi schreef dit" });
    expect(dewisSave.status).toBe(409);
    expect(dewisSave.body.error).toMatchObject({ code: "version_conflict", currentVersion: loaded.version + 1 });
    expect(dewisSave.body.error.message).toMatch(/someone else saved/i);

    const staleItems = await api("PUT", `/api/v1/bundles/${bundle.id}/items`, net.people.dewi.token, { version: loaded.version, items: [{ itemId: await clip("network") }] });
    expect(staleItems.status).toBe(409);
    const now = (await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).body.bundle;
    expect(now).toMatchObject({ about: "Frank schreef dit", version: loaded.version + 1, items: [] });
  });
});

describe("co-curators", () => {
  it("must be brokers; adding one twice adds nothing; brokers can look each other up", async () => {
    const brokers = await api("GET", "/api/v1/brokers", net.people.dewi.token);
    expect(brokers.body.brokers.map((b: any) => b.id)).toEqual(expect.arrayContaining([net.people.dewi.id, frank.id]));
    expect(brokers.body.brokers.map((b: any) => b.id)).not.toContain(net.people.anna.id);
    expect((await api("GET", "/api/v1/brokers", net.people.anna.token)).status).toBe(403);

    const bundle = await newBundle();
    const teacher = await api("POST", `/api/v1/bundles/${bundle.id}/curators`, net.people.dewi.token, { userId: net.people.anna.id });
    expect(teacher.status).toBe(400);
    expect(teacher.body.error.code).toBe("curator_not_broker");
    expect((await api("POST", `/api/v1/bundles/${bundle.id}/curators`, net.people.dewi.token, { userId: frank.id })).status).toBe(201);
    const twice = await api("POST", `/api/v1/bundles/${bundle.id}/curators`, net.people.dewi.token, { userId: frank.id });
    expect(twice.status).toBe(200);
    expect(twice.body.bundle.curators).toEqual([
      { id: net.people.dewi.id, name: "Test dewi", role: "owner" },
      { id: frank.id, name: "Test frank", role: "curator" },
    ]);
  });

  it("can change the bundle; when the owner leaves the co-curator becomes owner; the last curator cannot leave", async () => {
    const bundle = await newBundle();
    await api("POST", `/api/v1/bundles/${bundle.id}/curators`, net.people.dewi.token, { userId: frank.id });
    const edit = await api("PATCH", `/api/v1/bundles/${bundle.id}`, frank.token, { version: bundle.version, use: "Frank vult aan" });
    expect(edit.status).toBe(200);
    expect((await api("DELETE", `/api/v1/bundles/${bundle.id}/curators/${net.people.dewi.id}`, frank.token)).status).toBe(204);
    const after = await api("GET", `/api/v1/bundles/${bundle.id}`, frank.token);
    expect(after.body.bundle.curators).toEqual([{ id: frank.id, name: "Test frank", role: "owner" }]);
    // Dewi is no longer a curator of this draft, so it no longer exists for her.
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).status).toBe(404);
    const last = await api("DELETE", `/api/v1/bundles/${bundle.id}/curators/${frank.id}`, frank.token);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_curator");
  });
});

describe("a curator who is no longer a broker", () => {
  it("keeps reading the bundle but can no longer change, publish, offer or follow its reach, until the role returns", async () => {
    const email = "gijs@test.knooppunt.nl";
    const password = "wachtwoord-gijs-2026";
    const created = await api("POST", "/api/v1/admin/users", server.adminToken, { name: "Test gijs", email, password, roles: ["broker"] });
    const token = (await api("POST", "/api/v1/auth/login", undefined, { email, password })).body.token;
    const draft = await newBundle({}, token);
    const filled = await withItems(draft, [{ itemId: await clip("network"), note: "Start hier" }], token);
    expect((await api("POST", `/api/v1/bundles/${filled.id}/publish`, token)).status).toBe(200);

    const setRoles = (roles: string[]) => api("PATCH", `/api/v1/admin/users/${created.body.user.id}`, server.adminToken, { roles });
    expect((await setRoles([])).status).toBe(200);
    const current = (await api("GET", `/api/v1/bundles/${filled.id}`, token)).body.bundle;
    expect(current.status).toBe("published");
    const refused = [
      await api("PATCH", `/api/v1/bundles/${filled.id}`, token, { version: current.version, title: "Nog even aangepast" }),
      await api("POST", `/api/v1/bundles/${filled.id}/publish`, token),
      await api("POST", `/api/v1/bundles/${filled.id}/offers`, token, { schoolIds: [net.schoolA.id] }),
      await api("GET", `/api/v1/bundles/${filled.id}/reach`, token),
      await api("POST", `/api/v1/bundles/${filled.id}/curators`, token, { userId: frank.id }),
      await api("DELETE", `/api/v1/bundles/${filled.id}`, token),
    ];
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(refused.map(() => [403, "broker_only"]));

    expect((await setRoles(["broker"])).status).toBe(200);
    expect((await api("GET", `/api/v1/bundles/${filled.id}/reach`, token)).status).toBe(200);
  });
});

describe("who may see and change a bundle", () => {
  it("a draft is 404 for everyone but its curators, for reading and for changing", async () => {
    const bundle = await newBundle();
    for (const token of [net.people.eva.token, frank.token, undefined]) {
      expect((await api("GET", `/api/v1/bundles/${bundle.id}`, token)).status).toBe(404);
    }
    for (const token of [net.people.eva.token, frank.token]) {
      expect((await api("PATCH", `/api/v1/bundles/${bundle.id}`, token, { version: 1, title: "Overgenomen" })).status).toBe(404);
      expect((await api("PUT", `/api/v1/bundles/${bundle.id}/items`, token, { version: 1, items: [] })).status).toBe(404);
      expect((await api("POST", `/api/v1/bundles/${bundle.id}/publish`, token)).status).toBe(404);
      expect((await api("POST", `/api/v1/bundles/${bundle.id}/curators`, token, { userId: frank.id })).status).toBe(404);
      expect((await api("DELETE", `/api/v1/bundles/${bundle.id}`, token)).status).toBe(404);
    }
    expect((await api("PATCH", `/api/v1/bundles/${bundle.id}`, undefined, { version: 1, title: "x" })).status).toBe(401);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).body.bundle.title).toBe("Zachte landing");
  });

  it("a published network bundle: signed-in people read the snapshot, non-curators get 403 on changes, anonymous 404", async () => {
    const bundle = await publishedBundle();
    const read = await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token);
    expect(read.status).toBe(200);
    expect(read.body.bundle).toMatchObject({ isCurator: false, status: "published", items: [{ note: "Lees dit eerst", item: null }] });
    expect(read.body.bundle.items[0].entry.note).toBe("Lees dit eerst");
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/bundles/${bundle.id}`, { version: bundle.version, title: "Overgenomen" }],
      ["PUT", `/api/v1/bundles/${bundle.id}/items`, { version: bundle.version, items: [] }],
      ["POST", `/api/v1/bundles/${bundle.id}/publish`, undefined],
      ["POST", `/api/v1/bundles/${bundle.id}/curators`, { userId: frank.id }],
      ["DELETE", `/api/v1/bundles/${bundle.id}/curators/${net.people.dewi.id}`, undefined],
      ["DELETE", `/api/v1/bundles/${bundle.id}`, undefined],
    ] as const) {
      const res = await api(method, path, frank.token, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("not_a_curator");
    }
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`)).status).toBe(404);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).body.bundle.title).toBe("Zachte landing");
  });

  it("a published public bundle opens for anonymous callers", async () => {
    const bundle = await publishedBundle({ audience: "public", title: "Openbare bundel" });
    const res = await api("GET", `/api/v1/bundles/${bundle.id}`);
    expect(res.status).toBe(200);
    expect(res.body.bundle).toMatchObject({ title: "Openbare bundel", isCurator: false });
  });

  it("widening the audience of a published bundle opens nothing until it is published again", async () => {
    const bundle = await publishedBundle({ title: "Eerst alleen het netwerk" });
    const widened = await api("PATCH", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token, { version: bundle.version, audience: "public" });
    expect(widened.body.bundle).toMatchObject({ audience: "public", unpublishedChanges: true });
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`)).status).toBe(404);
    expect((await api("GET", "/api/v1/bundles?limit=100")).body.bundles.map((b: any) => b.id)).not.toContain(bundle.id);
    const page = await fetch(bundle.publicUrl);
    await page.text();
    expect(page.status).toBe(404);
    // Publishing checks the items against the wider audience: the network-only item now blocks it.
    const blocked = await api("POST", `/api/v1/bundles/${bundle.id}/publish`, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.items[0].widestCircle).toBe("network");
  });

  it("a curator deletes a bundle; it is gone for everyone", async () => {
    const bundle = await publishedBundle();
    expect((await api("DELETE", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).status).toBe(204);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).status).toBe(404);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token)).status).toBe(404);
  });
});

describe("publishing", () => {
  it("is blocked by items whose circles are smaller than the audience, naming each item and why", async () => {
    const inCommunity = await clip("community");
    const inNetwork = await clip("network");
    const draft = await withItems(await newBundle(), [{ itemId: inCommunity }, { itemId: inNetwork }]);
    const blocked = await api("POST", `/api/v1/bundles/${draft.id}/publish`, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(Object.keys(blocked.body)).toEqual(["error"]);
    expect(blocked.body.error.code).toBe("items_not_visible");
    expect(blocked.body.error.items).toEqual([{ itemId: inCommunity, title: expect.stringContaining("(community)"), reason: expect.stringContaining("within a community"), widestCircle: "community" }]);
    expect((await api("GET", `/api/v1/bundles/${draft.id}`, net.people.eva.token)).status).toBe(404);

    // Anna widens her save to the network: now the bundle can go out.
    await api("PATCH", `/api/v1/items/${inCommunity}`, net.people.anna.token, { visibility: "network" });
    const published = await api("POST", `/api/v1/bundles/${draft.id}/publish`, net.people.dewi.token);
    expect(published.status).toBe(200);
    expect(published.body.bundle.status).toBe("published");
  });

  it("for a public bundle needs a public save: a network save blocks it", async () => {
    const inNetwork = await clip("network");
    const inPublic = await clip("public");
    const draft = await withItems(await newBundle({ audience: "public" }), [{ itemId: inPublic }, { itemId: inNetwork }]);
    const blocked = await api("POST", `/api/v1/bundles/${draft.id}/publish`, net.people.dewi.token);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.items.map((i: any) => [i.itemId, i.widestCircle])).toEqual([[inNetwork, "network"]]);
    expect(blocked.body.error.items[0].reason).toContain("public");
  });

  it("refuses an empty bundle and a stale version", async () => {
    const empty = await newBundle();
    const res = await api("POST", `/api/v1/bundles/${empty.id}/publish`, net.people.dewi.token);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("bundle_empty");
    const filled = await withItems(empty, [{ itemId: await clip("network") }]);
    const stale = await api("POST", `/api/v1/bundles/${filled.id}/publish`, net.people.dewi.token, { version: filled.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
  });

  it("gives a kebab-case slug without diacritics and a random suffix, kept across versions; edits wait for the next publication", async () => {
    const bundle = await publishedBundle({ title: "Zachte landing: één Ärger-vrije start!" });
    expect(bundle.slug).toMatch(/^zachte-landing-een-arger-vrije-start-[a-z0-9]{6}$/);
    expect(bundle.publicUrl).toBe(`${server.url}/b/${bundle.slug}`);
    expect(bundle).toMatchObject({ status: "published", publishedVersion: 1, unpublishedChanges: false });

    const edited = await api("PATCH", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token, { version: bundle.version, title: "Een nieuwe titel" });
    expect(edited.body.bundle.unpublishedChanges).toBe(true);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token)).body.bundle.title).toBe("Zachte landing: één Ärger-vrije start!");

    const again = await api("POST", `/api/v1/bundles/${bundle.id}/publish`, net.people.dewi.token);
    expect(again.body.bundle).toMatchObject({ slug: bundle.slug, publishedVersion: 2, unpublishedChanges: false });
    expect((await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token)).body.bundle.title).toBe("Een nieuwe titel");
    const unchanged = await api("POST", `/api/v1/bundles/${bundle.id}/publish`, net.people.dewi.token);
    expect(unchanged.body.bundle.publishedVersion).toBe(2);
  });

  it("snapshots the broker's note and the page's metadata, with themes visible at the audience, never other people's notes", async () => {
    const id = await clip("network", { note: "ANNA-NOTITIE-NETWERK", themes: ["nieuwkomers"], meta: { siteName: "Lowan", imageUrl: "https://www.lowan.nl/beeld.jpg" } });
    // Bram adds a school-only save of the same page with a theme and a note of his own.
    const url = (await api("GET", `/api/v1/items/${id}`, net.people.anna.token)).body.item.url;
    await api("POST", "/api/v1/items", net.people.bram.token, { url, visibility: "school", note: "BRAM-NOTITIE-SCHOOL", themes: ["burgerschap"] });
    // The broker's own private save is not the bundle's either.
    await api("POST", "/api/v1/items", net.people.dewi.token, { url, visibility: "private", note: "DEWI-EIGEN-NOTITIE", themes: ["kansengelijkheid"] });
    const bundle = await publishedBundle({}, [{ itemId: id, note: "De toelichting van de makelaar" }]);
    const read = await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token);
    expect(read.body.bundle.items[0].entry).toMatchObject({ itemId: id, siteName: "Lowan", imageUrl: "https://www.lowan.nl/beeld.jpg", themes: ["nieuwkomers"], note: "De toelichting van de makelaar" });
    for (const body of [read.body, (await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token)).body.bundle.items[0].entry]) {
      expect(JSON.stringify(body)).not.toContain("ANNA-NOTITIE-NETWERK");
      expect(JSON.stringify(body)).not.toContain("BRAM-NOTITIE-SCHOOL");
      expect(JSON.stringify(body)).not.toContain("DEWI-EIGEN-NOTITIE");
    }
  });

  it("keeps the published snapshot when the item's last save is deleted", async () => {
    const id = await clip("network");
    const bundle = await publishedBundle({}, [{ itemId: id, note: "Blijft staan" }]);
    expect((await api("DELETE", `/api/v1/items/${id}`, net.people.anna.token)).status).toBe(204);
    const read = await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.eva.token);
    expect(read.body.bundle.items).toEqual([{ itemId: id, note: "Blijft staan", item: null, entry: expect.objectContaining({ itemId: id, title: expect.stringContaining("(network)") }) }]);
    const curator = await api("GET", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token);
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
    const ids = (res: any) => res.body.bundles.map((b: any) => b.id);

    const dewi = await api("GET", "/api/v1/bundles?limit=100", net.people.dewi.token);
    expect(ids(dewi)).toEqual(expect.arrayContaining([draft.id, network.id, open.id]));
    const eva = await api("GET", "/api/v1/bundles?limit=100", net.people.eva.token);
    expect(ids(eva)).toEqual(expect.arrayContaining([network.id, open.id]));
    expect(ids(eva)).not.toContain(draft.id);
    expect(eva.body.bundles.every((b: any) => b.status === "published" && !b.isCurator)).toBe(true);
    const anonymous = await api("GET", "/api/v1/bundles?limit=100");
    expect(ids(anonymous)).toContain(open.id);
    expect(ids(anonymous)).not.toContain(network.id);
    expect(anonymous.body.bundles.every((b: any) => b.audience === "public")).toBe(true);
    const drafts = await api("GET", "/api/v1/bundles?status=draft&curatedBy=me&limit=100", net.people.dewi.token);
    expect(ids(drafts)).toContain(draft.id);
    expect(drafts.body.bundles.every((b: any) => b.status === "draft")).toBe(true);

    // Walking the list two at a time gives the same bundles, newest first, each once.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api("GET", `/api/v1/bundles?limit=2${cursor ? `&cursor=${cursor}` : ""}`, net.people.dewi.token);
      expect(page.body.bundles.length).toBeLessThanOrEqual(2);
      walked.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids(dewi));
    expect(ids(dewi).slice(0, 3)).toEqual([open.id, network.id, draft.id]);
    expect((await api("GET", "/api/v1/bundles?cursor=kapot", net.people.dewi.token)).status).toBe(400);
  });
});
