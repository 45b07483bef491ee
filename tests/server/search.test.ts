import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type ApiClient, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const token = () => net.people.anna.token;
type ClipRequest = Parameters<ApiClient["api"]["v1"]["items"]["$post"]>[0]["json"];
type ItemQuery = Parameters<ApiClient["api"]["v1"]["items"]["$get"]>[0]["query"];
const v1 = (token?: string) => server.client(token).api.v1;
const searchAs = (personToken: string | undefined, query: ItemQuery) => reply(v1(personToken).items.$get({ query }));
const search = (query: ItemQuery) => searchAs(token(), query);
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((i) => i.title);

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const items: ClipRequest[] = [
    { url: "https://www.voorbeeld.nl/creme", title: "Crème de la crème: coöperatief leren", text: "Over samenwerken in de klas.", themes: ["diversiteit-en-inclusie"], kind: "artikel", sector: ["po"] },
    { url: "https://www.voorbeeld.nl/meertalig", title: "Meertaligheid als kracht", text: "Thuistalen inzetten bij rekenen.", themes: ["meertaligheid"], kind: "artikel", sector: ["vo"] },
    { url: "https://www.voorbeeld.nl/thuistalen", title: "Thuistalen in de kleutergroep", text: "Ouders lezen voor in hun eigen taal.", themes: ["thuistalen"], kind: "praktijkvoorbeeld", sector: ["po"] },
    { url: "https://www.voorbeeld.nl/taalbewust", title: "Taalbewuste rekenles", text: "Begrippen voorbereiden met beeld.", themes: ["taalbewust-lesgeven"], kind: "lesmateriaal", sector: ["po", "vo"], tags: ["rekentaal"] },
    { url: "https://www.voorbeeld.nl/nt2", title: "NT2 in de bovenbouw", text: "Woordenschat voor nieuwkomers.", themes: ["nieuwkomers"], kind: "kennisclip", sector: ["vo"], note: "Gebruik bij de intake (OR-vraag)" },
    { url: "https://www.voorbeeld.nl/burgerschap", title: "Burgerschap en dialoog", text: "Gesprekken over vieringen.", themes: ["burgerschap"], kind: "onderzoek", sector: ["mbo"] },
  ];
  for (const [index, item] of items.entries()) {
    server.clock.advance(60_000 * (index + 1));
    const res = await v1(token()).items.$post({ json: { ...item, visibility: "network" } });
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.stop());

describe("full-text search", () => {
  it("ignores diacritics both ways", async () => {
    expect(titles(await search({ q: "creme" }))).toEqual(["Crème de la crème: coöperatief leren"]);
    expect(titles(await search({ q: "cooperatief" }))).toEqual(["Crème de la crème: coöperatief leren"]);
    expect(titles(await search({ q: "thuistálen" })).sort()).toEqual(["Meertaligheid als kracht", "Thuistalen in de kleutergroep"]);
  });

  it("matches prefixes, so 'meertalig' finds 'meertaligheid'", async () => {
    expect(titles(await search({ q: "meertalig" }))).toContain("Meertaligheid als kracht");
  });

  it("searches the caller's notes and tags too", async () => {
    expect(titles(await search({ q: "intake" }))).toEqual(["NT2 in de bovenbouw"]);
    expect(titles(await search({ q: "rekentaal" }))).toEqual(["Taalbewuste rekenles"]);
  });

  it("finds items through a theme's synonym", async () => {
    expect(titles(await search({ q: "talenbewust lesgeven" }))).toEqual(["Taalbewuste rekenles"]);
  });

  it("ranks a title match above a match in the body text", async () => {
    const res = await search({ q: "thuistalen" });
    expect(titles(res)[0]).toBe("Thuistalen in de kleutergroep");
  });

  it.each([`"NT2" OR (`, "NEAR(a b)", "title:x", "*", "-nt2", "\"", "a AND", "^nt2", "(((", "nt2 NOT", "'; DROP TABLE items; --", "🙂"])(
    "treats hostile query %j as words, never as FTS5 syntax",
    async (q) => {
      const res = await search({ q });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    },
  );

  it("still finds the words inside hostile syntax", async () => {
    expect(titles(await search({ q: '"NT2" OR (' }))).toEqual(["NT2 in de bovenbouw"]);
  });
});

describe("filters", () => {
  it("a theme includes its sub-themes", async () => {
    expect(titles(await search({ theme: "meertaligheid", sort: "recent" }))).toEqual(["Taalbewuste rekenles", "Thuistalen in de kleutergroep", "Meertaligheid als kracht"]);
    expect(titles(await search({ theme: "nt2" }))).toEqual(["NT2 in de bovenbouw"]);
    expect(titles(await search({ theme: "thuistalen" }))).toEqual(["Thuistalen in de kleutergroep"]);
  });

  it("a theme can be named by a synonym", async () => {
    expect(titles(await search({ theme: "talenbewust-lesgeven" }))).toEqual(["Taalbewuste rekenles"]);
  });

  it("an unknown theme is a clear 400", async () => {
    const res = await search({ theme: "bestaat-niet" });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe("unknown_theme");
  });

  it("combine with the query and with each other", async () => {
    expect(titles(await search({ q: "rekenen", theme: "meertaligheid" }))).toEqual(["Meertaligheid als kracht"]);
    expect(titles(await search({ kind: "kennisclip" }))).toEqual(["NT2 in de bovenbouw"]);
    expect(titles(await search({ sector: "mbo" }))).toEqual(["Burgerschap en dialoog"]);
    expect(titles(await search({ sector: "po", kind: "praktijkvoorbeeld" }))).toEqual(["Thuistalen in de kleutergroep"]);
    expect(titles(await search({ tag: "rekentaal" }))).toEqual(["Taalbewuste rekenles"]);
    expect(titles(await search({ kind: ["artikel", "onderzoek"], sort: "recent" }))).toEqual(["Burgerschap en dialoog", "Meertaligheid als kracht", "Crème de la crème: coöperatief leren"]);
  });

  it("savedBy=me lists only the caller's saves", async () => {
    expect((await search({ savedBy: "me" })).body.items).toHaveLength(6);
    const bram = await searchAs(net.people.bram.token, { savedBy: "me" });
    expect(bram.body.items).toEqual([]);
    expect((await searchAs(undefined, { savedBy: "me" })).status).toBe(401);
  });

  it("rejects values outside the vocabularies", async () => {
    // Values the client's types would not let through: sent raw.
    const res = await server.api<ErrorBody>("GET", "/api/v1/items?kind=blog&sector=hbo&limit=1000", { token: token() });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.path[0]).sort()).toEqual(["kind", "limit"]);
  });
});

describe("facets", () => {
  it("count matching items per theme (rolled up to parent themes), kind, sector and circle", async () => {
    const res = await search({});
    const all = await reply(v1(token()).items.facets.$get({ query: {} }));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(6);
    const theme = (slug: string) => all.body.themes.find((t) => t.slug === slug)?.count;
    expect(theme("meertaligheid")).toBe(3); // itself + thuistalen + taalbewust-lesgeven
    expect(theme("thuistalen")).toBe(1);
    expect(theme("nt2")).toBe(1);
    expect(all.body.kinds).toEqual(expect.arrayContaining([{ kind: "artikel", count: 2 }, { kind: "kennisclip", count: 1 }]));
    expect(all.body.sectors).toEqual(expect.arrayContaining([{ sector: "po", count: 3 }, { sector: "vo", count: 3 }]));
    expect(all.body.visibilities).toEqual([{ visibility: "network", count: 6 }]);
    expect(res.status).toBe(200);
  });

  it("follow the query and filters, and only count what the caller may see", async () => {
    const filtered = await reply(v1(token()).items.facets.$get({ query: { q: "thuistalen", sector: "po" } }));
    expect(filtered.body.total).toBe(1);
    expect(filtered.body.themes.map((t) => t.slug)).toEqual(["meertaligheid", "thuistalen"]);
    const anonymous = await reply(v1().items.facets.$get({ query: {} }));
    expect(anonymous.body).toMatchObject({ total: 0, themes: [], kinds: [] });
  });
});

describe("pagination", () => {
  it("walks every result exactly once with nextCursor, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search({ limit: "2", sort: "recent", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...titles(res));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen[0]).toBe("Burgerschap en dialoog");
  });

  it("walks relevance-ranked results too, and reports the total on request", async () => {
    const first = await search({ q: "de", limit: "1", total: "true" });
    // Four of the six: three titles with "de", and "Burgerschap en dialoog" through its theme's words.
    expect(first.body.total).toBe(4);
    const all: string[] = [...titles(first)];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const res = await search({ q: "de", limit: "1", cursor });
      all.push(...titles(res));
      cursor = res.body.nextCursor;
    }
    expect(all).toHaveLength(first.body.total!);
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuses a forged cursor with a 400", async () => {
    const res = await search({ cursor: "bm90LWEtY3Vyc29y" });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe("invalid_cursor");
  });
});

describe("a large result set", () => {
  it("ranks and pages hundreds of matches completely, also when a filter leaves only a weak match", async () => {
    const bram = net.people.bram.token;
    // Many strong matches, and one weak one (the word once, in a long text) carrying a rare theme.
    for (let i = 0; i < 230; i++) {
      const res = await v1(bram).items.$post({
        json: {
          url: `https://www.voorbeeld.nl/schoolplein/${i}`,
          title: `Schoolplein ${i}: schoolpleinregels`,
          text: "Het schoolplein is van iedereen.",
          themes: ["samen-opleiden"],
          visibility: "network",
        },
      });
      expect(res.status).toBe(201);
    }
    const weak = await reply(
      v1(bram).items.$post({
        json: {
          url: "https://www.voorbeeld.nl/duurzaam",
          title: "Duurzame school",
          text: `${"Zonnepanelen en groen in de klas. ".repeat(200)}Ook het schoolplein.`,
          themes: ["duurzaamheid"],
          visibility: "network",
        },
      }),
    );
    expect(weak.status).toBe(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await searchAs(bram, { q: "schoolplein", limit: "100", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(231);
    expect(new Set(seen).size).toBe(231);
    expect(seen.at(-1)).toBe(weak.body.item.id);

    // A theme's name matches every save of that theme with the same score: hundreds of ties.
    const tied: string[] = [];
    cursor = null;
    pages = 0;
    do {
      const res = await searchAs(bram, { q: "opleiden", limit: "60", ...(cursor ? { cursor } : {}) });
      tied.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(tied).toHaveLength(230);
    expect(new Set(tied).size).toBe(230);

    const filtered = await searchAs(bram, { q: "schoolplein", theme: "duurzaamheid" });
    expect(filtered.body.items.map((i) => i.id)).toEqual([weak.body.item.id]);
  });
});

// Last in this file: it adds saves the counts above do not expect.
describe("facets over several saves of one item", () => {
  const facets = (personToken: string, q: string) => reply(v1(personToken).items.facets.$get({ query: { q } }));
  const counts = <K extends string>(list: ({ count: number } & Record<K, string>)[], key: K) => Object.fromEntries(list.map((entry) => [entry[key], entry.count]));

  it("count an item once per value however many of its visible saves carry it, and follow a changed save", async () => {
    const url = "https://www.voorbeeld.nl/sterrenkijkers";
    const clip = (personToken: string, json: Omit<ClipRequest, "url">) => reply(v1(personToken).items.$post({ json: { url, ...json } }));
    const first = await clip(net.people.anna.token, { title: "Sterrenkijkers: taal bij natuuronderwijs", themes: ["thuistalen"], sector: ["po"], visibility: "network" });
    expect(first.status).toBe(201);
    expect((await clip(net.people.bram.token, { themes: ["taalbewust-lesgeven", "thuistalen"], sector: ["po", "vo"], visibility: "school", schoolId: net.schoolA.id })).status).toBe(200);
    expect((await clip(net.people.chris.token, { themes: ["burgerschap"], sector: ["mbo"], visibility: "private" })).status).toBe(200);

    // Anna (school A) sees her network save and Bram's school save, not Chris's private one.
    const anna = (await facets(net.people.anna.token, "sterrenkijkers")).body;
    expect(anna.total).toBe(1);
    expect(counts(anna.themes, "slug")).toEqual({ meertaligheid: 1, thuistalen: 1, "taalbewust-lesgeven": 1 });
    expect(counts(anna.sectors, "sector")).toEqual({ po: 1, vo: 1 });
    expect(counts(anna.visibilities, "visibility")).toEqual({ network: 1, school: 1 });
    expect(counts(anna.kinds, "kind")).toEqual({ artikel: 1 });

    // An outsider counts the network save only; Chris counts his own private save too.
    const eva = (await facets(net.people.eva.token, "sterrenkijkers")).body;
    expect(counts(eva.themes, "slug")).toEqual({ meertaligheid: 1, thuistalen: 1 });
    expect(counts(eva.visibilities, "visibility")).toEqual({ network: 1 });
    const chris = (await facets(net.people.chris.token, "sterrenkijkers")).body;
    expect(counts(chris.themes, "slug")).toEqual({ meertaligheid: 1, thuistalen: 1, burgerschap: 1 });
    expect(counts(chris.sectors, "sector")).toEqual({ po: 1, mbo: 1 });

    // Anna moves her save to NT2: the counts follow, and the list's themes with them.
    expect((await v1(net.people.anna.token).items[":id"].$patch({ param: { id: first.body.item.id }, json: { themes: ["nt2"] } })).status).toBe(200);
    const after = (await facets(net.people.eva.token, "sterrenkijkers")).body;
    expect(counts(after.themes, "slug")).toEqual({ nt2: 1 });
    const listed = await searchAs(net.people.anna.token, { q: "sterrenkijkers" });
    expect(listed.body.items[0]?.themes).toEqual(expect.arrayContaining(["nt2", "thuistalen", "taalbewust-lesgeven"]));
    expect(listed.body.items[0]?.themes).toHaveLength(3);
  });
});
