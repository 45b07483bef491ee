/**
 * A broker's feed per theme of new leervragen: reachable only with the broker's own token (never public),
 * the theme with its sub-themes, questions waiting for an answer only, cheap 304s, and a token that stops
 * working when rotated or when the person is no broker any more. Which questions each person sees is
 * proven in the visibility matrix of questions.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });

async function ask(who: Person, body: Record<string, unknown>) {
  server.clock.advance(1000);
  const res = await api("POST", "/questions", who.token, { themes: ["nieuwkomers"], visibility: "school", ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.question as { id: string; createdAt: string };
}

async function feedUrls(who: Person, theme = "nt2") {
  const res = await api("GET", `/questions/feed-url?theme=${theme}`, who.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { atom: string; rss: string; json: string };
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

describe("the brokers' question feed per theme", () => {
  it("lists new questions in the theme and its sub-themes, newest first, as JSON Feed, Atom and RSS, without anyone's name", async () => {
    const urls = await feedUrls(net.people.dewi);
    expect(urls.json).toMatch(new RegExp(`^${server.url}/feeds/questions/nt2\\.json\\?token=kpq_[A-Za-z0-9_-]+$`));
    expect(urls.atom).toBe(urls.json.replace("/nt2.json?", "/nt2.atom?"));
    expect(urls.rss).toBe(urls.json.replace("/nt2.json?", "/nt2.rss?"));
    // Asking for the URL again gives the same one: the token is kept.
    expect(await feedUrls(net.people.dewi)).toEqual(urls);

    const first = await ask(net.people.anna, { question: "Hoe vangen we nieuwkomers op?", context: "We hebben een taalklas." });
    const second = await ask(net.people.chris, { question: "Welke NT2-methode voor de brugklas?", themes: ["nt2"], visibility: "network" });
    await ask(net.people.anna, { question: "Hoe oefenen we begrijpend lezen?", themes: ["leesonderwijs-en-begrijpend-lezen"] });
    await ask(net.people.anna, { question: "Een concept over nieuwkomers", visibility: "private" });

    const res = await fetch(urls.json);
    expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([200, "application/feed+json; charset=utf-8", "private, max-age=900"]);
    const feed = (await res.json()) as { title: string; items: { id: string; title: string; url: string; content_text: string; date_published: string; authors?: unknown }[] };
    expect(feed.title).toBe("Leervragen — NT2 (Nederlands als tweede taal)");
    expect(feed.items.map((i) => ({ id: i.id, title: i.title, url: i.url, content_text: i.content_text, date_published: i.date_published }))).toEqual([
      { id: `urn:knooppunt:question:${second.id}`, title: "Welke NT2-methode voor de brugklas?", url: `${server.url}/app?question=${second.id}`, content_text: "Het Stedelijk College", date_published: second.createdAt },
      { id: `urn:knooppunt:question:${first.id}`, title: "Hoe vangen we nieuwkomers op?", url: `${server.url}/app?question=${first.id}`, content_text: "De Regenboog — We hebben een taalklas.", date_published: first.createdAt },
    ]);
    const raw = JSON.stringify(feed);
    expect([raw.includes("Test anna"), raw.includes("Test chris")]).toEqual([false, false]);

    const atom = await fetch(urls.atom);
    expect([atom.status, atom.headers.get("content-type")]).toEqual([200, "application/atom+xml; charset=utf-8"]);
    expect((await atom.text()).match(/<entry>/g)?.length).toBe(2);
    const rss = await fetch(urls.rss);
    expect([rss.status, rss.headers.get("content-type")]).toEqual([200, "application/rss+xml; charset=utf-8"]);
    expect((await rss.text()).match(/<item>/g)?.length).toBe(2);
  });

  it("answers 304 to a reader whose copy is current, and a new ETag once a question is asked or answered", async () => {
    const { json } = await feedUrls(net.people.dewi, "meertaligheid");
    const before = await fetch(json);
    await before.text();
    const etag = before.headers.get("etag")!;
    expect((await fetch(json, { headers: { "If-None-Match": etag } })).status).toBe(304);

    const asked = await ask(net.people.anna, { question: "Mag de thuistaal in de klas?", themes: ["meertaligheid"] });
    const after = await fetch(json, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    const newEtag = after.headers.get("etag")!;
    expect(((await after.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([`urn:knooppunt:question:${asked.id}`]);

    const item = await api("POST", "/items", net.people.anna.token, { url: "https://www.voorbeeld.nl/thuistaal", title: "Thuistaal in de klas", visibility: "network" });
    expect((await api("POST", `/questions/${asked.id}/answer`, net.people.dewi.token, { itemIds: [item.body.item.id] })).status).toBe(200);
    const answered = await fetch(json, { headers: { "If-None-Match": newEtag } });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("is never public: no token, a wrong one, a rotated one, or one of a person who is no broker any more is a 404", async () => {
    const path = `/feeds/questions/nt2.json`;
    const old = await feedUrls(net.people.dewi);
    const status = async (url: string) => {
      const res = await fetch(url);
      await res.text();
      return res.status;
    };
    expect(await status(`${server.url}${path}`)).toBe(404);
    expect(await status(`${server.url}${path}?token=kpq_geraden`)).toBe(404);
    expect(await status(old.json.replace("/nt2.json", "/bestaat-niet.json"))).toBe(404);
    expect((await api("GET", "/questions/feed-url?theme=nt2", net.people.anna.token)).body.error.code).toBe("broker_only");
    expect((await api("GET", "/questions/feed-url?theme=bestaat-niet", net.people.dewi.token)).body.error.code).toBe("unknown_theme");

    const rotated = await api("POST", "/questions/feed-url/rotate?theme=nt2", net.people.dewi.token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.json).not.toBe(old.json);
    expect([await status(old.json), await status(old.atom), await status(rotated.body.json)]).toEqual([404, 404, 200]);

    const demoted = await api("PATCH", `/admin/users/${net.people.dewi.id}`, server.adminToken, { roles: [] });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    expect(await status(rotated.body.json)).toBe(404);
    const again = await api("PATCH", `/admin/users/${net.people.dewi.id}`, server.adminToken, { roles: ["broker"] });
    expect(again.status).toBe(200);
    expect(await status(rotated.body.json)).toBe(200);
  });
});
