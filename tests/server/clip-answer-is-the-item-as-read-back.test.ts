import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CreateItemRequest } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

// The answer to a clip of a new URL is shaped from the rows the clip wrote, not read back from the
// database (saves.ts, saveItem). Whatever a clip brings, that answer must be the item exactly as the
// database then gives it to its person, and as another person in the circle sees it.

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

type Clip = z.input<typeof CreateItemRequest>;

const clips = (): Clip[] => [
  { url: "https://lezen.nl/kaal" },
  { url: "https://lezen.nl/pad/met%20spatie/?a=1#deel" },
  {
    url: "https://www.lowan.nl/po/zachte-landing/?utm_source=nieuwsbrief",
    title: "  Zachte landing  ",
    kind: "protocol",
    language: "nl",
    text: "Een lange tekst over nieuwkomers. ".repeat(200),
    meta: {
      siteName: "LOWAN",
      author: "Anna de Vries",
      publishedAt: "2026-03-01",
      imageUrl: "https://www.lowan.nl/beeld.png",
      faviconUrl: "https://www.lowan.nl/favicon.ico",
      excerpt: "Wat een school doet in de eerste weken.",
      canonicalUrl: "https://lowan.nl/po/zachte-landing-canoniek",
    },
    themes: ["nt2", "zachte-landing", "nt2", "cultureel-responsief-lesgeven"],
    tags: ["#Woordenschat", "woordenschat", "  Groep   8 "],
    note: "Werkt goed in groep 8.",
    quote: "De eerste weken tellen.",
    sector: ["vo", "po", "vo"],
    visibility: "network",
  },
  {
    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    meta: { video: { provider: "youtube", id: "dQw4w9WgXcQ", durationSeconds: 212, embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" } },
    visibility: "public",
    sector: ["mbo"],
  },
  { url: "https://lezen.nl/school", visibility: "school", note: "Voor het team.", themes: ["meertaligheid"] },
  { url: "https://lezen.nl/gemeenschap", visibility: "community", communityId: net.community.id, quote: "Citaat" },
  { url: "https://lezen.nl/prive", visibility: "private", language: "", title: "Titel met \u0000 nul en \ud800 halve tekens en emoji 👋" },
  {
    url: "https://lezen.nl/halve-tekens",
    tags: ["a\udc00b", "\ud83d"],
    note: "einde \ud83d",
    meta: { author: "\udc4b begin", imageUrl: "https://lezen.nl/beeld-\ud800.png", excerpt: "x\ud800\ud800y" },
    text: "tekst \udfff",
  },
  // No title: one is made from the address, cut at 500 characters, here right inside an emoji.
  { url: `https://lezen.nl/${"a".repeat(490)}😀` },
  { url: "https://lezen.nl/duur", meta: { video: { provider: "vimeo", id: "76979871", durationSeconds: 0, embedUrl: null } } },
];

describe("the answer to a clip of a new URL", () => {
  it("holds half a surrogate pair as U+FFFD, as the database keeps it", async () => {
    const created = await reply(server.client(net.people.eva.token).api.v1.items.$post({ json: { ...clips()[7]!, url: "https://lezen.nl/halve-tekens-eva" } }));
    expect([created.body.item.tags, created.body.item.mySave?.note, created.body.item.author, created.body.item.imageUrl, created.body.item.excerpt]).toEqual([
      ["a\ufffdb", "\ufffd"],
      "einde \ufffd",
      "\ufffd begin",
      "https://lezen.nl/beeld-\ufffd.png",
      "x\ufffd\ufffdy",
    ]);
  });

  it("is the item as its person reads it back, for every kind of clip", async () => {
    const anna = net.people.anna.token;
    for (const json of clips()) {
      const created = await reply(server.client(anna).api.v1.items.$post({ json }));
      expect(created.status, json.url).toBe(201);
      const read = await reply(server.client(anna).api.v1.items[":id"].$get({ param: { id: created.body.item.id } }));
      expect(read.status, json.url).toBe(200);
      expect(created.body.item, json.url).toEqual(read.body.item);
    }
  });

  it("tells another person in the circle what they see of the item, but for what is the clipper's own", async () => {
    const created = await reply(server.client(net.people.anna.token).api.v1.items.$post({ json: clips()[2]! }));
    // The same URL again is no new item: it answers from the database.
    expect(created.status).toBe(200);
    const bram = await reply(server.client(net.people.bram.token).api.v1.items[":id"].$get({ param: { id: created.body.item.id } }));
    const { mySave: _mine, savedByMe: _saved, notes: _notes, ...shared } = created.body.item;
    const { mySave, savedByMe, notes, ...seen } = bram.body.item;
    expect(seen).toEqual(shared);
    expect([mySave, savedByMe, notes.map((n) => n.note)]).toEqual([null, false, ["Werkt goed in groep 8."]]);
  });
});
