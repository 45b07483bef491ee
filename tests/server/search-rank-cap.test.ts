import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CreateItemRequest, ErrorBody, ItemListResponse } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

// A server that ranks at most the newest 3 matching saves a person may see, so a handful of clips
// stands for a word found in nearly every page of a large library.
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const ids: Record<string, string> = {};

const clip = async (name: string, token: string, json: z.input<typeof CreateItemRequest>) => {
  server.clock.advance(60_000);
  const res = await reply(server.client(token).api.v1.items.$post({ json }));
  expect(res.status).toBe(201);
  ids[name] = res.body.item.id;
};
const search = async (token: string, query: Record<string, string>) => server.api<ItemListResponse>("GET", `/api/v1/items?${new URLSearchParams(query)}`, { token });
const names = (body: ItemListResponse) => body.items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

beforeAll(async () => {
  server = await startTestServer({ searchRankCap: 3 });
  net = await buildNetwork(server);
  const anna = net.people.anna.token;
  // Oldest first. 'rekenles' is in the title of a and e, in what anna added to c, in the page of the rest.
  await clip("a", anna, { url: "https://voorbeeld.nl/a", title: "Rekenles met blokken", text: "Tellen.", visibility: "network" });
  await clip("b", anna, { url: "https://voorbeeld.nl/b", title: "Lesidee B", text: "Een rekenles buiten.", visibility: "network" });
  await clip("c", anna, { url: "https://voorbeeld.nl/c", title: "Lesidee C", text: "Tellen.", note: "Goede rekenles", visibility: "network" });
  await clip("d", anna, { url: "https://voorbeeld.nl/d", title: "Lesidee D", text: "Nog een rekenles, met breuken.", visibility: "network" });
  await clip("e", anna, { url: "https://voorbeeld.nl/e", title: "Rekenlessen in groep 5", text: "Breuken.", visibility: "network" });
  await clip("f", anna, { url: "https://voorbeeld.nl/f", title: "Lesidee F", text: "De rekenles als spel.", visibility: "network" });
});
afterAll(() => server.stop());

describe("a relevance search whose words match more saves than the server ranks", () => {
  it("ranks the items of the newest matching saves by the usual rules and says how many it ranked", async () => {
    const res = await search(net.people.bram.token, { q: "rekenles", limit: "10" });
    expect(res.status).toBe(200);
    // The newest three matches are d, e and f: e has the word in its title, then newer first.
    expect(names(res.body)).toEqual(["e", "f", "d"]);
    expect(res.body.rankedNewest).toBe(3);
    expect(res.body.nextCursor).toBe(null);
  });

  it("still counts every match in total", async () => {
    const res = await search(net.people.bram.token, { q: "rekenles", total: "1" });
    expect(res.body.total).toBe(6);
    expect(res.body.rankedNewest).toBe(3);
  });

  it("lists every match newest first when asked for the newest", async () => {
    const res = await search(net.people.bram.token, { q: "rekenles", sort: "recent" });
    expect(names(res.body)).toEqual(["f", "e", "d", "c", "b", "a"]);
    expect(res.body.rankedNewest).toBe(undefined);
  });

  it("says nothing of a cap when the words match no more saves than it", async () => {
    const res = await search(net.people.bram.token, { q: "breuken" });
    expect(names(res.body)).toEqual(["e", "d"]);
    expect(res.body.rankedNewest).toBe(undefined);
    const both = await search(net.people.bram.token, { q: "rekenles tellen" });
    expect(names(both.body)).toEqual(["a", "c"]);
    expect(both.body.rankedNewest).toBe(undefined);
  });

  it("pages through the same ranked saves, none twice and none left out, also when new matches arrive in between", async () => {
    const bram = net.people.bram.token;
    const first = await search(bram, { q: "rekenles", limit: "2" });
    expect(names(first.body)).toEqual(["e", "f"]);
    expect(first.body.rankedNewest).toBe(3);
    // A new match with the word in its title would be ranked first: the window of the first page is kept,
    // and it is not shown halfway through.
    await clip("g", net.people.chris.token, { url: "https://voorbeeld.nl/g", title: "Rekenles voor nieuwkomers", text: "Getallen.", visibility: "network" });
    const second = await search(bram, { q: "rekenles", limit: "2", cursor: first.body.nextCursor! });
    expect(names(second.body)).toEqual(["d"]);
    expect(second.body.nextCursor).toBe(null);
    expect(second.body.rankedNewest).toBe(3);
    // A new search takes the newest three again: g, f and e.
    expect(names((await search(bram, { q: "rekenles" })).body)).toEqual(["g", "e", "f"]);
  });

  it("counts only the saves the person may see towards the cap", async () => {
    const anna = net.people.anna.token;
    await clip("p", anna, { url: "https://voorbeeld.nl/p", title: "Mijn rekenles", text: "Privé.", visibility: "private" });
    // Anna's newest three matches include her private clip; Bram's do not.
    expect(names((await search(anna, { q: "rekenles" })).body)).toEqual(["p", "g", "f"]);
    expect(names((await search(net.people.bram.token, { q: "rekenles" })).body)).toEqual(["g", "e", "f"]);
  });

  it("applies the filters before the cap, so a theme's matches are not pushed out by others", async () => {
    const anna = net.people.anna.token;
    await clip("t", anna, { url: "https://voorbeeld.nl/t", title: "Thuistalen tellen", text: "Een rekenles in twee talen.", themes: ["thuistalen"], visibility: "network" });
    for (const n of [1, 2, 3]) await clip(`x${n}`, anna, { url: `https://voorbeeld.nl/x${n}`, title: `Lesidee X${n}`, text: "Weer een rekenles.", visibility: "network" });
    const res = await search(net.people.bram.token, { q: "rekenles", theme: "thuistalen" });
    expect(names(res.body)).toEqual(["t"]);
    expect(res.body.rankedNewest).toBe(undefined);
  });

  it("refuses a cursor whose window is not one it gave out", async () => {
    const forged = Buffer.from(JSON.stringify({ s: 3, c: "2026-01-01T00:00:00.000Z", q: 1, w: "x" })).toString("base64url");
    const res = await server.api<ErrorBody>("GET", `/api/v1/items?q=rekenles&cursor=${forged}`, { token: net.people.bram.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_cursor");
  });

  it("keeps ranking every match on later pages when new matches push the words past the cap meanwhile", async () => {
    const bram = net.people.bram.token;
    // 'breuken' is in the page of d and e only: under the cap, so every match is ranked.
    const first = await search(bram, { q: "breuken", limit: "1" });
    expect(names(first.body)).toEqual(["e"]);
    expect(first.body.rankedNewest).toBe(undefined);
    await clip("h1", net.people.chris.token, { url: "https://voorbeeld.nl/h1", title: "Lesidee H1", text: "Breuken vergelijken.", visibility: "network" });
    await clip("h2", net.people.chris.token, { url: "https://voorbeeld.nl/h2", title: "Lesidee H2", text: "Breuken op de getallenlijn.", visibility: "network" });
    // Four matches now, one more than the cap: the next page still ranks all of them, so d is not left out.
    const second = await search(bram, { q: "breuken", limit: "1", cursor: first.body.nextCursor! });
    expect(names(second.body)).toEqual(["d"]);
    expect(second.body.rankedNewest).toBe(undefined);
    expect(second.body.nextCursor).toBe(null);
  });
});
