import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "../support/receiver";
import { buildNetwork, reply, startTestServer, testClock, type TestServer } from "../support/server";

const HOUR = 60 * 60 * 1000;

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

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A network where both schools follow nt2, school B with its own coordinator (Chris); `current` survives restarts. */
async function twoSchools(current: () => TestServer) {
  let server = current();
  const net = await buildNetwork(server);
  const admin = server.client(server.adminToken).api.v1.admin;
  await admin.schools[":id"].members[":userId"].$put({ param: { id: net.schoolB.id, userId: net.people.chris.id }, json: { role: "coordinator" } });
  const coordinators = { [net.schoolA.id]: net.people.bram.token, [net.schoolB.id]: net.people.chris.token };
  const hooks = (schoolId: string) => current().client(coordinators[schoolId]).api.v1.schools[":id"].webhooks;
  for (const schoolId of [net.schoolA.id, net.schoolB.id]) {
    const res = await server.client(coordinators[schoolId]).api.v1.schools[":id"].subscriptions.$put({ param: { id: schoolId }, json: { themes: ["nt2"] } });
    expect(res.status).toBe(200);
  }
  const register = async (schoolId: string, url: string) => {
    const res = await reply(hooks(schoolId).$post({ param: { id: schoolId }, json: { url, format: "json", events: ["item.published"] } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.webhook.id;
  };
  const log = async (schoolId: string, hookId: string) =>
    (await reply(hooks(schoolId)[":hookId"].deliveries.$get({ param: { id: schoolId, hookId }, query: {} }))).body.deliveries;
  /** Anna shares an item into the network in nt2, which both schools follow. */
  const share = async (title: string) => {
    server = current();
    server.clock.advance(1000);
    const res = await reply(
      server.client(net.people.anna.token).api.v1.items.$post({ json: { url: `https://voorbeeld.nl/eerlijk/${encodeURIComponent(title)}`, title, themes: ["nt2"], visibility: "network" } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  return { net, register, log, share };
}

describe("a school whose webhooks never answer", () => {
  let server: TestServer;
  let silent: Receiver;
  let healthy: Receiver;
  let school: Awaited<ReturnType<typeof twoSchools>>;

  beforeAll(async () => {
    // The worker's own concurrency and per-try deadline, as in production.
    server = await startTestServer();
    school = await twoSchools(() => server);
    silent = await startReceiver();
    silent.failNext(10_000, { status: 200, hang: true });
    healthy = await startReceiver();
  });
  afterAll(async () => {
    await server.stop();
    await silent.close();
    await healthy.close();
  });

  it("does not delay another school's deliveries, which arrive in order within seconds", async () => {
    const { net, register, share } = school;
    for (let i = 0; i < 10; i++) await register(net.schoolA.id, `${silent.url}/stil/${i}`);
    await register(net.schoolB.id, `${healthy.url}/gezond`);

    const EVENTS = 20;
    const sharedAt = new Map<string, number>();
    for (let i = 0; i < EVENTS; i++) {
      const title = `Eerlijk ${i}`;
      sharedAt.set(title, Date.now());
      await share(title);
      await pause(250);
    }
    const received = await healthy.waitFor(EVENTS, 30_000);
    expect(received.map((r) => r.json.item.title)).toEqual([...sharedAt.keys()]);

    const delays = received.map((r) => r.at - sharedAt.get(r.json.item.title)!).sort((a, b) => a - b);
    const p95 = delays[Math.ceil(0.95 * delays.length) - 1]!;
    // Goal 2 s (tests/bench/webhook-fairness.bench.ts measures it); the bound leaves room for a loaded
    // machine, and is far below what the hanging webhooks cost before (20-70 s, growing with every event).
    expect(p95).toBeLessThan(10_000);
    // Each silent webhook was tried at most once: after its first try ran out it backs off, holding no place.
    const tried = silent.requests.map((r) => r.path);
    expect(new Set(tried).size).toBe(tried.length);
  }, 60_000);
});

describe("a webhook that keeps timing out", () => {
  const dir = mkdtempSync(join(tmpdir(), "knooppunt-backoff-"));
  const clock = testClock();
  const start = () => startTestServer({ dir, clock, jobs: { pollIntervalMs: 100, requestTimeoutMs: 1000 } });
  let server: TestServer;
  let receiver: Receiver;
  let school: Awaited<ReturnType<typeof twoSchools>>;

  beforeAll(async () => {
    server = await start();
    school = await twoSchools(() => server);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs off as a whole, across a restart, its later deliveries waiting behind the first, then sends all in order", async () => {
    const { net, register, log, share } = school;
    const hookId = await register(net.schoolA.id, `${receiver.url}/traag`);
    receiver.failNext(1, { status: 200, hang: true });
    for (const title of ["Eerste", "Tweede", "Derde"]) await share(title);

    const [first] = await eventually(async () => {
      const all = await log(net.schoolA.id, hookId);
      return all.length === 3 && all[2]!.attempts === 1 ? all.slice(2) : undefined;
    }, "the first delivery's try to run out");
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: "no answer within 1 s" });
    await pause(1500);
    // The two later ones were not sent to a host that just did not answer; the log says they wait for the first.
    expect(receiver.requests.map((r) => r.json.item.title)).toEqual(["Eerste"]);
    expect((await log(net.schoolA.id, hookId)).map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual([
      ["pending", 0, first!.nextAttemptAt],
      ["pending", 0, first!.nextAttemptAt],
      ["pending", 1, first!.nextAttemptAt],
    ]);

    // A restart remembers the backoff: what is shared meanwhile waits too.
    await server.stop();
    server = await start();
    await share("Vierde");
    await pause(1500);
    expect(receiver.requests.map((r) => r.json.item.title)).toEqual(["Eerste"]);
    expect((await log(net.schoolA.id, hookId))[0]).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: first!.nextAttemptAt });

    // The host answers again; once the backoff has passed, the first goes again and the others follow it.
    clock.advance(2 * HOUR);
    const requests = await receiver.waitFor(5);
    expect(requests.map((r) => r.json.item.title)).toEqual(["Eerste", "Eerste", "Tweede", "Derde", "Vierde"]);
    expect(requests[1]!.headers["knooppunt-delivery"]).toBe(first!.id);
    await eventually(async () => (await log(net.schoolA.id, hookId)).every((d) => d.status === "delivered"), "all four delivered");
  });
});
