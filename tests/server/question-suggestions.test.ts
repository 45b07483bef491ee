import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
const ids: Record<string, string> = {};

const api = (method: string, path: string, token: string, body?: unknown) => server.api(method, `/api/v1${path}`, { token, body });

async function clip(who: Person, key: string, body: Record<string, unknown>) {
  const res = await api("POST", "/items", who.token, { url: `https://www.voorbeeld.nl/${key}`, ...body });
  expect(res.status).toBe(201);
  ids[key] = res.body.item.id;
}

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const { anna, chris, eva, dewi } = net.people;
  await clip(anna, "taalklas", { title: "Nieuwkomers begeleiden bij begrijpend lezen", themes: ["nieuwkomers"], visibility: "network" });
  await clip(anna, "intern", { title: "Ons intakeprotocol voor nieuwkomers", themes: ["nieuwkomers"], visibility: "school" });
  await clip(chris, "stedelijk", { title: "Nieuwkomers in de brugklas: begrijpend lezen", themes: ["nieuwkomers"], visibility: "school" });
  await clip(eva, "privé", { title: "Begrijpend lezen met nieuwkomers, mijn aantekeningen", visibility: "private" });
  await clip(anna, "plg", { title: "Thuistalen in de kring", themes: ["thuistalen"], visibility: "community", communityId: net.community.id });
  await clip(chris, "rekenen", { title: "Meertalige rekendidactiek", themes: ["meertalige-rekendidactiek"], visibility: "network" });

  const draft = await api("POST", "/bundles", dewi.token, { title: "Zachte landing", about: "Nieuwkomers in de eerste weken", themes: ["zachte-landing"], audience: "network" });
  await api("PUT", `/bundles/${draft.body.bundle.id}/items`, dewi.token, { version: 1, items: [{ itemId: ids.taalklas, note: "" }] });
  expect((await api("POST", `/bundles/${draft.body.bundle.id}/publish`, dewi.token, {})).status).toBe(200);
  ids.bundle = draft.body.bundle.id;
  const unpublished = await api("POST", "/bundles", dewi.token, { title: "Nieuwkomers, concept", about: "", themes: ["nieuwkomers"], audience: "network" });
  ids.draft = unpublished.body.bundle.id;
});
afterAll(() => server.stop());

const suggest = async (who: Person, query: string) => {
  const res = await api("GET", `/questions/suggestions?${query}`, who.token);
  expect(res.status).toBe(200);
  return { bundles: res.body.bundles.map((b: { id: string }) => b.id), items: res.body.items.map((i: { id: string }) => i.id).sort() };
};

describe("Misschien helpt dit al", () => {
  it("shows each person only the bundles and items they may read, matched on the question's words and themes", async () => {
    const query = `q=${encodeURIComponent("Hoe begeleiden we nieuwkomers bij begrijpend lezen?")}&themes=nt2`;
    const { anna, bram, chris, eva, dewi } = net.people;
    expect(await suggest(anna, query)).toEqual({ bundles: [ids.bundle], items: [ids.taalklas, ids.intern].sort() });
    expect(await suggest(bram, query)).toEqual({ bundles: [ids.bundle], items: [ids.taalklas, ids.intern].sort() });
    expect(await suggest(chris, query)).toEqual({ bundles: [ids.bundle], items: [ids.taalklas, ids.stedelijk].sort() });
    expect(await suggest(eva, query)).toEqual({ bundles: [ids.bundle], items: [ids.taalklas, ids["privé"]].sort() });
    // The broker's own draft bundle is no answer to point a school at.
    expect(await suggest(dewi, query)).toEqual({ bundles: [ids.bundle], items: [ids.taalklas] });
  });

  it("finds by words alone when no theme is chosen, bundles by their title or description too", async () => {
    expect(await suggest(net.people.chris, `q=${encodeURIComponent("Wat werkt bij een zachte landing?")}`)).toEqual({ bundles: [ids.bundle], items: [] });
    expect(await suggest(net.people.chris, `q=${encodeURIComponent("meertalige rekendidactiek")}`)).toEqual({ bundles: [], items: [ids.rekenen] });
  });

  it("falls back to the themes when the words find nothing, and keeps community items to the community", async () => {
    const { anna, chris } = net.people;
    expect(await suggest(anna, `q=${encodeURIComponent("Hoe beginnen we ermee?")}&themes=meertaligheid`)).toEqual({ bundles: [], items: [ids.plg, ids.rekenen].sort() });
    expect(await suggest(chris, `q=${encodeURIComponent("Hoe beginnen we ermee?")}&themes=meertaligheid`)).toEqual({ bundles: [], items: [ids.rekenen] });
  });

  it("shows and matches a published bundle as it was published, not the curator's unpublished edits", async () => {
    const { chris, dewi } = net.people;
    const current = await api("GET", `/bundles/${ids.bundle}`, dewi.token);
    const edited = await api("PATCH", `/bundles/${ids.bundle}`, dewi.token, { version: current.body.bundle.version, title: "Geheime werktitel over woordenschat" });
    expect(edited.status).toBe(200);

    expect(await suggest(chris, `q=${encodeURIComponent("woordenschat uitbreiden")}`)).toEqual({ bundles: [], items: [] });
    const shown = await api("GET", `/questions/suggestions?q=${encodeURIComponent("Wat werkt bij een zachte landing?")}`, chris.token);
    expect(shown.body.bundles.map((b: { title: string }) => b.title)).toEqual(["Zachte landing"]);
  });

  it("answers nothing for nothing typed, and 400 for an unknown theme", async () => {
    expect(await suggest(net.people.anna, "q=")).toEqual({ bundles: [], items: [] });
    const res = await api("GET", "/questions/suggestions?q=lezen&themes=bestaat-niet", net.people.anna.token);
    expect([res.status, res.body.error.code]).toEqual([400, "unknown_theme"]);
    expect((await server.api("GET", "/api/v1/questions/suggestions?q=lezen")).status).toBe(401);
  });
});
