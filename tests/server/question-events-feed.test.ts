/**
 * A school's private feed shows its answered leervragen: the question as the title, linking to the answer
 * bundle with the school's offer key. The answer moves the feed's ETag; another school's feed never shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, offerKey, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });

async function feedUrl(schoolId: string, token: string) {
  const res = await reply(server.client(token).api.v1.schools[":id"]["feed-url"].$get({ param: { id: schoolId } }));
  expect(res.status).toBe(200);
  return res.body.json as string;
}
async function read(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { etag: res.headers.get("etag"), items: ((await res.json()) as { items: { id: string; title: string; url: string; content_text?: string }[] }).items };
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const made = await server.api("PUT", `/api/v1/admin/schools/${net.schoolB.id}/members/${net.people.chris.id}`, { token: server.adminToken, body: { role: "coordinator" } });
  expect(made.status).toBe(200);
});
afterAll(() => server.stop());

describe("the school feed and leervragen", () => {
  it("shows the school's answered question, linking to the answer bundle with its offer key, and its ETag moves", async () => {
    const feedA = await feedUrl(net.schoolA.id, net.people.bram.token);
    const feedB = await feedUrl(net.schoolB.id, net.people.chris.token);
    const asked = await api("POST", "/questions", net.people.anna.token, { question: "Hoe lezen nieuwkomers mee in groep 3?", themes: ["nieuwkomers"], visibility: "school" });
    expect(asked.status).toBe(201);
    const id = asked.body.question.id as string;
    const before = await read(feedA);
    expect(before.items.map((i) => i.id)).toEqual([]);

    const item = await api("POST", "/items", net.people.anna.token, { url: "https://www.voorbeeld.nl/feed-antwoord", title: "Bron", visibility: "network" });
    const draft = await api("POST", "/bundles", net.people.dewi.token, { title: "Lezen in groep 3", about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" });
    await api("PUT", `/bundles/${draft.body.bundle.id}/items`, net.people.dewi.token, { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] });
    const published = await api("POST", `/bundles/${draft.body.bundle.id}/publish`, net.people.dewi.token, {});
    expect(published.status).toBe(200);
    server.clock.advance(60_000);
    const answered = await api("POST", `/questions/${id}/answer`, net.people.dewi.token, { bundleId: draft.body.bundle.id, note: "Begin hier." });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const key = offerKey(server, answered.body.offers[0].id);

    const after = await read(feedA);
    expect(after.etag).not.toBe(before.etag);
    expect(after.items.map((i) => ({ id: i.id, title: i.title, url: i.url, content_text: i.content_text }))).toEqual([
      { id: `urn:knooppunt:question:${id}`, title: "Hoe lezen nieuwkomers mee in groep 3?", url: `${server.url}/b/${published.body.bundle.slug}?key=${encodeURIComponent(key)}`, content_text: "Begin hier." },
    ]);
    const again = await fetch(feedA, { headers: { "If-None-Match": after.etag! } });
    expect(again.status).toBe(304);

    const other = await read(feedB);
    expect(other.items.map((i) => i.id)).toEqual([]);
  });

  it("leaves out a community question of the school, answered or not", async () => {
    const feedA = await feedUrl(net.schoolA.id, net.people.bram.token);
    const asked = await api("POST", "/questions", net.people.anna.token, { question: "Alleen voor de leergemeenschap", themes: ["nieuwkomers"], visibility: "community", communityId: net.community.id });
    expect(asked.status).toBe(201);
    const item = await api("POST", "/items", net.people.anna.token, { url: "https://www.voorbeeld.nl/community-antwoord", title: "Bron voor de leergemeenschap", visibility: "network" });
    server.clock.advance(60_000);
    const answered = await api("POST", `/questions/${asked.body.question.id}/answer`, net.people.dewi.token, { itemIds: [item.body.item.id], note: "Zie de leergemeenschap." });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const { items } = await read(feedA);
    expect(items.map((i) => i.title)).toEqual(["Hoe lezen nieuwkomers mee in groep 3?"]);
  });
});
