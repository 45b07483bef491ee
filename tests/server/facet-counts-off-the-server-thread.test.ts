import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { ItemFacetsQuery } from "../../shared/schemas";
import { findUserByEmail, signedInViewer } from "../../server/services/accounts/accounts";
import { countFacets, facetsFromSaves, itemFacets, offThread } from "../../server/services/library/facets";
import { CountingThread } from "../../server/services/library/counting-thread";
import { SQLITE_MEMORY_DEFAULTS } from "../../server/db/client";
import { ClientGone } from "../../server/core/errors";
import { healthAnswersDuring } from "../support/answers-during";
import { addBulkSaves } from "../support/bulk-library";
import { buildNetwork, startTestServer, type TestServer } from "../support/server";

/**
 * Facet counts that read many saves (a filter without a query, or words in many saves) run on a
 * thread of their own once the library is large, so the server goes on answering while they run. The
 * library here holds 40,000 public saves besides the network's (support/bulk-library.ts), so that such
 * a count takes long enough to be seen.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const BULK = 40_000;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  addBulkSaves(server.ctx.sqlite, findUserByEmail(server.ctx, net.people.anna.email)!.id, BULK, server.ctx.now().toISOString());
});
afterAll(() => server.stop());

const viewerOf = (email: string) => signedInViewer(server.ctx, findUserByEmail(server.ctx, email)!, "test");
const facets = (token: string, query: string) => server.api("GET", `/api/v1/items/facets?${query}`, { token });

describe("facet counts that read many saves", () => {
  it("are counted on the counting thread, the same as on the server's own", async () => {
    expect(server.counting!.running).toBe(false);
    const cases: [string, ItemFacetsQuery][] = [
      ["kind=protocol", { kind: ["protocol"] }],
      ["theme=nt2&sector=po", { theme: ["nt2"], sector: ["po"] }],
      ["visibility=public", { visibility: ["public"] }],
    ];
    for (const person of [net.people.anna, net.people.bram]) {
      for (const [query, parsed] of cases) {
        const res = await facets(person.token, query);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(itemFacets(server.ctx, viewerOf(person.email), parsed));
      }
    }
    expect(server.counting!.running).toBe(true);
    // The bulk saves are all counted: a third of them are protocols, every one public.
    const bulkProtocols = server.ctx.sqlite.prepare("SELECT count(*) FROM saves WHERE url GLOB 'https://bulk.*' AND kind = 'protocol'").pluck().get() as number;
    expect(bulkProtocols).toBe(Math.floor(BULK / 3));
    const protocols = await facets(net.people.bram.token, "kind=protocol&visibility=public");
    expect(protocols.body.total).toBeGreaterThanOrEqual(bulkProtocols);
    expect(protocols.body).toEqual(itemFacets(server.ctx, viewerOf(net.people.bram.email), { kind: ["protocol"], visibility: ["public"] }));
  });

  it("leave the server answering other requests while they run", async () => {
    // The thread is running (the test before); this count walks the 40,000 saves on it.
    const { answered, result } = await healthAnswersDuring(server.url, facets(net.people.bram.token, "theme=meertaligheid"));
    expect(result.status).toBe(200);
    // On the server's own thread, the count would have held every /healthz until it was done.
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it("are counted on the server's thread when the counting thread cannot start", async () => {
    const broken = new CountingThread({ databasePath: join(server.dir, "no-such-library.db"), memory: SQLITE_MEMORY_DEFAULTS, linksBase: server.url });
    try {
      const viewer = viewerOf(net.people.anna.email);
      const query: ItemFacetsQuery = { kind: ["kennisclip"] };
      await expect(broken.count(viewer, query, "signatures")).rejects.toThrow("the counting thread failed: SQLITE_CANTOPEN");
      // Not started again at every count: the next ones are told at once, and counted on this thread.
      const next = broken.count(viewer, query, "signatures");
      expect(broken.running).toBe(false);
      await expect(next).rejects.toThrow("the counting thread failed: SQLITE_CANTOPEN");
      expect(await countFacets(server.ctx, viewer, query, broken)).toEqual(itemFacets(server.ctx, viewer, query));
    } finally {
      await broken.close();
    }
  });

  it("stop their thread after a while without a count, and start it again at the next", async () => {
    const thread = new CountingThread({ databasePath: server.databasePath, memory: SQLITE_MEMORY_DEFAULTS, linksBase: server.url }, 200);
    try {
      const viewer = viewerOf(net.people.bram.email);
      const query: ItemFacetsQuery = { sector: ["po"] };
      expect(await thread.count(viewer, query, "signatures")).toEqual(itemFacets(server.ctx, viewer, query));
      expect(thread.running).toBe(true);
      await expect.poll(() => thread.running, { timeout: 5_000 }).toBe(false);
      // The other way that reads saves, over the saves that hold the words, is counted there as well.
      const words: ItemFacetsQuery = { q: "artikel" };
      const counted = await thread.count(viewer, words, "saves");
      expect(counted).toEqual(facetsFromSaves(server.ctx, viewer, words));
      expect(counted.total).toBe(BULK);
    } finally {
      await thread.close();
    }
    expect(thread.running).toBe(false);
    await expect(thread.count(viewerOf(net.people.bram.email), {}, "signatures")).rejects.toThrow("the counting thread was closed");
  });

  it("skip a count whose request went away before the thread took it up", async () => {
    const thread = new CountingThread({ databasePath: server.databasePath, memory: SQLITE_MEMORY_DEFAULTS, linksBase: server.url });
    try {
      const viewer = viewerOf(net.people.bram.email);
      const gone = new AbortController();
      // Each walks the 40,000 saves; the second's person types on before the thread gets to it.
      const first = thread.count(viewer, { kind: ["protocol"] }, "signatures");
      const second = thread.count(viewer, { kind: ["artikel"] }, "signatures", gone.signal);
      const third = thread.count(viewer, { kind: ["kennisclip"] }, "signatures");
      gone.abort();
      await expect(second).rejects.toThrow(ClientGone);
      expect(await first).toEqual(itemFacets(server.ctx, viewer, { kind: ["protocol"] }));
      expect(await third).toEqual(itemFacets(server.ctx, viewer, { kind: ["kennisclip"] }));
      expect(thread.stats).toEqual({ counted: 2, dropped: 1 });
    } finally {
      await thread.close();
    }
  });

  it("are sent to the thread only when they read enough saves to take longer than a search", () => {
    expect([offThread("signatures", 19_999), offThread("signatures", 20_000)]).toEqual([false, true]);
    expect([offThread("saves", 7_499), offThread("saves", 7_500)]).toEqual([false, true]);
  });
});
