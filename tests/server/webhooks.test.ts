import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookJsonPayload, type CreateWebhookRequest, type ErrorBody, type WebhookEvent } from "../../shared/schemas";
import { startReceiver, type Receiver, type ReceivedRequest } from "../support/receiver";
import { buildNetwork, offerKey, reply, startTestServer, testClock, type ApiClient, type TestServer } from "../support/server";
import { TeamsMessage } from "../support/teams-card";

const HOUR = 60 * 60 * 1000;

type ClipRequest = Parameters<ApiClient["api"]["v1"]["items"]["$post"]>[0]["json"];

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Long enough for the worker (polling every second) to have sent anything that was due. */
const quietPeriod = () => new Promise((r) => setTimeout(r, 1300));

const verify = (secret: string, request: ReceivedRequest) =>
  request.headers["knooppunt-signature"] === `sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`;

describe("webhooks", () => {
  let server: TestServer;
  let net: Awaited<ReturnType<typeof buildNetwork>>;
  let receiver: Receiver;
  let n = 0;

  const v1 = (token?: string) => server.client(token).api.v1;
  /** School A's webhooks, as its coordinator Bram, or as `token`. */
  const hooks = (token = net.people.bram.token) => v1(token).schools[":id"].webhooks;
  const schoolA = () => ({ id: net.schoolA.id });
  /** The same path for raw requests: a body outside the contract, which the typed client cannot send. */
  const hooksPath = () => `/api/v1/schools/${net.schoolA.id}/webhooks`;
  const coordinator = () => ({ token: net.people.bram.token });
  const attempt = (json: CreateWebhookRequest, token?: string) => reply(hooks(token).$post({ param: schoolA(), json }));
  const list = (token?: string) => reply(hooks(token).$get({ param: schoolA() }));
  async function register(json: CreateWebhookRequest) {
    const res = await attempt(json);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const remove = (hookId: string) => hooks()[":hookId"].$delete({ param: { ...schoolA(), hookId } });
  const deliveryLog = (hookId: string) => reply(hooks()[":hookId"].deliveries.$get({ param: { ...schoolA(), hookId }, query: {} }));
  const deliveries = async (hookId: string) => (await deliveryLog(hookId)).body.deliveries;
  /** Anna shares a new item; by default into the network, in a sub-theme of the school's subscription. */
  async function share(body: Partial<ClipRequest> = {}) {
    n += 1;
    server.clock.advance(1000);
    const res = await reply(
      v1(net.people.anna.token).items.$post({
        json: { url: `https://voorbeeld.nl/webhook/${n}`, title: `Gedeeld ${n}`, themes: ["nieuwkomers"], visibility: "network", ...body },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.item;
  }

  beforeAll(async () => {
    server = await startTestServer();
    net = await buildNetwork(server);
    receiver = await startReceiver();
    await v1(net.people.bram.token).schools[":id"].subscriptions.$put({ param: schoolA(), json: { themes: ["nt2"], sector: ["po"] } });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  describe("registration", () => {
    it("shows the signing secret once; the list never shows it; events default to all", async () => {
      const created = await register({ url: `${receiver.url}/alles`, format: "json" });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      expect(created.webhook.events).toEqual(["offer.created", "bundle.accepted", "item.published", "question.created", "question.answered", "question.followup"]);
      const listed = await list();
      expect(listed.body.webhooks).toEqual([{ id: created.webhook.id, url: `${receiver.url}/alles`, format: "json", events: created.webhook.events, createdAt: expect.any(String) }]);
      expect(JSON.stringify(listed.body)).not.toContain(created.secret);
      expect((await remove(created.webhook.id)).status).toBe(204);
      expect((await list()).body.webhooks).toEqual([]);
      expect((await remove(created.webhook.id)).status).toBe(404);
      expect((await deliveryLog(created.webhook.id)).status).toBe(404);
    });

    it("is capped at 10 webhooks per school", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await register({ url: `${receiver.url}/veel/${i}`, format: "json", events: ["offer.created"] })).webhook.id);
      const eleventh = await attempt({ url: `${receiver.url}/veel/10`, format: "json" });
      expect(eleventh.status).toBe(409);
      expect(eleventh.error?.code).toBe("too_many_webhooks");
      for (const id of ids) expect((await remove(id)).status).toBe(204);
    });

    it("is for coordinators only: members 403, other schools 404", async () => {
      const json: CreateWebhookRequest = { url: `${receiver.url}/x`, format: "json" };
      expect((await attempt(json, net.people.anna.token)).status).toBe(403);
      expect((await list(net.people.anna.token)).status).toBe(403);
      expect((await attempt(json, net.people.chris.token)).status).toBe(404);
    });

    it.each([
      ["https://10.0.0.5/hook", "private"],
      ["https://192.168.1.1/hook", "private"],
      ["https://169.254.169.254/latest/meta-data", "link-local"],
      ["https://100.100.100.200/hook", "carrier-grade NAT"],
      ["https://[::1]/hook", "loopback"],
      ["https://[fd00:ec2::254]/hook", "unique-local"],
      ["https://[::ffff:10.0.0.5]/hook", "private"],
      ["https://127.0.0.2/hook", "loopback"],
      ["https://0.0.0.0/hook", "unspecified"],
    ])("refuses %s (a %s address) with a clear 400, without connecting", async (url, kind) => {
      const res = await attempt({ url, format: "teams" });
      expect(res.status).toBe(400);
      expect(res.error?.code).toBe("webhook_url_refused");
      expect(res.error?.message).toContain(kind);
      expect(res.error?.issues?.[0]?.path).toEqual(["url"]);
    });

    it("refuses a host name that resolves to a loopback address when it is not allow-listed", async () => {
      const before = receiver.requests.length;
      const res = await attempt({ url: `https://localhost:${receiver.port}/hook`, format: "json" });
      expect(res.status).toBe(400);
      expect(res.error?.message).toMatch(/localhost resolves to .*loopback/);
      expect(receiver.requests.length).toBe(before);
    });

    it("tells the coordinator which hosts the operator lets webhooks reach over plain http", async () => {
      const list = await server.api("GET", hooksPath(), coordinator());
      expect(list.status).toBe(200);
      // The test server allow-lists the receiver's address (WEBHOOK_ALLOW_HOSTS=127.0.0.1).
      expect(list.body.policy).toEqual({ httpAllowedHosts: ["127.0.0.1"] });
      expect(Object.keys(list.body).sort()).toEqual(["policy", "webhooks"]);
    });

    it("names the rule a refused URL broke, so the extension can say it in the person's language", async () => {
      const refusal = async (url: string) => {
        const res = await server.api("POST", hooksPath(), { ...coordinator(), body: { url, format: "json" } });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("webhook_url_refused");
        return res.body.error.issues.map((issue: { path: unknown[]; code?: string }) => ({ path: issue.path, code: issue.code }));
      };
      expect(await refusal("http://example.org/hook")).toEqual([{ path: ["url"], code: "https_required" }]);
      expect(await refusal("https://user:pw@example.org/hook")).toEqual([{ path: ["url"], code: "credentials" }]);
      expect(await refusal("https://10.0.0.5/hook")).toEqual([{ path: ["url"], code: "internal_address" }]);
      expect(await refusal(`https://localhost:${receiver.port}/hook`)).toEqual([{ path: ["url"], code: "internal_address" }]);
    });

    it("refuses plain http except for allow-listed hosts, and user names in the URL", async () => {
      const http = await attempt({ url: "http://example.org/hook", format: "json" });
      expect(http.status).toBe(400);
      expect(http.error?.message).toBe("Webhook URLs must use https.");
      const credentials = await attempt({ url: "https://user:pw@example.org/hook", format: "json" });
      expect(credentials.status).toBe(400);
      expect((await attempt({ url: "ftp://example.org/hook", format: "json" })).status).toBe(400);
      // A format the contract does not know: sent raw, as the typed client would not let it through.
      expect((await server.api<ErrorBody>("POST", hooksPath(), { ...coordinator(), body: { url: `${receiver.url}/x`, format: "xml" } })).status).toBe(400);
      expect((await attempt({ url: `${receiver.url}/x`, format: "json", events: [] })).status).toBe(400);
      expect((await list()).body.webhooks).toEqual([]);
    });
  });

  describe("item.published, format json", () => {
    let hook: { webhook: { id: string }; secret: string };
    beforeAll(async () => {
      hook = await register({ url: `${receiver.url}/json`, format: "json", events: ["item.published"] });
    });
    afterAll(() => remove(hook.webhook.id));

    it("posts the event, signed with the secret, with a stable delivery id", async () => {
      const before = receiver.requests.length;
      const item = await share({ note: "Handig voor de eerste schoolweek" });
      const [request] = (await receiver.waitFor(before + 1)).slice(before);
      expect(request!.method).toBe("POST");
      expect(request!.path).toBe("/json");
      expect(request!.headers["content-type"]).toBe("application/json");
      expect(request!.headers["knooppunt-event"]).toBe("item.published");
      expect(verify(hook.secret, request!)).toBe(true);
      expect(verify("whsec_een-ander-geheim", request!)).toBe(false);

      const payload = WebhookJsonPayload.parse(request!.json);
      expect(payload).toMatchObject({
        event: "item.published",
        deliveryId: request!.headers["knooppunt-delivery"],
        school: { id: net.schoolA.id, name: "De Regenboog" },
        item: { id: item.id, title: item.title, themes: ["nieuwkomers"], notes: ["Handig voor de eerste schoolweek"] },
        url: `https://voorbeeld.nl/webhook/${n}`,
      });
      const log = await eventually(async () => {
        const all = await deliveries(hook.webhook.id);
        return all[0]?.status === "delivered" ? all : undefined;
      }, "the delivery to be logged");
      expect(log[0]).toMatchObject({ id: payload.deliveryId, event: "item.published", attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
      expect(log[0]?.attemptLog).toEqual([{ at: expect.any(String), statusCode: 200, error: null, durationMs: expect.any(Number) }]);
    });

    it("is not sent for items in smaller circles, other themes, or other sectors; widening sends it", async () => {
      const before = receiver.requests.length;
      const hidden = await share({ visibility: "school", title: "Alleen voor school" });
      await share({ visibility: "community", communityId: net.community.id, title: "Alleen voor community" });
      await share({ themes: ["burgerschap"], title: "Ander thema" });
      await share({ sector: ["vo"], title: "Alleen vo" });
      // A marker the school does want: the worker sends in order, so anything above would arrive first.
      await share({ title: "Marker" });
      await receiver.waitFor(before + 1);
      await quietPeriod();
      expect(receiver.requests.slice(before).map((r) => r.json.item.title)).toEqual(["Marker"]);

      const widened = await v1(net.people.anna.token).items[":id"].$patch({ param: { id: hidden.id }, json: { visibility: "network" } });
      expect(widened.status).toBe(200);
      const [request] = (await receiver.waitFor(before + 2)).slice(before + 1);
      expect(request!.json.item.title).toBe("Alleen voor school");
    });

    it("is not sent to a webhook that did not ask for the event", async () => {
      const other = await register({ url: `${receiver.url}/alleen-aanbod`, format: "json", events: ["offer.created"] });
      const before = receiver.requests.length;
      await share({ title: "Nog een" });
      await receiver.waitFor(before + 1);
      await quietPeriod();
      expect(receiver.requests.slice(before).map((r) => r.path)).toEqual(["/json"]);
      await remove(other.webhook.id);
    });
  });

  describe("format teams", () => {
    it("posts a Teams Workflows message with a valid Adaptive Card 1.4 that opens the item", async () => {
      const hook = await register({ url: `${receiver.url}/teams`, format: "teams", events: ["item.published"] });
      const before = receiver.requests.length;
      await share({ title: `Taal & "rekenen" <groep 3> 😀`, note: "Probeer het in groep 3", meta: { siteName: "Expertisecentrum" } });
      const [request] = (await receiver.waitFor(before + 1)).slice(before);
      expect(verify(hook.secret, request!)).toBe(true);
      const message = TeamsMessage.parse(request!.json);
      const card = message.attachments[0]!.content;
      expect(card.body.map((b) => b.text)).toEqual([
        "Nieuw in de thema's van De Regenboog",
        // Shown as typed: the card's markdown would read <…> as a link.
        `Taal & "rekenen" \\<groep 3\\> 😀`,
        "Probeer het in groep 3",
        "Expertisecentrum",
      ]);
      expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Openen", url: `https://voorbeeld.nl/webhook/${n}` }]);
      await remove(hook.webhook.id);
    });
  });

  describe("offer.created and bundle.accepted", () => {
    let hook: { webhook: { id: string }; secret: string };
    const dewi = () => v1(net.people.dewi.token);
    const onPath = (path: string, count: number) =>
      eventually(async () => {
        const matching = receiver.requests.filter((r) => r.path === path);
        return matching.length >= count ? matching : undefined;
      }, `${count} requests to ${path}`);

    async function publishBundle(title: string, itemTitles: string[]) {
      const items = [];
      for (const itemTitle of itemTitles) items.push({ itemId: (await share({ title: itemTitle })).id, note: `Notitie bij ${itemTitle}` });
      const draft = await reply(dewi().bundles.$post({ json: { title, about: "Waar het over gaat", use: "Wat je ermee doet", themes: ["nieuwkomers"], audience: "network" } }));
      const param = { id: draft.body.bundle.id };
      await dewi().bundles[":id"].items.$put({ param, json: { version: draft.body.bundle.version, items } });
      const published = await reply(dewi().bundles[":id"].publish.$post({ param, json: {} }));
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      return published.body.bundle;
    }
    const offerTo = async (bundleId: string) => {
      const res = await reply(dewi().bundles[":id"].offers.$post({ param: { id: bundleId }, json: { schoolIds: [net.schoolA.id], message: "Iets voor jullie?" } }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.offers[0]!.id;
    };
    const inboxUrl = async (offerId: string) =>
      (await reply(v1(net.people.bram.token).schools[":id"].offers.$get({ param: schoolA(), query: {} }))).body.offers.find((o) => o.id === offerId)!.bundle.url;

    let bundle: Awaited<ReturnType<typeof publishBundle>>;
    let offerId: string;
    beforeAll(async () => {
      hook = await register({ url: `${receiver.url}/aanbod`, format: "json", events: ["offer.created", "bundle.accepted"] });
      bundle = await publishBundle("Zachte landing in groep 3", ["Eerste schooldag", "Buddy-systeem"]);
    });
    afterAll(() => remove(hook.webhook.id));

    it("offer.created (json) carries the bundle, the offer and a link with the school's key", async () => {
      offerId = await offerTo(bundle.id);
      const [request] = await onPath("/aanbod", 1);
      expect(request!.headers["knooppunt-event"]).toBe("offer.created");
      expect(verify(hook.secret, request!)).toBe(true);
      const payload = WebhookJsonPayload.parse(request!.json);
      const url = await inboxUrl(offerId);
      expect(url).toBe(`${server.url}/b/${bundle.slug}?key=${offerKey(server, offerId)}`);
      expect(payload).toMatchObject({
        event: "offer.created",
        school: { id: net.schoolA.id, name: "De Regenboog" },
        offer: { id: offerId, status: "offered", message: "Iets voor jullie?" },
        bundle: {
          id: bundle.id,
          title: "Zachte landing in groep 3",
          about: "Waar het over gaat",
          use: "Wat je ermee doet",
          audience: "network",
          url,
          items: [
            { title: "Eerste schooldag", note: "Notitie bij Eerste schooldag" },
            { title: "Buddy-systeem", note: "Notitie bij Buddy-systeem" },
          ],
        },
        url,
      });
    });

    it("offer.created (teams) posts a card with the title, what it is about, the items, and a button to the bundle", async () => {
      const teams = await register({ url: `${receiver.url}/teams-aanbod`, format: "teams", events: ["offer.created"] });
      const other = await publishBundle("Warme overdracht [po]", ["Overdrachtsformulier", "Gesprek met ouders"]);
      const otherOffer = await offerTo(other.id);
      const [request] = await onPath("/teams-aanbod", 1);
      expect(verify(teams.secret, request!)).toBe(true);
      const card = TeamsMessage.parse(request!.json).attachments[0]!.content;
      const url = await inboxUrl(otherOffer);
      expect(card.body.map((b) => b.text)).toEqual([
        "Nieuw aanbod voor De Regenboog",
        "Warme overdracht \\[po\\]",
        "Waar het over gaat",
        "**Wat kan ik ermee?** Wat je ermee doet",
        "Bericht van de makelaar: Iets voor jullie?",
        "**In deze bundel (2)**",
        `- [Overdrachtsformulier](https://voorbeeld.nl/webhook/${n - 1})\n- [Gesprek met ouders](https://voorbeeld.nl/webhook/${n})`,
      ]);
      expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open de bundel", url }]);
      await remove(teams.webhook.id);
    });

    it("bundle.accepted counts as reshared in the broker's reach once its delivery succeeds, not before", async () => {
      const reshared = async () => (await reply(dewi().bundles[":id"].reach.$get({ param: { id: bundle.id } }))).body.totals.reshared;
      const before = receiver.requests.filter((r) => r.path === "/aanbod").length;
      receiver.failNext(1, { status: 503 }, "/aanbod");
      const accepted = await reply(v1(net.people.bram.token).offers[":id"].accept.$post({ param: { id: offerId } }));
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const [failed] = (await onPath("/aanbod", before + 1)).slice(before);
      expect(failed!.headers["knooppunt-event"]).toBe("bundle.accepted");
      expect(failed!.json).toMatchObject({ event: "bundle.accepted", offer: { id: offerId, status: "accepted" } });
      await eventually(async () => (await deliveries(hook.webhook.id))[0]?.attempts === 1, "the failed attempt");
      expect(await reshared()).toBe(0);

      server.clock.advance(2 * HOUR);
      const [retried] = (await onPath("/aanbod", before + 2)).slice(before + 1);
      expect(retried!.headers["knooppunt-delivery"]).toBe(failed!.headers["knooppunt-delivery"]);
      expect(await eventually(async () => ((await reshared()) === 1 ? 1 : undefined), "the reshare to be counted")).toBe(1);
    });
  });

  describe("retries", () => {
    let hook: { webhook: { id: string }; secret: string };
    beforeAll(async () => {
      hook = await register({ url: `${receiver.url}/retry`, format: "json", events: ["item.published"] });
    });
    afterAll(() => remove(hook.webhook.id));
    const latest = async () => (await deliveries(hook.webhook.id))[0];

    it("a receiver that fails twice gets the delivery exactly once more, with the same id and body", async () => {
      const before = receiver.requests.length;
      receiver.failNext(2, { status: 503 });
      await share();
      await receiver.waitFor(before + 1);
      const afterFirst = await eventually(async () => ((await latest())?.attempts === 1 ? latest() : undefined), "the first attempt to be logged");
      expect(afterFirst).toMatchObject({ status: "pending", lastStatusCode: 503, lastError: "HTTP 503" });
      // The retry waits for its backoff: nothing is sent until the clock passes it.
      expect(Date.parse(afterFirst.nextAttemptAt!)).toBeGreaterThan(server.clock.now().getTime());
      await quietPeriod();
      expect(receiver.requests.length).toBe(before + 1);

      server.clock.advance(2 * HOUR);
      await receiver.waitFor(before + 2);
      await eventually(async () => (await latest())?.attempts === 2, "the second attempt to be logged");
      server.clock.advance(2 * HOUR);
      await receiver.waitFor(before + 3);
      const done = await eventually(async () => ((await latest())?.status === "delivered" ? latest() : undefined), "delivery");

      server.clock.advance(5 * HOUR);
      await quietPeriod();
      const received = receiver.requests.slice(before);
      expect(received).toHaveLength(3);
      expect(new Set(received.map((r) => r.headers["knooppunt-delivery"]))).toEqual(new Set([done.id]));
      expect(new Set(received.map((r) => r.body)).size).toBe(1);
      expect(done.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 200]);
    });

    it("gives up at once on a 4xx other than 408 and 429", async () => {
      const before = receiver.requests.length;
      receiver.failNext(1, { status: 410 });
      await share();
      await receiver.waitFor(before + 1);
      const failed = await eventually(async () => ((await latest())?.status === "failed" ? latest() : undefined), "the delivery to fail");
      expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
      server.clock.advance(5 * HOUR);
      await quietPeriod();
      expect(receiver.requests.length).toBe(before + 1);
    });

    it("honours Retry-After on a 429", async () => {
      const before = receiver.requests.length;
      receiver.failNext(1, { status: 429, headers: { "Retry-After": "7200" } });
      await share();
      await receiver.waitFor(before + 1);
      const waiting = await eventually(async () => ((await latest())?.attempts === 1 ? latest() : undefined), "the first attempt");
      expect(Date.parse(waiting.nextAttemptAt!) - server.clock.now().getTime()).toBeGreaterThanOrEqual(2 * HOUR);
      server.clock.advance(1 * HOUR);
      await quietPeriod();
      expect(receiver.requests.length).toBe(before + 1);
      server.clock.advance(1 * HOUR + 1000);
      await receiver.waitFor(before + 2);
      await eventually(async () => (await latest())?.status === "delivered", "delivery after Retry-After");
    });

    it("keeps retrying 5xx for 24 hours, then gives up", async () => {
      const before = receiver.requests.length;
      receiver.failNext(50, { status: 500 });
      await share();
      await receiver.waitFor(before + 1);
      await eventually(async () => (await latest())?.attempts === 1, "the first attempt");
      server.clock.advance(23 * HOUR);
      await receiver.waitFor(before + 2);
      const stillTrying = await eventually(async () => ((await latest())?.attempts === 2 ? latest() : undefined), "the second attempt");
      expect(stillTrying.status).toBe("pending");
      server.clock.advance(2 * HOUR);
      await receiver.waitFor(before + 3);
      const gaveUp = await eventually(async () => ((await latest())?.status === "failed" ? latest() : undefined), "giving up");
      expect(gaveUp.lastError).toMatch(/gave up after retrying for 24 hours/);
      server.clock.advance(5 * HOUR);
      await quietPeriod();
      expect(receiver.requests.length).toBe(before + 3);
      receiver.reset();
    });

    it("forgets finished deliveries after 30 days, keeping the log of newer ones", async () => {
      // One delivery for each item shared by the four retry tests above, failed or delivered.
      expect((await deliveries(hook.webhook.id)).map((d) => d.status)).toEqual(["failed", "delivered", "failed", "delivered"]);
      server.clock.advance(31 * 24 * HOUR);
      await eventually(async () => (await deliveries(hook.webhook.id)).length === 0, "the old deliveries to be pruned");
      const before = receiver.requests.length;
      await share();
      await receiver.waitFor(before + 1);
      const fresh = await eventually(async () => {
        const all = await deliveries(hook.webhook.id);
        return all.length === 1 && all[0]?.status === "delivered" ? all : undefined;
      }, "the new delivery in the log");
      expect(fresh).toHaveLength(1);
    });
  });
});

describe("deliveries across a restart", () => {
  let dir: string;
  let receiver: Receiver;
  const clock = testClock();
  let server: TestServer;
  let net: Awaited<ReturnType<typeof buildNetwork>>;
  let bram: { token: string };

  const restart = async (options: { webhookAllowHosts?: string[] } = {}) => {
    await server.stop();
    server = await startTestServer({ dir, clock, ...options });
  };
  const v1 = (token?: string) => server.client(token).api.v1;
  const hooks = () => v1(bram.token).schools[":id"].webhooks;
  const register = async (path: string, events?: WebhookEvent[]) =>
    (await reply(hooks().$post({ param: { id: net.schoolA.id }, json: { url: path.startsWith("https:") ? path : `${receiver.url}${path}`, format: "json", events } }))).body
      .webhook.id;
  const remove = (hookId: string) => hooks()[":hookId"].$delete({ param: { id: net.schoolA.id, hookId } });
  const log = async (hookId: string) => (await reply(hooks()[":hookId"].deliveries.$get({ param: { id: net.schoolA.id, hookId }, query: {} }))).body.deliveries;
  const share = (key: string) =>
    v1(net.people.anna.token).items.$post({ json: { url: `https://voorbeeld.nl/${key}`, title: key, themes: ["nt2"], visibility: "network" } });
  const arrived = (path: string, count: number) =>
    eventually(async () => {
      const matching = receiver.requests.filter((r) => r.path === path);
      return matching.length >= count ? matching : undefined;
    }, `${count} requests to ${path}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "knooppunt-restart-"));
    receiver = await startReceiver();
    server = await startTestServer({ dir, clock });
    net = await buildNetwork(server);
    bram = { token: net.people.bram.token };
    await v1(bram.token).schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["nt2"] } });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reach a receiver that was down while the server restarted, with the same delivery id", async () => {
    const hookId = await register("/down", ["item.published"]);
    await receiver.down();
    await share("receiver-down");
    const [pending] = await eventually(async () => {
      const all = await log(hookId);
      return all[0]?.attempts === 1 ? all : undefined;
    }, "the failed first attempt");
    expect(pending).toMatchObject({ status: "pending", lastStatusCode: null, lastError: expect.stringMatching(/ECONNREFUSED/) });

    await restart();
    await receiver.up();
    clock.advance(2 * HOUR);
    const [request] = await arrived("/down", 1);
    expect(request!.headers["knooppunt-delivery"]).toBe(pending?.id);
    const after = await eventually(async () => {
      const all = await log(hookId);
      return all[0]?.status === "delivered" ? all : undefined;
    }, "the logged delivery after the restart");
    expect(after[0]?.attemptLog.map((a) => a.statusCode)).toEqual([null, 200]);
    await remove(hookId);
  });

  it("are sent again after a restart that cut a request off, with the same delivery id", async () => {
    const hookId = await register("/hangt", ["item.published"]);
    receiver.failNext(1, { status: 200, hang: true }, "/hangt");
    await share("onderbroken");
    const [cutOff] = await arrived("/hangt", 1);
    await restart();
    const requests = await arrived("/hangt", 2);
    expect(requests.map((r) => r.headers["knooppunt-delivery"])).toEqual([cutOff!.headers["knooppunt-delivery"], cutOff!.headers["knooppunt-delivery"]]);
    expect(requests[1]!.body).toBe(cutOff!.body);
    await eventually(async () => (await log(hookId))[0]?.status === "delivered", "delivery after the restart");
    await remove(hookId);
  });

  it("are checked again at send time: a host no longer allow-listed is refused and never contacted", async () => {
    // Registered while 127.0.0.1 is allow-listed (then https to it passes too; registering connects nowhere).
    const hookId = await register(`https://127.0.0.1:${receiver.port}/tls`);
    await restart({ webhookAllowHosts: [] });
    const before = receiver.requests.length;
    await share("geweigerd");
    const [refused] = await eventually(async () => {
      const all = await log(hookId);
      return (all[0]?.attempts ?? 0) >= 1 ? all : undefined;
    }, "the refused attempt");
    expect(refused).toMatchObject({ status: "pending", lastStatusCode: null });
    expect(refused?.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    await quietPeriod();
    expect(receiver.requests.length).toBe(before);
  });
});
