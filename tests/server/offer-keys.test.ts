import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type ApiClient, type TestServer } from "../support/server";

// Keys last 30 days on this server, not the default year: the expiry below is this setting's.
const KEY_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;
let clipCount = 0;

const v1 = (token?: string) => server.client(token).api.v1;
type Routes = ApiClient["api"]["v1"];
type BundleChange = Parameters<Routes["bundles"][":id"]["$patch"]>[0]["json"];

beforeAll(async () => {
  server = await startTestServer({ offerKeyDays: KEY_DAYS });
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

async function publishedBundle(title: string) {
  clipCount += 1;
  const dewi = v1(net.people.dewi.token).bundles;
  const item = await reply(v1(net.people.anna.token).items.$post({ json: { url: `https://www.voorbeeld.nl/sleutel/${clipCount}`, title: `Bron ${clipCount}`, visibility: "network" } }));
  const draft = await reply(dewi.$post({ json: { title, about: "Over nieuwkomers", themes: ["nieuwkomers"], audience: "network" } }));
  const filled = await reply(dewi[":id"].items.$put({ param: { id: draft.body.bundle.id }, json: { version: 1, items: [{ itemId: item.body.item.id, note: "Lees dit" }] } }));
  const published = await reply(dewi[":id"].publish.$post({ param: { id: filled.body.bundle.id }, json: {} }));
  expect(published.status).toBe(200);
  return published.body.bundle;
}

async function republish(bundle: { id: string; version: number }, change: Omit<BundleChange, "version">) {
  const dewi = v1(net.people.dewi.token).bundles[":id"];
  const changed = await reply(dewi.$patch({ param: { id: bundle.id }, json: { ...change, version: bundle.version } }));
  expect(changed.status).toBe(200);
  const published = await reply(dewi.publish.$post({ param: { id: bundle.id }, json: {} }));
  expect(published.status).toBe(200);
  return published.body.bundle;
}

/** Offers the bundle to school A and returns the offer and its page link as the school's inbox shows it. */
async function offeredToSchoolA(bundleId: string) {
  const made = await reply(v1(net.people.dewi.token).bundles[":id"].offers.$post({ param: { id: bundleId }, json: { schoolIds: [net.schoolA.id] } }));
  expect(made.status).toBe(201);
  const offerId = made.body.offers[0]!.id;
  return { offerId, ...(await inboxEntry(offerId)) };
}

async function inboxEntry(offerId: string) {
  const inbox = await reply(v1(net.people.anna.token).schools[":id"].offers.$get({ param: { id: net.schoolA.id }, query: { limit: "100" } }));
  const entry = inbox.body.offers.find((o) => o.id === offerId)!;
  return { url: entry.bundle.url, key: entry.key, status: entry.status };
}

/** A page or feed as someone without an account opens it from the school's Teams channel. */
async function open(url: string) {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

const feedOf = (pageUrl: string) => pageUrl.replace("/b/", "/feeds/bundles/").replace(/(\?|$)/, ".json$1");
const revoke = (offerId: string, token?: string) => reply(v1(token).offers[":id"]["revoke-key"].$post({ param: { id: offerId } }));
const renew = (offerId: string, token?: string) => reply(v1(token).offers[":id"].key.$post({ param: { id: offerId } }));

describe("an offer's key", () => {
  it("opens the bundle version it was offered with, in page and feed, and not the broker's later version", async () => {
    const bundle = await publishedBundle("Taalsteun versie een");
    const { url } = await offeredToSchoolA(bundle.id);
    await republish(bundle, { title: "Taalsteun versie twee" });

    const page = await open(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Taalsteun versie een");
    expect(page.text).not.toContain("Taalsteun versie twee");
    // The page says the bundle moved on, in the reader's language.
    expect(page.text).toContain("Dit is de versie die je school is aangeboden. De makelaar heeft de bundel sindsdien bijgewerkt (versie 2); ingelogd zie je die.");
    expect((await open(`${url}&lang=en`)).text).toContain("This is the version your school was offered. The broker has updated the bundle since (version 2); sign in to see it.");
    const feed = await open(feedOf(url));
    expect(feed.status).toBe(200);
    expect(JSON.parse(feed.text).title).toBe("Knooppunt — Taalsteun versie een");

    // A signed-in teacher without the key reads the newest version, as before.
    const signedIn = await fetch(url.replace(/\?.*$/, ""), { headers: { Authorization: `Bearer ${net.people.anna.token}` } });
    const signedInText = await signedIn.text();
    expect(signedIn.status).toBe(200);
    expect(signedInText).toContain("Taalsteun versie twee");
    expect(signedInText).not.toContain("Dit is de versie die je school is aangeboden");
  });

  it("stops opening anything when the school declines; accepting after all gives a new key and the old one stays dead", async () => {
    const bundle = await publishedBundle("Afgewezen bundel");
    const offered = await offeredToSchoolA(bundle.id);
    expect((await open(offered.url)).status).toBe(200);

    const declined = await reply(v1(net.people.bram.token).offers[":id"].decline.$post({ param: { id: offered.offerId }, json: {} }));
    expect(declined.status).toBe(200);
    expect(declined.body.offer.key.status).toBe("revoked");
    expect(declined.body.offer.bundle.url).toBe(`${server.url}/b/${bundle.slug}`);
    expect((await open(offered.url)).status).toBe(404);
    expect((await open(feedOf(offered.url))).status).toBe(404);
    expect((await renew(offered.offerId, net.people.bram.token)).error?.code).toBe("offer_declined");

    const accepted = await reply(v1(net.people.bram.token).offers[":id"].accept.$post({ param: { id: offered.offerId } }));
    expect(accepted.body.offer.key).toEqual({ status: "active", expiresAt: new Date(server.clock.now().getTime() + KEY_DAYS * DAY).toISOString() });
    const newUrl = accepted.body.offer.bundle.url;
    expect(newUrl).toMatch(new RegExp(`^${server.url}/b/${bundle.slug}\\?key=[\\w-]{20,}$`));
    expect(newUrl).not.toBe(offered.url);
    expect((await open(newUrl)).status).toBe(200);
    expect((await open(offered.url)).status).toBe(404);
  });

  it(`expires ${KEY_DAYS} days (OFFER_KEY_DAYS) after it was issued; a new one counts from its own issue`, async () => {
    const bundle = await publishedBundle("Verlopen sleutel");
    const offeredAt = server.clock.now().getTime();
    const offered = await offeredToSchoolA(bundle.id);
    expect(offered.key).toEqual({ status: "active", expiresAt: new Date(offeredAt + KEY_DAYS * DAY).toISOString() });

    server.clock.advance(KEY_DAYS * DAY - 1000);
    expect((await open(offered.url)).status).toBe(200);
    server.clock.advance(1000);
    expect((await open(offered.url)).status).toBe(404);
    expect((await open(feedOf(offered.url))).status).toBe(404);
    const expired = await inboxEntry(offered.offerId);
    expect(expired.key.status).toBe("expired");
    expect(expired.url).toBe(`${server.url}/b/${bundle.slug}`);

    const renewed = await renew(offered.offerId, net.people.bram.token);
    expect(renewed.status).toBe(201);
    expect(renewed.body).toEqual({
      offerId: offered.offerId,
      key: { status: "active", expiresAt: new Date(server.clock.now().getTime() + KEY_DAYS * DAY).toISOString(), url: expect.stringMatching(/\?key=[\w-]{20,}$/) },
    });
    expect((await open(renewed.body.key.url)).status).toBe(200);
    expect((await inboxEntry(offered.offerId)).url).toBe(renewed.body.key.url);
  });

  it("is revoked by the bundle's curator or the school's coordinator; a revoked key answers exactly like an unknown one", async () => {
    const bundle = await publishedBundle("Ingetrokken sleutel");
    const offered = await offeredToSchoolA(bundle.id);
    const unknown = await open(`${server.url}/b/${bundle.slug}?key=${"x".repeat(24)}`);
    expect(unknown.status).toBe(404);

    const byCurator = await revoke(offered.offerId, net.people.dewi.token);
    expect(byCurator.status).toBe(200);
    expect(byCurator.body).toEqual({
      offerId: offered.offerId,
      key: { status: "revoked", expiresAt: offered.key.expiresAt, url: `${server.url}/b/${bundle.slug}` },
    });
    expect(await open(offered.url)).toEqual(unknown);
    expect((await open(feedOf(offered.url))).status).toBe(404);
    // Revoking again changes nothing.
    expect((await revoke(offered.offerId, net.people.dewi.token)).body).toEqual(byCurator.body);

    const byCoordinator = await renew(offered.offerId, net.people.bram.token);
    expect(byCoordinator.status).toBe(201);
    const renewedUrl = byCoordinator.body.key.url;
    expect((await open(renewedUrl)).status).toBe(200);
    expect((await open(offered.url)).status).toBe(404);

    expect((await revoke(offered.offerId, net.people.bram.token)).body.key.status).toBe("revoked");
    expect((await open(renewedUrl)).status).toBe(404);
    // The curator's reach shows the school's key as revoked.
    const reach = await reply(v1(net.people.dewi.token).bundles[":id"].reach.$get({ param: { id: bundle.id } }));
    expect(reach.body.schools.map((s) => [s.offerId, s.key.status])).toEqual([[offered.offerId, "revoked"]]);
  });

  it("cannot be touched by others: a member of the school 403, anyone else 404, signed out 401", async () => {
    const bundle = await publishedBundle("Niet van jou");
    const offered = await offeredToSchoolA(bundle.id);
    const anna = await revoke(offered.offerId, net.people.anna.token);
    expect([anna.status, anna.error?.code]).toEqual([403, "coordinator_only"]);
    for (const outsider of [net.people.chris, net.people.eva]) {
      expect((await revoke(offered.offerId, outsider.token)).status).toBe(404);
      expect((await renew(offered.offerId, outsider.token)).status).toBe(404);
    }
    expect((await revoke(offered.offerId)).status).toBe(401);
    expect((await renew("nietbestaand00000", net.people.dewi.token)).error).toEqual({ code: "not_found", message: "No such offer." });
    expect((await open(offered.url)).status).toBe(200);
  });

  it("is carried by the school's private feed only while it opens the page", async () => {
    const bundle = await publishedBundle("In de schoolfeed");
    const offered = await offeredToSchoolA(bundle.id);
    await v1(net.people.bram.token).offers[":id"].accept.$post({ param: { id: offered.offerId } });
    const feedUrl = (await reply(v1(net.people.bram.token).schools[":id"]["feed-url"].$get({ param: { id: net.schoolA.id } }))).body.json;
    const linkInFeed = async () => {
      const feed = JSON.parse((await open(feedUrl)).text) as { items: { title: string; url: string }[] };
      return feed.items.find((i) => i.title === "In de schoolfeed")?.url;
    };
    expect(await linkInFeed()).toBe((await inboxEntry(offered.offerId)).url);
    await revoke(offered.offerId, net.people.bram.token);
    expect(await linkInFeed()).toBe(`${server.url}/b/${bundle.slug}`);
  });
});
