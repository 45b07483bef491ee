import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CreateItemRequest } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const clip = (token: string, json: z.input<typeof CreateItemRequest>) => reply(server.client(token).api.v1.items.$post({ json }));
const v1 = (token?: string) => server.client(token).api.v1;
const getItem = (id: string, token?: string) => reply(v1(token).items[":id"].$get({ param: { id } }));
const search = async (q: string, token?: string) => (await reply(v1(token).items.$get({ query: { q } }))).body.items.map((i) => i.id);

/** Everything of A's private clip that must never reach anyone else. */
const SECRETS = ["Ahmed", "Geheim123", "access_token", "jan:", "Gesprek ouders", "dyslexie", "Mentor Jansen", "utm_source", "verslagfoto"];
const expectNoSecrets = (text: string) => {
  for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
};

const PRIVATE_CLIP = {
  url: "https://jan:Geheim123@intranet.example/verslag/42?utm_source=mail#access_token=abc",
  title: "Gesprek ouders leerling Ahmed 3B",
  text: "Verslag van het oudergesprek. Ahmed heeft vermoedelijk dyslexie; de ouders willen een onderzoek.",
  themes: ["nt2"],
  visibility: "private",
  meta: { excerpt: "Oudergesprek over Ahmed", author: "Mentor Jansen", imageUrl: "https://intranet.example/verslagfoto.jpg", siteName: "Intranet" },
} satisfies z.input<typeof CreateItemRequest>;

describe("a private clip of a page someone else clips later (the audit's reproduction)", () => {
  let aItem: string;

  beforeAll(async () => {
    const a = await clip(net.people.anna.token, PRIVATE_CLIP);
    expect(a.status).toBe(201);
    aItem = a.body.item.id;
    server.clock.advance(60_000);
  });

  it("stores the address without credentials, token fragment or tracking parameters, and shows the person their own facts", async () => {
    const own = await getItem(aItem, net.people.anna.token);
    expect(own.body.item).toMatchObject({
      url: "https://intranet.example/verslag/42",
      title: "Gesprek ouders leerling Ahmed 3B",
      excerpt: "Oudergesprek over Ahmed",
      author: "Mentor Jansen",
    });
    expect(JSON.stringify(own.body)).not.toContain("Geheim123");
    expect(JSON.stringify(own.body)).not.toContain("access_token");
  });

  it("gives the second person only what they captured themselves, with their own time", async () => {
    const clippedAt = server.clock.now().toISOString();
    const b = await clip(net.people.chris.token, { url: "https://intranet.example/verslag/42", themes: ["nt2"] });
    expect(b.status).toBe(201);
    expect(b.body.existing).toBeUndefined();
    expect(b.body.item.id).toBe(aItem);
    expect(b.body.item).toMatchObject({
      url: "https://intranet.example/verslag/42",
      title: "intranet.example/verslag/42",
      excerpt: null,
      author: null,
      imageUrl: null,
      siteName: null,
      saveCount: 1,
      createdAt: clippedAt,
      updatedAt: clippedAt,
    });
    expectNoSecrets(JSON.stringify(b.body));
  });

  it("never lets the second person's search match words of the private clip", async () => {
    expect(await search("Ahmed", net.people.chris.token)).toEqual([]);
    expect(await search("dyslexie", net.people.chris.token)).toEqual([]);
    expect(await search("Mentor", net.people.chris.token)).toEqual([]);
    // Their own save is found by what it holds: the address.
    expect(await search("intranet", net.people.chris.token)).toEqual([aItem]);
    expect(await search("Ahmed", net.people.anna.token)).toEqual([aItem]);
  });

  it("keeps the private clip out of everything public when the second person shares theirs publicly, also after the first deletes theirs", async () => {
    const shared = await reply(v1(net.people.chris.token).items[":id"].$patch({ param: { id: aItem }, json: { visibility: "public" } }));
    expect(shared.status).toBe(200);
    const check = async () => {
      const anonymous = await getItem(aItem);
      expect(anonymous.body.item).toMatchObject({ title: "intranet.example/verslag/42", url: "https://intranet.example/verslag/42", saveCount: 1 });
      expectNoSecrets(JSON.stringify(anonymous.body));
      expect(await search("Ahmed")).toEqual([]);
      expect(await search("dyslexie")).toEqual([]);
      const feed = await server.api<string>("GET", "/feeds/themes/nt2.atom");
      expect(feed.status).toBe(200);
      expect(feed.body).toContain("intranet.example/verslag/42");
      expectNoSecrets(feed.body);
      const page = await server.api<string>("GET", "/t/nt2");
      expect(page.body).toContain("intranet.example/verslag/42");
      expectNoSecrets(page.body);
    };
    await check();
    expect((await v1(net.people.anna.token).items[":id"].$delete({ param: { id: aItem } })).status).toBe(204);
    await check();
  });
});

describe("claiming another page as canonical", () => {
  it("joins the item but shows the claimant nothing of saves they could not see", async () => {
    const a = await clip(net.people.anna.token, { ...PRIVATE_CLIP, url: "https://intranet.example/verslag/43#access_token=xyz" });
    const c = await clip(net.people.eva.token, {
      url: "https://intranet.example/nieuws",
      title: "Nieuws",
      meta: { canonicalUrl: "https://intranet.example/verslag/43" },
      visibility: "private",
    });
    expect(c.status).toBe(201);
    expect(c.body.existing).toBeUndefined();
    expect(c.body.item.id).toBe(a.body.item.id);
    expect(c.body.item).toMatchObject({
      title: "Nieuws",
      url: "https://intranet.example/nieuws",
      canonicalUrl: "https://intranet.example/verslag/43",
      excerpt: null,
      author: null,
      saveCount: 1,
      notes: [],
      themes: [],
    });
    expectNoSecrets(JSON.stringify(c.body));
    expect(await search("Ahmed", net.people.eva.token)).toEqual([]);
    expect((await reply(v1(net.people.eva.token).items.lookup.$get({ query: { url: "https://intranet.example/verslag/43" } }))).body.item?.title).toBe("Nieuws");
    // And the first person's view is untouched by the claim.
    expect((await getItem(a.body.item.id, net.people.anna.token)).body.item).toMatchObject({ title: "Gesprek ouders leerling Ahmed 3B", saveCount: 1 });
  });
});

describe("changing page facts", () => {
  it("through PATCH after an outcome changes only the person's own save, not what the first saver's circle sees", async () => {
    const url = "https://www.lowan.nl/po/taalbeleid";
    const a = await clip(net.people.anna.token, { url, title: "Taalbeleid in het po", kind: "artikel", visibility: "school" });
    const id = a.body.item.id;
    // Bram is in Anna's school: he sees her save, has none of his own, and records an outcome.
    const outcome = await reply(v1(net.people.bram.token).items[":id"].outcome.$put({ param: { id }, json: { applied: true, worked: "yes" } }));
    expect(outcome.status).toBe(200);
    const patched = await reply(v1(net.people.bram.token).items[":id"].$patch({ param: { id }, json: { title: "Gehackt", kind: "protocol" } }));
    expect(patched.body.item).toMatchObject({ title: "Gehackt", kind: "protocol" });
    expect((await getItem(id, net.people.anna.token)).body.item).toMatchObject({ title: "Taalbeleid in het po", kind: "artikel", saveCount: 1 });
    // Anna changes her own title: Bram keeps seeing his.
    await reply(v1(net.people.anna.token).items[":id"].$patch({ param: { id }, json: { title: "Taalbeleid (po)" } }));
    expect((await getItem(id, net.people.bram.token)).body.item.title).toBe("Gehackt");
    expect((await getItem(id, net.people.anna.token)).body.item.title).toBe("Taalbeleid (po)");
  });

  it("by clipping later never fills the earlier saver's empty fields", async () => {
    const url = "https://www.nji.nl/ouderbetrokkenheid";
    const a = await clip(net.people.anna.token, { url, title: "Ouderbetrokkenheid", visibility: "network" });
    const c = await clip(net.people.chris.token, {
      url,
      title: "Mijn titel",
      visibility: "network",
      meta: { imageUrl: "https://kwaadaardig.example/plaatje.png", excerpt: "Reclame" },
    });
    expect(c.body.existing).toBe(true);
    expect(c.body.item).toMatchObject({ title: "Mijn titel", imageUrl: "https://kwaadaardig.example/plaatje.png", saveCount: 2 });
    expect((await getItem(a.body.item.id, net.people.anna.token)).body.item).toMatchObject({ title: "Ouderbetrokkenheid", imageUrl: null, excerpt: null, saveCount: 2 });
    // Someone with no save of their own sees the earliest of the equally wide saves: Anna's.
    expect((await getItem(a.body.item.id, net.people.eva.token)).body.item).toMatchObject({ title: "Ouderbetrokkenheid", imageUrl: null });
  });

  it("shows someone without a save the facts of the most widely shared save they may see", async () => {
    const url = "https://www.slo.nl/leerlijn-taal";
    const school = await clip(net.people.anna.token, { url, title: "Schooltitel", visibility: "school" });
    server.clock.advance(60_000);
    await clip(net.people.chris.token, { url, title: "Openbare titel", visibility: "public" });
    const id = school.body.item.id;
    // Bram sees both: the public save speaks for the item although Anna's school save is older.
    expect((await getItem(id, net.people.bram.token)).body.item).toMatchObject({ title: "Openbare titel", saveCount: 2, createdAt: school.body.item.createdAt });
    expect((await getItem(id)).body.item).toMatchObject({ title: "Openbare titel", saveCount: 1 });
    expect((await getItem(id, net.people.anna.token)).body.item.title).toBe("Schooltitel");
  });
});
