import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ItemFacetsQuery } from "../../shared/schemas";
import { ANONYMOUS, type Viewer } from "../../server/core/viewer";
import { findUserByEmail, signedInViewer } from "../../server/services/accounts/accounts";
import { facetsFromSaves, facetsFromSignatures } from "../../server/services/library/facets";
import { facetCounts as counts } from "../support/facets";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

/**
 * The facets count a query with few matches from its saves and everything else inside SQLite: both ways
 * must give the same numbers, for every viewer, query and filter, on a library whose items have saves in
 * several circles, kinds and themes.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
type ClipRequest = Parameters<ApiClient["api"]["v1"]["items"]["$post"]>[0]["json"];

const viewerOf = (person: Person): Viewer => signedInViewer(server.ctx, findUserByEmail(server.ctx, person.email)!, "test");

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const { anna, bram, chris, dewi, eva } = net.people;
  const clips: [Person, ClipRequest][] = [
    [anna, { url: "https://www.voorbeeld.nl/sterren", title: "Sterrenkijkers: taal bij natuuronderwijs", kind: "artikel", themes: ["thuistalen"], sector: ["po"], visibility: "network" }],
    [bram, { url: "https://www.voorbeeld.nl/sterren", kind: "lesmateriaal", themes: ["taalbewust-lesgeven", "thuistalen"], sector: ["po", "vo"], visibility: "school", schoolId: net.schoolA.id }],
    [chris, { url: "https://www.voorbeeld.nl/sterren", kind: "onderzoek", themes: ["burgerschap"], sector: ["mbo"], visibility: "private" }],
    [chris, { url: "https://www.voorbeeld.nl/rekentaal", title: "Rekentaal in groep 5", kind: "kennisclip", themes: ["taalbewust-lesgeven"], sector: ["po"], visibility: "public" }],
    [anna, { url: "https://www.voorbeeld.nl/rekentaal", kind: "lesmateriaal", themes: ["nt2"], sector: ["vo"], visibility: "private" }],
    [dewi, { url: "https://www.voorbeeld.nl/plg", title: "Verslag van de leergemeenschap over taal", kind: "praktijkvoorbeeld", themes: ["meertaligheid"], sector: [], visibility: "community", communityId: net.community.id }],
    [eva, { url: "https://www.voorbeeld.nl/plg", kind: "artikel", themes: ["nieuwkomers"], sector: ["so"], visibility: "network" }],
    [eva, { url: "https://www.voorbeeld.nl/geheim", title: "Eva's eigen taalnotities", kind: "artikel", themes: ["burgerschap"], sector: ["wo"], visibility: "private" }],
    [chris, { url: "https://www.voorbeeld.nl/school-b", title: "Taalbeleid op het Stedelijk", kind: "onderzoek", themes: ["nieuwkomers", "nt2"], sector: ["vo"], visibility: "school", schoolId: net.schoolB.id }],
    [bram, { url: "https://www.voorbeeld.nl/kleuters", title: "Kleuters en voorlezen", kind: "praktijkvoorbeeld", themes: [], sector: ["po"], visibility: "public" }],
  ];
  for (const [index, [person, json]] of clips.entries()) {
    server.clock.advance(60_000 * (index + 1));
    const res = await reply(server.client(person.token).api.v1.items.$post({ json }));
    if (res.status !== 201 && res.status !== 200) throw new Error(`clip ${json.url}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});
afterAll(() => server.stop());

describe("facet counts from the saves and from SQLite", () => {
  it("agree for every viewer, query and filter", () => {
    const viewers: [string, Viewer][] = [["anonymous", ANONYMOUS], ...Object.entries(net.people).map(([name, p]) => [name, viewerOf(p)] as [string, Viewer])];
    const queries: ItemFacetsQuery[] = [
      {},
      { q: "taal" },
      { q: "sterrenkijkers" },
      { theme: ["meertaligheid"] },
      { kind: ["lesmateriaal", "artikel"] },
      { sector: ["po"] },
      { visibility: ["network", "private"] },
      { q: "taal", sector: ["vo"] },
      { savedBy: "me" },
      { q: "niets-dat-bestaat" },
    ];
    let compared = 0;
    for (const [name, viewer] of viewers) {
      // "Saved by me" asks for a person.
      for (const query of queries.filter((q) => viewer.kind === "user" || !q.savedBy)) {
        expect({ name, query, ...counts(facetsFromSignatures(server.ctx, viewer, query)) }).toEqual({ name, query, ...counts(facetsFromSaves(server.ctx, viewer, query)) });
        compared++;
      }
    }
    expect(compared).toBe(59);
  });

  it("count each item once, with the kind of the save that speaks for it, and never another person's private save", async () => {
    const { anna, eva } = net.people;
    // Anna sees the stars item through her own network save and Bram's school save (not Chris's private
    // one), the arithmetic item through her own private save (which speaks for it) and Chris's public one,
    // and the community's item through Dewi's community save and Eva's network save (which speaks for it).
    expect(counts(facetsFromSignatures(server.ctx, viewerOf(anna), {}))).toEqual({
      total: 4,
      themes: { meertaligheid: 3, thuistalen: 1, "taalbewust-lesgeven": 2, nt2: 2, nieuwkomers: 1 },
      kinds: { artikel: 2, lesmateriaal: 1, praktijkvoorbeeld: 1 },
      sectors: { po: 3, vo: 2, so: 1 },
      visibilities: { network: 2, public: 2, school: 1, private: 1, community: 1 },
    });
    // Eva (no school, no community) sees her own private note and what is network or public.
    const evaOverHttp = await reply(server.client(eva.token).api.v1.items.facets.$get({ query: {} }));
    expect(evaOverHttp.status).toBe(200);
    expect(counts(evaOverHttp.body)).toEqual({
      total: 5,
      themes: { meertaligheid: 2, thuistalen: 1, "taalbewust-lesgeven": 1, nt2: 1, nieuwkomers: 1, burgerschap: 1 },
      kinds: { artikel: 3, kennisclip: 1, praktijkvoorbeeld: 1 },
      sectors: { po: 3, so: 1, wo: 1 },
      visibilities: { network: 2, public: 2, private: 1 },
    });
  });

  it("count a small library on the server's own thread: no second thread is started for a count of a few milliseconds", async () => {
    const { eva } = net.people;
    const filtered = await reply(server.client(eva.token).api.v1.items.facets.$get({ query: { kind: ["artikel"] } }));
    expect(filtered.status).toBe(200);
    expect(counts(filtered.body)).toEqual(counts(facetsFromSignatures(server.ctx, viewerOf(eva), { kind: ["artikel"] })));
    expect(filtered.body.total).toBe(3);
    expect(server.counting!.running).toBe(false);
  });
});
