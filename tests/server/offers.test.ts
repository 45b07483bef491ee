import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, startTestServer, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
/** Coordinator of school B (buildNetwork's Chris is a plain member there). */
let gijs: Person;
let schoolC: { id: string };
let clipCount = 0;

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const email = "gijs@test.knooppunt.nl";
  const password = "wachtwoord-gijs-2026";
  const created = await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test gijs", email, password } });
  await server.api("PUT", `/api/v1/admin/schools/${net.schoolB.id}/members/${created.body.user.id}`, { token: server.adminToken, body: { role: "coordinator" } });
  gijs = { id: created.body.user.id, email, password, token: (await server.api("POST", "/api/v1/auth/login", { body: { email, password } })).body.token };
  schoolC = (await server.api("POST", "/api/v1/admin/schools", { token: server.adminToken, body: { name: "ROC Kempen", sector: "mbo" } })).body.school;
  const henk = (await server.api("POST", "/api/v1/admin/users", { token: server.adminToken, body: { name: "Test henk", email: "henk@test.knooppunt.nl", password: "wachtwoord-henk-2026" } })).body.user;
  await server.api("PUT", `/api/v1/admin/schools/${schoolC.id}/members/${henk.id}`, { token: server.adminToken, body: { role: "coordinator" } });
  const henkToken = (await server.api("POST", "/api/v1/auth/login", { body: { email: "henk@test.knooppunt.nl", password: "wachtwoord-henk-2026" } })).body.token;

  // School B follows NT2 (the parent of "nieuwkomers"), school C follows NT2 but only for mbo, and school
  // A follows an unrelated theme.
  const subscribe = async (schoolId: string, token: string, body: Record<string, unknown>) =>
    expect((await server.api("PUT", `/api/v1/schools/${schoolId}/subscriptions`, { token, body })).status).toBe(200);
  await subscribe(net.schoolB.id, gijs.token, { themes: ["nt2"] });
  await subscribe(schoolC.id, henkToken, { themes: ["nt2"], sector: ["mbo"] });
  await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["burgerschap"] });
});
afterAll(() => server.stop());

const api = (method: string, path: string, token?: string, body?: unknown) => server.api(method, path, { token, body });

async function publishedBundle(title = "Zachte landing", extra: Record<string, unknown> = {}) {
  clipCount += 1;
  const item = await api("POST", "/api/v1/items", net.people.anna.token, { url: `https://www.voorbeeld.nl/aanbod/${clipCount}`, title: `Bron ${clipCount}`, visibility: "network" });
  const draft = await api("POST", "/api/v1/bundles", net.people.dewi.token, { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], sector: ["po"], audience: "network", ...extra });
  const filled = await api("PUT", `/api/v1/bundles/${draft.body.bundle.id}/items`, net.people.dewi.token, { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] });
  const published = await api("POST", `/api/v1/bundles/${filled.body.bundle.id}/publish`, net.people.dewi.token);
  expect(published.status).toBe(200);
  return published.body.bundle;
}

/** Opens a bundle page the way a browser would, reading the whole response. */
const openPage = async (url: string) => {
  const res = await fetch(url);
  await res.text();
  return res.status;
};

const offer = (bundleId: string, body: Record<string, unknown>, token = net.people.dewi.token) => api("POST", `/api/v1/bundles/${bundleId}/offers`, token, body);

async function inboxOf(schoolId: string, token: string) {
  const res = await api("GET", `/api/v1/schools/${schoolId}/offers?limit=100`, token);
  expect(res.status).toBe(200);
  return res.body.offers as any[];
}

describe("offering a bundle", () => {
  it("creates one offer per school per version; repeating returns the existing offer instead of a duplicate", async () => {
    const bundle = await publishedBundle();
    const first = await offer(bundle.id, { schoolIds: [net.schoolA.id], message: "Iets voor jullie NT2-team?" });
    expect(first.status).toBe(201);
    expect(first.body.offers).toEqual([{ id: expect.any(String), schoolId: net.schoolA.id, status: "offered", version: 1, existing: false }]);
    const again = await offer(bundle.id, { schoolIds: [net.schoolA.id, net.schoolB.id, net.schoolA.id] });
    expect(again.status).toBe(201);
    expect(again.body.offers).toEqual([
      { id: first.body.offers[0].id, schoolId: net.schoolA.id, status: "offered", version: 1, existing: true },
      { id: expect.any(String), schoolId: net.schoolB.id, status: "offered", version: 1, existing: false },
    ]);
    const inbox = (await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].message).toBe("Iets voor jullie NT2-team?");
  });

  it("to subscribers reaches schools following the theme or a theme above it, within their sectors", async () => {
    const bundle = await publishedBundle("Voor abonnees");
    const res = await offer(bundle.id, { subscribers: true });
    expect(res.status).toBe(201);
    // B follows nt2, the parent of the bundle's "nieuwkomers"; C follows nt2 too, but only for mbo, and
    // the bundle is for po; A follows another theme.
    expect(res.body.offers.map((o: any) => o.schoolId)).toEqual([net.schoolB.id]);
  });

  it("offers a new version anew when the broker chooses to; the earlier offer stays in the inbox", async () => {
    const bundle = await publishedBundle("Tweede versie");
    const v1 = await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    await api("PATCH", `/api/v1/bundles/${bundle.id}`, net.people.dewi.token, { version: bundle.version, about: "Aangevuld" });
    server.clock.advance(60_000);
    await api("POST", `/api/v1/bundles/${bundle.id}/publish`, net.people.dewi.token);
    // Publishing alone offers nothing new.
    expect((await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id)).toHaveLength(1);
    const v2 = await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    expect(v2.body.offers[0]).toMatchObject({ version: 2, existing: false });
    expect(v2.body.offers[0].id).not.toBe(v1.body.offers[0].id);
    const inbox = (await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id);
    expect(inbox.map((o) => [o.version, o.bundle.about])).toEqual([
      [2, "Aangevuld"],
      [1, "Over nieuwkomers"],
    ]);
  });

  it("is for curators of a published bundle: others 403 (or 401), a draft 409, unknown schools 400 by name", async () => {
    const bundle = await publishedBundle("Alleen curatoren");
    const other = await offer(bundle.id, { schoolIds: [net.schoolA.id] }, net.people.eva.token);
    expect(other.status).toBe(403);
    expect((await offer(bundle.id, { schoolIds: [net.schoolA.id] }, "")).status).toBe(401);
    const unknown = await offer(bundle.id, { schoolIds: [net.schoolA.id, "geenschool1"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "unknown_schools", issues: [{ path: ["schoolIds", 1] }] });
    expect(unknown.body.error.message).toContain("geenschool1");
    expect((await offer(bundle.id, {})).status).toBe(400);
    expect((await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id)).toEqual([]);

    const draft = await api("POST", "/api/v1/bundles", net.people.dewi.token, { title: "Nog een concept", audience: "network" });
    const early = await offer(draft.body.bundle.id, { schoolIds: [net.schoolA.id] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("not_published");
  });
});

describe("the school inbox", () => {
  it("is read by the school's members, newest first, with a page link carrying the school's key", async () => {
    server.clock.advance(60_000);
    const older = await publishedBundle("Oudere bundel");
    await offer(older.id, { schoolIds: [net.schoolA.id] });
    server.clock.advance(60_000);
    const newer = await publishedBundle("Nieuwere bundel");
    await offer(newer.id, { schoolIds: [net.schoolA.id], message: "Voor de bouwvergadering" });

    for (const reader of [net.people.anna, net.people.bram]) {
      const inbox = await inboxOf(net.schoolA.id, reader.token);
      expect(inbox.slice(0, 2).map((o) => o.bundle.title)).toEqual(["Nieuwere bundel", "Oudere bundel"]);
    }
    const [top] = await inboxOf(net.schoolA.id, net.people.anna.token);
    expect(top).toMatchObject({
      status: "offered",
      version: 1,
      message: "Voor de bouwvergadering",
      offeredBy: "Test dewi",
      openedAt: null,
      respondedAt: null,
      reason: null,
      bundle: { id: newer.id, title: "Nieuwere bundel", about: "Over nieuwkomers", themes: ["nieuwkomers"], itemCount: 1 },
    });
    expect(top.bundle.url).toMatch(new RegExp(`^${server.url}/b/${newer.slug}\\?key=[\\w-]{20,}$`));

    const paged = await api("GET", `/api/v1/schools/${net.schoolA.id}/offers?limit=1`, net.people.anna.token);
    expect(paged.body.offers).toHaveLength(1);
    const next = await api("GET", `/api/v1/schools/${net.schoolA.id}/offers?limit=1&cursor=${paged.body.nextCursor}`, net.people.anna.token);
    expect(next.body.offers[0].bundle.title).toBe("Oudere bundel");
  });

  it("shows nothing of a school to members of other schools, outsiders and brokers (404), nor to anonymous callers (401)", async () => {
    const bundle = await publishedBundle("Geheim voor anderen");
    await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    for (const outsider of [net.people.chris, gijs, net.people.eva, net.people.dewi]) {
      const res = await api("GET", `/api/v1/schools/${net.schoolA.id}/offers`, outsider.token);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Geheim voor anderen");
    }
    expect((await api("GET", `/api/v1/schools/${net.schoolA.id}/offers`)).status).toBe(401);
  });
});

describe("accepting and declining", () => {
  it("only the school's coordinators act: members 403, other schools 404", async () => {
    const bundle = await publishedBundle("Besluit van de school");
    const [offerA, offerB] = (await offer(bundle.id, { schoolIds: [net.schoolA.id, net.schoolB.id] })).body.offers;

    const member = await api("POST", `/api/v1/offers/${offerA.id}/accept`, net.people.anna.token);
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe("coordinator_only");
    expect((await api("POST", `/api/v1/offers/${offerA.id}/decline`, net.people.anna.token, {})).status).toBe(403);
    expect((await api("POST", `/api/v1/offers/${offerA.id}/accept`, gijs.token)).status).toBe(404);
    expect((await api("POST", `/api/v1/offers/${offerA.id}/accept`, net.people.dewi.token)).status).toBe(404);

    const accepted = await api("POST", `/api/v1/offers/${offerA.id}/accept`, net.people.bram.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.offer).toMatchObject({ id: offerA.id, status: "accepted", respondedAt: server.clock.now().toISOString(), reason: null });
    const declined = await api("POST", `/api/v1/offers/${offerB.id}/decline`, gijs.token, { reason: "Past niet bij ons jaarplan" });
    expect(declined.body.offer).toMatchObject({ status: "declined", reason: "Past niet bij ons jaarplan" });
    // The school's members see the decision in their inbox.
    const seen = (await inboxOf(net.schoolB.id, net.people.chris.token)).find((o) => o.id === offerB.id);
    expect(seen).toMatchObject({ status: "declined", reason: "Past niet bij ons jaarplan" });
    const onlyDeclined = await api("GET", `/api/v1/schools/${net.schoolB.id}/offers?status=declined`, net.people.chris.token);
    expect(onlyDeclined.body.offers.map((o: any) => o.id)).toEqual([offerB.id]);
  });

  it("opening the page with the key after a decision marks it opened but never downgrades the decision", async () => {
    const bundle = await publishedBundle("Niet terugzetten");
    const [made] = (await offer(bundle.id, { schoolIds: [net.schoolA.id] })).body.offers;
    await api("POST", `/api/v1/offers/${made.id}/accept`, net.people.bram.token);
    const url = (await inboxOf(net.schoolA.id, net.people.anna.token)).find((o) => o.id === made.id).bundle.url as string;
    expect(await openPage(url)).toBe(200);
    const after = (await inboxOf(net.schoolA.id, net.people.anna.token)).find((o) => o.id === made.id);
    expect(after.status).toBe("accepted");
    expect(after.openedAt).toBe(server.clock.now().toISOString());
  });
});

describe("reach", () => {
  it("counts per school, in totals and per day, after a scripted sequence of offers, opens and decisions", async () => {
    const bundle = await publishedBundle("Bereik door de tijd");
    const day0 = server.clock.now().toISOString().slice(0, 10);
    const [offerA, offerB] = (await offer(bundle.id, { schoolIds: [net.schoolA.id, net.schoolB.id] })).body.offers;
    const offeredAt = server.clock.now().toISOString();
    const keyOf = async (schoolId: string, token: string, id: string) => (await inboxOf(schoolId, token)).find((o) => o.id === id).bundle.url as string;
    const urlA = await keyOf(net.schoolA.id, net.people.anna.token, offerA.id);
    const urlB = await keyOf(net.schoolB.id, net.people.chris.token, offerB.id);

    server.clock.advance(2 * 60 * 60 * 1000); // day 0: school A opens, twice (one school, counted once)
    const openedA = server.clock.now().toISOString();
    await openPage(urlA);
    await openPage(urlA);
    server.clock.advance(DAY); // day 1: school B opens, school A accepts
    const openedB = server.clock.now().toISOString();
    await openPage(urlB);
    await api("POST", `/api/v1/offers/${offerA.id}/accept`, net.people.bram.token);
    const acceptedA = server.clock.now().toISOString();
    server.clock.advance(DAY); // day 2: school B declines
    await api("POST", `/api/v1/offers/${offerB.id}/decline`, gijs.token, {});
    const declinedB = server.clock.now().toISOString();
    server.clock.advance(DAY); // day 3: quiet

    // Re-shares are recorded by the webhook work; two by school A and one by school B are two schools.
    const reshare = server.ctx.sqlite.prepare("INSERT INTO offer_events (offer_id, kind, at) VALUES (?, 'reshared', ?)");
    reshare.run(offerA.id, openedA);
    reshare.run(offerA.id, acceptedA);
    reshare.run(offerB.id, declinedB);

    const res = await api("GET", `/api/v1/bundles/${bundle.id}/reach`, net.people.dewi.token);
    expect(res.status).toBe(200);
    expect(res.body.schools).toEqual([
      { schoolId: net.schoolA.id, name: "De Regenboog", sector: "po", region: "Eindhoven", version: 1, status: "accepted", offeredAt, openedAt: openedA, respondedAt: acceptedA },
      { schoolId: net.schoolB.id, name: "Het Stedelijk College", sector: "vo", region: "Eindhoven", version: 1, status: "declined", offeredAt, openedAt: openedB, respondedAt: declinedB },
    ]);
    expect(res.body.totals).toEqual({ offered: 2, opened: 2, accepted: 1, declined: 1, reshared: 2 });
    const day = (n: number) => new Date(Date.parse(`${day0}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    expect(res.body.series).toEqual([
      { date: day(0), opened: 1, accepted: 0 },
      { date: day(1), opened: 1, accepted: 1 },
      { date: day(2), opened: 0, accepted: 0 },
      { date: day(3), opened: 0, accepted: 0 },
    ]);
  });

  it("is for curators only: other signed-in people 403, anonymous 401", async () => {
    const bundle = await publishedBundle("Bereik is privé");
    expect((await api("GET", `/api/v1/bundles/${bundle.id}/reach`, net.people.eva.token)).status).toBe(403);
    expect((await api("GET", `/api/v1/bundles/${bundle.id}/reach`)).status).toBe(401);
  });
});
