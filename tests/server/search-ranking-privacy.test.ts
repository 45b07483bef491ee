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

const clip = async (token: string, json: z.input<typeof CreateItemRequest>) => {
  server.clock.advance(60_000);
  const res = await reply(server.client(token).api.v1.items.$post({ json }));
  expect(res.status).toBe(201);
  return res.body.item.id;
};
const order = async (q: string, token: string) => (await reply(server.client(token).api.v1.items.$get({ query: { q, limit: "50" } }))).body.items.map((i) => i.id);
const words = (word: string, n: number) => Array.from({ length: n }, () => word).join(" ");

describe("ranking search results", () => {
  it("orders a person's results the same before and after someone else privately clips many pages with the same words", async () => {
    const anna = net.people.anna.token;
    // Weighed by whole-index statistics (bm25), the rarer of the two words counts more: which of these
    // two comes first would tell how many hidden saves contain each word.
    const mostlyWoordenschat = await clip(anna, { url: "https://voorbeeld.nl/a", title: "Lesidee A", text: `${words("woordenschat", 6)} thuistaal`, visibility: "private" });
    const mostlyThuistaal = await clip(anna, { url: "https://voorbeeld.nl/b", title: "Lesidee B", text: `woordenschat ${words("thuistaal", 6)}`, visibility: "network" });
    await clip(anna, { url: "https://voorbeeld.nl/c", title: "Lesidee C", text: words("thuistaal", 3), visibility: "private" });
    const inTitle = await clip(anna, { url: "https://voorbeeld.nl/d", title: "Woordenschat en thuistaal", text: "Een korte tekst.", visibility: "private" });
    const inNote = await clip(anna, { url: "https://voorbeeld.nl/e", title: "Lesidee E", text: "woordenschat", note: "Goed voor de thuistaal", visibility: "private" });
    const expected = [inTitle, inNote, mostlyThuistaal, mostlyWoordenschat];

    const before = await order("woordenschat thuistaal", anna);
    expect(before).toEqual(expected);

    for (let n = 0; n < 40; n++) {
      await clip(net.people.eva.token, {
        url: `https://elders.example/verslag/${n}`,
        title: `Verslag ${n} woordenschat`,
        text: `${words("woordenschat", 10)} ${n % 2 ? "thuistaal" : ""} Lorem ipsum dolor sit amet, consectetur adipiscing elit. ${words("tekst", n)}`,
        note: "woordenschat",
        visibility: "private",
      });
    }

    expect(await order("woordenschat thuistaal", anna)).toEqual(before);
    expect(await order("woordenschat", anna)).toEqual([inTitle, inNote, mostlyThuistaal, mostlyWoordenschat]);
    // Chris (another school) sees only Anna's network save, whatever else matches.
    expect(await order("woordenschat thuistaal", net.people.chris.token)).toEqual([mostlyThuistaal]);
  });

  it("ranks a title match first, then what a person added, then the page's text, newest first within each", async () => {
    const bram = net.people.bram.token;
    const textOld = await clip(bram, { url: "https://voorbeeld.nl/f", title: "Iets", text: "rekenbegrip in groep 5", visibility: "private" });
    const titled = await clip(bram, { url: "https://voorbeeld.nl/g", title: "Rekenbegrip oefenen", visibility: "private" });
    const tagged = await clip(bram, { url: "https://voorbeeld.nl/h", title: "Iets anders", tags: ["rekenbegrip"], visibility: "private" });
    const textNew = await clip(bram, { url: "https://voorbeeld.nl/i", title: "Nog iets", meta: { excerpt: "Over rekenbegrip" }, visibility: "private" });
    expect(await order("rekenbegrip", bram)).toEqual([titled, tagged, textNew, textOld]);
    const firstPage = await reply(server.client(bram).api.v1.items.$get({ query: { q: "rekenbegrip", limit: "2" } }));
    expect(firstPage.body.items.map((i) => i.id)).toEqual([titled, tagged]);
    const secondPage = await reply(server.client(bram).api.v1.items.$get({ query: { q: "rekenbegrip", limit: "2", cursor: firstPage.body.nextCursor! } }));
    expect(secondPage.body.items.map((i) => i.id)).toEqual([textNew, textOld]);
    expect(secondPage.body.nextCursor).toBeNull();
  });
});
