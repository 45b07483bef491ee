/**
 * Teams refuses a Workflows message over about 28 KB. The longest card people can cause (every text at its
 * longest, in the characters that take the most bytes once escaped and written as JSON, a hundred items with
 * the longest addresses) still arrives under the limit, cut where it must be; the json format is not cut.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAMS_MESSAGE_MAX_BYTES } from "../../server/services/webhooks/payloads";
import { startReceiver, type Receiver } from "../support/receiver";
import { buildNetwork, offerKey, reply, startTestServer, type TestServer } from "../support/server";

/**
 * `length` characters that grow the most on a card: a control character is six bytes in JSON (\u0001),
 * a backslash four (escaped for markdown, then for JSON), a markup character three, and an emoji four bytes
 * for two characters.
 */
function heaviest(length: number): string {
  const text = "\u0001\\*😀é".repeat(Math.ceil(length / 6)).slice(0, length);
  // Never half an emoji at the end: the server would store a replacement character instead.
  return /[\ud800-\udbff]$/.test(text) ? `${text.slice(0, -1)}é` : text;
}
const longUrl = (n: number) => `https://www.voorbeeld.nl/${n}/${"a".repeat(4000)}`;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let receiver: Receiver;
const v1 = (token: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  receiver = await startReceiver();
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

async function requestTo(path: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const request = receiver.requests.find((r) => r.path === path);
    if (request) return request;
    if (Date.now() > until) throw new Error(`no request to ${path}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const textsOf = (card: { body: { text: string }[] }) => card.body.map((b) => b.text);

describe("a Teams card at its longest", () => {
  it("an offer of a bundle with every text at its longest and a hundred items arrives under 28 KB, its button intact", async () => {
    const hooks = v1(net.people.bram.token).schools[":id"].webhooks;
    for (const [path, format] of [["/teams-offer", "teams"], ["/json-offer", "json"]] as const) {
      const made = await reply(hooks.$post({ param: { id: net.schoolA.id }, json: { url: `${receiver.url}${path}`, format, events: ["offer.created"] } }));
      expect(made.status).toBe(201);
    }
    const items: { itemId: string; note: string }[] = [];
    for (let n = 0; n < 100; n++) {
      const item = await reply(v1(net.people.anna.token).items.$post({ json: { url: longUrl(n), title: heaviest(500), visibility: "network" } }));
      expect(item.status, JSON.stringify(item.body)).toBe(201);
      items.push({ itemId: item.body.item.id, note: heaviest(2000) });
    }
    const about = heaviest(4000);
    const dewi = v1(net.people.dewi.token).bundles;
    const draft = await reply(dewi.$post({ json: { title: heaviest(200), about, use: heaviest(4000), themes: ["nt2"], audience: "network" } }));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const param = { id: draft.body.bundle.id };
    expect((await reply(dewi[":id"].items.$put({ param, json: { version: draft.body.bundle.version, items } }))).status).toBe(200);
    const published = await reply(dewi[":id"].publish.$post({ param, json: {} }));
    expect(published.status).toBe(200);
    const offered = await reply(dewi[":id"].offers.$post({ param, json: { schoolIds: [net.schoolA.id], message: heaviest(2000) } }));
    expect(offered.status).toBe(201);

    const teams = await requestTo("/teams-offer");
    const bytes = Buffer.byteLength(teams.body);
    expect([bytes <= TEAMS_MESSAGE_MAX_BYTES, TEAMS_MESSAGE_MAX_BYTES]).toEqual([true, 27 * 1024]);
    const card = teams.json.attachments[0].content;
    const texts = textsOf(card);
    expect(texts[0]).toBe("Nieuw aanbod voor De Regenboog");
    // Title, about, use and message were cut, and say so; the list still counts all hundred items.
    expect([1, 2, 3, 4].map((i) => texts[i]!.endsWith("…"))).toEqual([true, true, true, true]);
    expect(texts[5]).toBe("**In deze bundel (100)**");
    expect(texts[6]!.split("\n")).toHaveLength(11);
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open de bundel", url: `${server.url}/b/${published.body.bundle.slug}?key=${offerKey(server, offered.body.offers[0]!.id)}` },
    ]);
    // The json format carries the texts whole: it is no card, and its receivers set their own limits.
    expect((await requestTo("/json-offer")).json.bundle.about).toBe(about);
  });

  it("a new item with the longest title, note, site and author arrives under 28 KB, and whole, as it fits", async () => {
    await v1(net.people.bram.token).schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["meertaligheid"] } });
    const hooks = v1(net.people.bram.token).schools[":id"].webhooks;
    expect((await reply(hooks.$post({ param: { id: net.schoolA.id }, json: { url: `${receiver.url}/teams-item`, format: "teams", events: ["item.published"] } }))).status).toBe(201);
    const shared = await reply(
      v1(net.people.anna.token).items.$post({
        json: { url: longUrl(1000), title: heaviest(500), note: heaviest(5000), themes: ["meertaligheid"], visibility: "network", meta: { siteName: heaviest(200), author: heaviest(300) } },
      }),
    );
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    const teams = await requestTo("/teams-item");
    const card = teams.json.attachments[0].content;
    expect(textsOf(card)[0]).toBe("Nieuw in de thema's van De Regenboog");
    // Nothing was cut: every emoji of the note is on the card (escaping leaves them alone).
    const emoji = (text: string) => text.split("😀").length - 1;
    expect([Buffer.byteLength(teams.body) <= TEAMS_MESSAGE_MAX_BYTES, textsOf(card)[2]!.endsWith("…"), emoji(textsOf(card)[2]!)]).toEqual([true, false, emoji(heaviest(5000))]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Openen", url: shared.body.item.url }]);
  });
});
