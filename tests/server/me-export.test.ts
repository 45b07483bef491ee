import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const v1 = (token?: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const anna = v1(net.people.anna.token).items;
  await reply(anna.$post({ json: { url: "https://www.voorbeeld.nl/formule", title: '=HYPERLINK("http://kwaad.example","klik")', note: "-2 punten, @iedereen", tags: ["rekenen"], visibility: "private" } }));
  await reply(
    anna.$post({
      json: { url: "https://www.voorbeeld.nl/nt2?a=1&b=2", title: 'NT2 <b>"zo"</b> & meer', note: "Regel 1\nRegel 2, met \"aanhalingstekens\"", quote: "Taal is alles", tags: ["nt2"], themes: ["nt2"], visibility: "school" },
    }),
  );
  // Someone else's save of the same page is not Anna's data.
  await reply(v1(net.people.bram.token).items.$post({ json: { url: "https://www.voorbeeld.nl/nt2?a=1&b=2", note: "Bram's eigen notitie", visibility: "school" } }));
  await reply(v1(net.people.anna.token).tokens.$post({ json: { name: "Mijn script" } }));
});
afterAll(() => server.stop());

const download = (token: string, query = "") => fetch(`${server.url}/api/v1/me/export${query}`, { headers: { Authorization: `Bearer ${token}` } });

describe("a person's export of their own data", () => {
  it("gives everything stored about them as a JSON attachment, without secrets or other people's data", async () => {
    const res = await download(net.people.anna.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-gegevens-2026-11-24.json"');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toEqual({
      id: net.people.anna.id,
      name: "Test anna",
      displayName: null,
      email: "anna@test.knooppunt.nl",
      roles: [],
      disabled: false,
      createdAt: "2026-11-24T09:00:00.000Z",
      updatedAt: "2026-11-24T09:00:00.000Z",
    });
    expect(data.identities).toEqual([]);
    expect(data.memberships).toEqual({
      schools: [{ id: net.schoolA.id, name: "De Regenboog", role: "member" }],
      institutes: [],
      communities: [{ id: net.community.id, name: "PLG Meertaligheid", role: "member" }],
    });
    expect(data.saves.map((s: any) => [s.item.url, s.item.title, s.note, s.quote, s.tags, s.themes, s.circle])).toEqual([
      ["https://www.voorbeeld.nl/formule", '=HYPERLINK("http://kwaad.example","klik")', "-2 punten, @iedereen", "", ["rekenen"], [], { visibility: "private", schoolId: net.schoolA.id, communityId: null }],
      ["https://www.voorbeeld.nl/nt2?a=1&b=2", 'NT2 <b>"zo"</b> & meer', 'Regel 1\nRegel 2, met "aanhalingstekens"', "Taal is alles", ["nt2"], ["nt2"], { visibility: "school", schoolId: net.schoolA.id, communityId: null }],
    ]);
    expect(data.tokens.map((t: any) => [t.name, t.kind, Object.keys(t).sort()])).toEqual([
      ["Aanmelding", "login", ["createdAt", "id", "kind", "lastUsedAt", "name"]],
      ["Mijn script", "api", ["createdAt", "id", "kind", "lastUsedAt", "name"]],
    ]);
    expect(data.bundles).toEqual([]);
    expect(data.webhooks).toEqual([]);
    expect(data.offers).toEqual([]);
    expect(text).not.toContain("Bram's eigen notitie");
    expect(text).not.toMatch(/hash|secret|password/i);
  });

  it("gives the bundles a broker curates with their items and notes", async () => {
    const dewi = v1(net.people.dewi.token);
    const item = await reply(dewi.items.$post({ json: { url: "https://www.voorbeeld.nl/bundelbron", title: "Bundelbron", visibility: "network" } }));
    const draft = await reply(dewi.bundles.$post({ json: { title: "Welkom", about: "Voor nieuwkomers", themes: ["nt2"], audience: "network" } }));
    await reply(dewi.bundles[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId: item.body.item.id, note: "Begin hier" }] } }));
    const data = JSON.parse(await (await download(net.people.dewi.token)).text());
    expect(data.bundles.map((b: any) => [b.title, b.role, b.status, b.themes, b.items])).toEqual([
      ["Welkom", "owner", "draft", ["nt2"], [{ position: 0, note: "Begin hier", item: { id: item.body.item.id, url: "https://www.voorbeeld.nl/bundelbron", title: "Bundelbron" } }]],
    ]);
  });

  it("gives the saves as RFC 4180 CSV in which no cell can start a spreadsheet formula", async () => {
    const res = await download(net.people.anna.token, "?format=csv");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bewaard-2026-11-24.csv"');
    expect(await res.text()).toBe(
      "url,title,note,quote,tags,themes,visibility,applied,worked,created_at,updated_at\r\n" +
        `https://www.voorbeeld.nl/formule,"'=HYPERLINK(""http://kwaad.example"",""klik"")","'-2 punten, @iedereen",,rekenen,,private,no,untested,2026-11-24T09:00:00.000Z,2026-11-24T09:00:00.000Z\r\n` +
        `https://www.voorbeeld.nl/nt2?a=1&b=2,"NT2 <b>""zo""</b> & meer","Regel 1\nRegel 2, met ""aanhalingstekens""",Taal is alles,nt2,nt2,school,no,untested,2026-11-24T09:00:00.000Z,2026-11-24T09:00:00.000Z\r\n`,
    );
  });

  it("gives the saves as an escaped Netscape bookmark file that browsers and bookmark managers import", async () => {
    const res = await download(net.people.anna.token, "?format=html");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="knooppunt-bewaard-2026-11-24.html"');
    const added = Date.parse("2026-11-24T09:00:00.000Z") / 1000;
    expect(await res.text()).toBe(
      [
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
        "<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        "<TITLE>Knooppunt</TITLE>",
        "<H1>Knooppunt</H1>",
        "<DL><p>",
        `    <DT><A HREF="https://www.voorbeeld.nl/formule" ADD_DATE="${added}" LAST_MODIFIED="${added}" TAGS="rekenen">=HYPERLINK(&quot;http://kwaad.example&quot;,&quot;klik&quot;)</A>`,
        "    <DD>-2 punten, @iedereen",
        `    <DT><A HREF="https://www.voorbeeld.nl/nt2?a=1&amp;b=2" ADD_DATE="${added}" LAST_MODIFIED="${added}" TAGS="nt2">NT2 &lt;b&gt;&quot;zo&quot;&lt;/b&gt; &amp; meer</A>`,
        "    <DD>Regel 1\nRegel 2, met &quot;aanhalingstekens&quot;\n\n“Taal is alles”",
        "</DL><p>",
        "",
      ].join("\n"),
    );
  });

  it("refuses an unknown format with the contract's 400, and readers without an account with 401", async () => {
    const res = await download(net.people.anna.token, "?format=xml");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
    expect((await fetch(`${server.url}/api/v1/me/export`)).status).toBe(401);
  });
});
