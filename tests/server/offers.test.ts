import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type ApiClient, type Person, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
/** Coordinator of school B (buildNetwork's Chris is a plain member there). */
let gijs: Person;
let schoolC: { id: string };
let clipCount = 0;

const DAY = 24 * 60 * 60 * 1000;
const v1 = (token?: string) => server.client(token).api.v1;
type Routes = ApiClient["api"]["v1"];
type OfferRequest = Parameters<Routes["bundles"][":id"]["offers"]["$post"]>[0]["json"];
type BundleRequest = Parameters<Routes["bundles"]["$post"]>[0]["json"];

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
  const email = "gijs@test.knooppunt.nl";
  const password = "wachtwoord-gijs-2026";
  const admin = v1(server.adminToken).admin;
  const login = async (json: { email: string; password: string }) => (await reply(v1().auth.login.$post({ json }))).body.token;
  const created = await reply(admin.users.$post({ json: { name: "Test gijs", email, password } }));
  await admin.schools[":id"].members[":userId"].$put({ param: { id: net.schoolB.id, userId: created.body.user.id }, json: { role: "coordinator" } });
  gijs = { id: created.body.user.id, email, password, token: await login({ email, password }) };
  schoolC = (await reply(admin.schools.$post({ json: { name: "ROC Kempen", sector: "mbo" } }))).body.school;
  const henk = (await reply(admin.users.$post({ json: { name: "Test henk", email: "henk@test.knooppunt.nl", password: "wachtwoord-henk-2026" } }))).body.user;
  await admin.schools[":id"].members[":userId"].$put({ param: { id: schoolC.id, userId: henk.id }, json: { role: "coordinator" } });
  const henkToken = await login({ email: "henk@test.knooppunt.nl", password: "wachtwoord-henk-2026" });

  // School B follows NT2 (the parent of "nieuwkomers"), school C follows NT2 but only for mbo, and school
  // A follows an unrelated theme.
  const subscribe = async (schoolId: string, token: string, json: { themes: string[]; sector?: "mbo"[] }) =>
    expect((await v1(token).schools[":id"].subscriptions.$put({ param: { id: schoolId }, json })).status).toBe(200);
  await subscribe(net.schoolB.id, gijs.token, { themes: ["nt2"] });
  await subscribe(schoolC.id, henkToken, { themes: ["nt2"], sector: ["mbo"] });
  await subscribe(net.schoolA.id, net.people.bram.token, { themes: ["burgerschap"] });
});
afterAll(() => server.stop());

async function publishedBundle(title = "Zachte landing", extra: Partial<BundleRequest> = {}) {
  clipCount += 1;
  const dewi = v1(net.people.dewi.token).bundles;
  const item = await reply(v1(net.people.anna.token).items.$post({ json: { url: `https://www.voorbeeld.nl/aanbod/${clipCount}`, title: `Bron ${clipCount}`, visibility: "network" } }));
  const draft = await reply(dewi.$post({ json: { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], sector: ["po"], audience: "network", ...extra } }));
  const filled = await reply(dewi[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] } }));
  const published = await reply(dewi[":id"].publish.$post({ param: { id: filled.body.bundle.id }, json: {} }));
  expect(published.status).toBe(200);
  return published.body.bundle;
}

/** Opens a bundle page the way a browser would, reading the whole response. */
const openPage = async (url: string) => {
  const res = await fetch(url);
  await res.text();
  return res.status;
};

const offer = (bundleId: string, json: OfferRequest, token = net.people.dewi.token) => reply(v1(token).bundles[":id"].offers.$post({ param: { id: bundleId }, json }));
type MadeOffer = Awaited<ReturnType<typeof offer>>["body"]["offers"][number];
const inbox = (schoolId: string, token?: string, query: { limit?: string; cursor?: string; status?: "declined" } = {}) =>
  reply(v1(token).schools[":id"].offers.$get({ param: { id: schoolId }, query }));
const accept = (offerId: string, token: string) => reply(v1(token).offers[":id"].accept.$post({ param: { id: offerId } }));
const decline = (offerId: string, token: string, json: { reason?: string } = {}) => reply(v1(token).offers[":id"].decline.$post({ param: { id: offerId }, json }));
const reach = (bundleId: string, token?: string) => reply(v1(token).bundles[":id"].reach.$get({ param: { id: bundleId } }));

async function inboxOf(schoolId: string, token: string) {
  const res = await inbox(schoolId, token, { limit: "100" });
  expect(res.status).toBe(200);
  return res.body.offers;
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
      { id: first.body.offers[0]?.id, schoolId: net.schoolA.id, status: "offered", version: 1, existing: true },
      { id: expect.any(String), schoolId: net.schoolB.id, status: "offered", version: 1, existing: false },
    ]);
    const inbox = (await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.message).toBe("Iets voor jullie NT2-team?");
  });

  it("to subscribers reaches schools following the theme or a theme above it, within their sectors", async () => {
    const bundle = await publishedBundle("Voor abonnees");
    const res = await offer(bundle.id, { subscribers: true });
    expect(res.status).toBe(201);
    // B follows nt2, the parent of the bundle's "nieuwkomers"; C follows nt2 too, but only for mbo, and
    // the bundle is for po; A follows another theme.
    expect(res.body.offers.map((o) => o.schoolId)).toEqual([net.schoolB.id]);
  });

  it("offers a new version anew when the broker chooses to; the earlier offer stays in the inbox", async () => {
    const bundle = await publishedBundle("Tweede versie");
    const first = await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    const dewi = v1(net.people.dewi.token).bundles[":id"];
    await dewi.$patch({ param: { id: bundle.id }, json: { version: bundle.version, about: "Aangevuld" } });
    server.clock.advance(60_000);
    await dewi.publish.$post({ param: { id: bundle.id }, json: {} });
    // Publishing alone offers nothing new.
    expect((await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id)).toHaveLength(1);
    const v2 = await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    expect(v2.body.offers[0]).toMatchObject({ version: 2, existing: false });
    expect(v2.body.offers[0]?.id).not.toBe(first.body.offers[0]?.id);
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
    expect(unknown.error).toMatchObject({ code: "unknown_schools", issues: [{ path: ["schoolIds", 1] }] });
    expect(unknown.error?.message).toContain("geenschool1");
    expect((await offer(bundle.id, {})).status).toBe(400);
    expect((await inboxOf(net.schoolA.id, net.people.anna.token)).filter((o) => o.bundle.id === bundle.id)).toEqual([]);

    const draft = await reply(v1(net.people.dewi.token).bundles.$post({ json: { title: "Nog een concept", audience: "network" } }));
    const early = await offer(draft.body.bundle.id, { schoolIds: [net.schoolA.id] });
    expect(early.status).toBe(409);
    expect(early.error?.code).toBe("not_published");
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
    expect(top?.bundle.url).toMatch(new RegExp(`^${server.url}/b/${newer.slug}\\?key=[\\w-]{20,}$`));

    const paged = await inbox(net.schoolA.id, net.people.anna.token, { limit: "1" });
    expect(paged.body.offers).toHaveLength(1);
    const next = await inbox(net.schoolA.id, net.people.anna.token, { limit: "1", cursor: paged.body.nextCursor! });
    expect(next.body.offers[0]?.bundle.title).toBe("Oudere bundel");
  });

  it("shows nothing of a school to members of other schools, outsiders and brokers (404), nor to anonymous callers (401)", async () => {
    const bundle = await publishedBundle("Geheim voor anderen");
    await offer(bundle.id, { schoolIds: [net.schoolA.id] });
    for (const outsider of [net.people.chris, gijs, net.people.eva, net.people.dewi]) {
      const res = await inbox(net.schoolA.id, outsider.token);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Geheim voor anderen");
    }
    expect((await inbox(net.schoolA.id)).status).toBe(401);
  });
});

describe("accepting and declining", () => {
  it("only the school's coordinators act: members 403, other schools 404", async () => {
    const bundle = await publishedBundle("Besluit van de school");
    const [offerA, offerB] = (await offer(bundle.id, { schoolIds: [net.schoolA.id, net.schoolB.id] })).body.offers as [MadeOffer, MadeOffer];

    const member = await accept(offerA.id, net.people.anna.token);
    expect(member.status).toBe(403);
    expect(member.error?.code).toBe("coordinator_only");
    expect((await decline(offerA.id, net.people.anna.token)).status).toBe(403);
    expect((await accept(offerA.id, gijs.token)).status).toBe(404);
    expect((await accept(offerA.id, net.people.dewi.token)).status).toBe(404);

    const accepted = await accept(offerA.id, net.people.bram.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.offer).toMatchObject({ id: offerA.id, status: "accepted", respondedAt: server.clock.now().toISOString(), reason: null });
    const declined = await decline(offerB.id, gijs.token, { reason: "Past niet bij ons jaarplan" });
    expect(declined.body.offer).toMatchObject({ status: "declined", reason: "Past niet bij ons jaarplan" });
    // The school's members see the decision in their inbox.
    const seen = (await inboxOf(net.schoolB.id, net.people.chris.token)).find((o) => o.id === offerB.id);
    expect(seen).toMatchObject({ status: "declined", reason: "Past niet bij ons jaarplan" });
    const onlyDeclined = await inbox(net.schoolB.id, net.people.chris.token, { status: "declined" });
    expect(onlyDeclined.body.offers.map((o) => o.id)).toEqual([offerB.id]);
  });

  it("opening the page with the key after a decision marks it opened but never downgrades the decision", async () => {
    const bundle = await publishedBundle("Niet terugzetten");
    const [made] = (await offer(bundle.id, { schoolIds: [net.schoolA.id] })).body.offers as [MadeOffer];
    await accept(made.id, net.people.bram.token);
    const url = (await inboxOf(net.schoolA.id, net.people.anna.token)).find((o) => o.id === made.id)!.bundle.url;
    expect(await openPage(url)).toBe(200);
    const after = (await inboxOf(net.schoolA.id, net.people.anna.token)).find((o) => o.id === made.id);
    expect(after?.status).toBe("accepted");
    expect(after?.openedAt).toBe(server.clock.now().toISOString());
  });
});

describe("reach", () => {
  it("counts per school, in totals and per day, after a scripted sequence of offers, opens and decisions", async () => {
    const bundle = await publishedBundle("Bereik door de tijd");
    const day0 = server.clock.now().toISOString().slice(0, 10);
    const [offerA, offerB] = (await offer(bundle.id, { schoolIds: [net.schoolA.id, net.schoolB.id] })).body.offers as [MadeOffer, MadeOffer];
    const offeredAt = server.clock.now().toISOString();
    const keyExpiry = new Date(Date.parse(offeredAt) + 365 * DAY).toISOString();
    const keyOf = async (schoolId: string, token: string, id: string) => (await inboxOf(schoolId, token)).find((o) => o.id === id)!.bundle.url;
    const urlA = await keyOf(net.schoolA.id, net.people.anna.token, offerA.id);
    const urlB = await keyOf(net.schoolB.id, net.people.chris.token, offerB.id);

    server.clock.advance(2 * 60 * 60 * 1000); // day 0: school A opens, twice (one school, counted once)
    const openedA = server.clock.now().toISOString();
    await openPage(urlA);
    await openPage(urlA);
    server.clock.advance(DAY); // day 1: school B opens, school A accepts
    const openedB = server.clock.now().toISOString();
    await openPage(urlB);
    await accept(offerA.id, net.people.bram.token);
    const acceptedA = server.clock.now().toISOString();
    server.clock.advance(DAY); // day 2: school B declines
    await decline(offerB.id, gijs.token);
    const declinedB = server.clock.now().toISOString();
    server.clock.advance(DAY); // day 3: quiet

    // Re-shares are recorded by the webhook work; two by school A and one by school B are two schools.
    const reshare = server.ctx.sqlite.prepare("INSERT INTO offer_events (offer_id, kind, at) VALUES (?, 'reshared', ?)");
    reshare.run(offerA.id, openedA);
    reshare.run(offerA.id, acceptedA);
    reshare.run(offerB.id, declinedB);

    const res = await reach(bundle.id, net.people.dewi.token);
    expect(res.status).toBe(200);
    expect(res.body.schools).toEqual([
      { offerId: offerA.id, schoolId: net.schoolA.id, name: "De Regenboog", sector: "po", region: "Eindhoven", version: 1, status: "accepted", offeredAt, openedAt: openedA, respondedAt: acceptedA, key: { status: "active", expiresAt: keyExpiry } },
      // The decline stopped school B's key.
      { offerId: offerB.id, schoolId: net.schoolB.id, name: "Het Stedelijk College", sector: "vo", region: "Eindhoven", version: 1, status: "declined", offeredAt, openedAt: openedB, respondedAt: declinedB, key: { status: "revoked", expiresAt: keyExpiry } },
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
    expect((await reach(bundle.id, net.people.eva.token)).status).toBe(403);
    expect((await reach(bundle.id)).status).toBe(401);
  });
});
