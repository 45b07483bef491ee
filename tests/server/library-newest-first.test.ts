import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

/**
 * The library without words lists items newest first by the first save each viewer may see: an item
 * someone saved privately long ago and shared later is new to everyone else when it was shared, and
 * old to the person who saved it. Items saved at the same moment go newest item first. Pages follow on
 * without an item twice or left out.
 */
let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
type ClipRequest = Parameters<ApiClient["api"]["v1"]["items"]["$post"]>[0]["json"];

const url = (name: string) => `https://www.voorbeeld.nl/${name}`;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const { anna, bram, chris, dewi, eva } = net.people;
  // [minutes after the start, who, clip]: equal minutes are saved at the same moment.
  const clips: [number, Person, ClipRequest][] = [
    [1, chris, { url: url("a"), title: "A", kind: "artikel", visibility: "private" }],
    [2, bram, { url: url("b"), title: "B", kind: "artikel", visibility: "public" }],
    [3, anna, { url: url("a"), kind: "artikel", visibility: "network" }],
    [4, eva, { url: url("c"), title: "C", kind: "artikel", visibility: "network" }],
    [5, dewi, { url: url("c"), kind: "artikel", visibility: "public" }],
    [6, anna, { url: url("d"), title: "D", kind: "artikel", visibility: "private" }],
    [7, bram, { url: url("e"), title: "E", kind: "artikel", visibility: "public" }],
    [7, chris, { url: url("f"), title: "F", kind: "artikel", visibility: "public" }],
  ];
  let at = 0;
  for (const [minute, person, json] of clips) {
    server.clock.advance((minute - at) * 60_000);
    at = minute;
    const res = await reply(server.client(person.token).api.v1.items.$post({ json }));
    if (res.status !== 201 && res.status !== 200) throw new Error(`clip ${json.url}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});
afterAll(() => server.stop());

async function newestFirst(person: Person | null, limit: number) {
  const urls: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const res = await reply(server.client(person?.token).api.v1.items.$get({ query: { sort: "recent", limit: String(limit), ...(cursor ? { cursor } : {}) } }));
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    urls.push(...res.body.items.map((item: { url: string }) => item.url.replace(url(""), "")));
    pages.push(res.body.items.length);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return { urls, pages };
}

describe("the library newest first", () => {
  it("puts an item where the viewer's first visible save of it was made", async () => {
    // Chris saved A first (privately): to him it is older than B; to Anna it dates from her own network save.
    expect((await newestFirst(net.people.chris, 20)).urls).toEqual(["f", "e", "c", "b", "a"]);
    expect((await newestFirst(net.people.anna, 20)).urls).toEqual(["f", "e", "d", "c", "a", "b"]);
    // Without an account only public saves count: C dates from Dewi's public save, not Eva's network one.
    expect((await newestFirst(null, 20)).urls).toEqual(["f", "e", "c", "b"]);
  });

  it("pages on without repeating or leaving out an item, also between items saved at the same moment", async () => {
    expect(await newestFirst(net.people.chris, 1)).toEqual({ urls: ["f", "e", "c", "b", "a"], pages: [1, 1, 1, 1, 1] });
    expect(await newestFirst(net.people.anna, 2)).toEqual({ urls: ["f", "e", "d", "c", "a", "b"], pages: [2, 2, 2] });
  });
});
