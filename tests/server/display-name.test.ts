import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let anna: { id: string; token: string };
let bas: string;
let bundlePage: string;
let itemId: string;
const v1 = (token?: string) => server.client(token).api.v1;

beforeAll(async () => {
  server = await startTestServer();
  const admin = v1(server.adminToken).admin;
  const school = (await reply(admin.schools.$post({ json: { name: "De Regenboog", sector: "po" } }))).body.school;
  const person = async (name: string, email: string, roles: "broker"[]) => {
    const user = (await reply(admin.users.$post({ json: { name, email, password: "wachtwoord-2026-x", roles } }))).body.user;
    await admin.schools[":id"].members[":userId"].$put({ param: { id: school.id, userId: user.id }, json: { role: "member" } });
    return { id: user.id, token: (await reply(v1().auth.login.$post({ json: { email, password: "wachtwoord-2026-x" } }))).body.token };
  };
  anna = await person("Anna van der Berg", "anna@test.knooppunt.nl", ["broker"]);
  bas = (await person("Bas Smit", "bas@test.knooppunt.nl", [])).token;

  const a = v1(anna.token);
  const item = await reply(a.items.$post({ json: { url: "https://www.voorbeeld.nl/lezen", title: "Samen lezen", note: "Voor iedereen", themes: ["nt2"], visibility: "public" } }));
  itemId = item.body.item.id;
  const draft = await reply(a.bundles.$post({ json: { title: "Lezen", about: "Lezen met nieuwkomers", themes: ["nt2"], audience: "public" } }));
  await reply(a.bundles[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId, note: "Begin hier" }] } }));
  bundlePage = (await reply(a.bundles[":id"].publish.$post({ param: { id: draft.body.bundle.id }, json: {} }))).body.bundle.publicUrl!;
});
afterAll(() => server.stop());

const text = async (url: string) => (await fetch(url)).text();

describe("the name others see", () => {
  it("is first name and school to readers without an account, and never the full name", async () => {
    const page = await text(bundlePage);
    expect(page).toContain("Anna (De Regenboog)");
    expect(page).not.toContain("van der Berg");
    const feed = await text(`${server.url}/feeds/themes/nt2.json`);
    expect(JSON.parse(feed).items.find((i: any) => i.title === "Lezen").authors).toEqual([{ name: "Anna (De Regenboog)" }]);
    expect(feed).not.toContain("van der Berg");
    // A note in the public circle is public too, also to a signed-in colleague.
    const seen = await reply(v1(bas).items[":id"].$get({ param: { id: itemId } }));
    expect(seen.body.item.notes.map((n) => n.author)).toEqual(["Anna (De Regenboog)"]);
  });

  it("is the name the person chooses, everywhere, shown back to them in /me; an empty name goes back to the default", async () => {
    const me = v1(anna.token).me;
    const before = await reply(me.$get());
    expect([before.body.displayName, before.body.publicName]).toEqual([null, "Anna (De Regenboog)"]);
    const chosen = await reply(me.$patch({ json: { displayName: "  Juf Anna " } }));
    expect([chosen.status, chosen.body.displayName, chosen.body.publicName]).toEqual([200, "Juf Anna", "Juf Anna"]);
    expect(await text(bundlePage)).toContain("Juf Anna");
    expect((await reply(v1(bas).items[":id"].$get({ param: { id: itemId } }))).body.item.notes.map((n) => n.author)).toEqual(["Juf Anna"]);
    const cleared = await reply(me.$patch({ json: { displayName: "" } }));
    expect([cleared.body.displayName, cleared.body.publicName]).toEqual([null, "Anna (De Regenboog)"]);
  });

  it("refuses a name longer than 80 characters with the contract's 400", async () => {
    const res = await reply(v1(anna.token).me.$patch({ json: { displayName: "x".repeat(81) } }));
    expect([res.status, res.error?.code]).toEqual([400, "invalid_request"]);
  });
});
