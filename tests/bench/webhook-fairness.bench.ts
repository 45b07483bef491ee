/**
 * Webhook fairness benchmark (`npx tsx tests/bench/webhook-fairness.bench.ts`): the real server and its
 * webhook worker with production settings (8 places, 10 s per try, 30 s first backoff) on a clock that
 * runs in real time, so the silent hosts' retries come due during the run. School A has 10 webhooks to a
 * host that accepts connections and never answers; school B has one to a host that answers at once. Anna
 * shares an item both schools follow every BENCH_INTERVAL_MS (250) for BENCH_EVENTS (240) events; the
 * figure is how long after the share school B's receiver got it (target: p95 ≤ 2 s).
 *
 * A benchmark, not a test: it exits 0 when the target is missed and non-zero only when something broke
 * (a lost or repeated delivery, an HTTP error).
 */
import { startReceiver } from "../support/receiver";
import { buildNetwork, reply, startTestServer, type TestClock } from "../support/server";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 240);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 250);

const realTime: TestClock = { now: () => new Date(), advance: () => {} };
const server = await startTestServer({ clock: realTime, jobs: {} });
const silent = await startReceiver();
silent.failNext(1_000_000, { status: 200, hang: true });
const healthy = await startReceiver();
let broken = false;
try {
  const net = await buildNetwork(server);
  const admin = server.client(server.adminToken).api.v1.admin;
  await admin.schools[":id"].members[":userId"].$put({ param: { id: net.schoolB.id, userId: net.people.chris.id }, json: { role: "coordinator" } });
  const coordinator = { [net.schoolA.id]: net.people.bram.token, [net.schoolB.id]: net.people.chris.token };
  const schools = (id: string) => server.client(coordinator[id]).api.v1.schools[":id"];
  for (const id of [net.schoolA.id, net.schoolB.id]) await schools(id).subscriptions.$put({ param: { id }, json: { themes: ["nt2"] } });
  const register = async (id: string, url: string) => {
    const res = await reply(schools(id).webhooks.$post({ param: { id }, json: { url, format: "json", events: ["item.published"] } }));
    if (res.status !== 201) throw new Error(`registering ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  for (let i = 0; i < 10; i++) await register(net.schoolA.id, `${silent.url}/stil/${i}`);
  await register(net.schoolB.id, `${healthy.url}/gezond`);

  const sharedAt = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    const title = `Eerlijk ${i}`;
    sharedAt.set(title, Date.now());
    const res = await server.client(net.people.anna.token).api.v1.items.$post({
      json: { url: `https://voorbeeld.nl/bench/${i}`, title, themes: ["nt2"], visibility: "network" },
    });
    if (res.status !== 201) throw new Error(`sharing: ${res.status}`);
    await new Promise((r) => setTimeout(r, Math.max(0, started + (i + 1) * INTERVAL_MS - Date.now())));
  }
  const received = await healthy.waitFor(EVENTS, 60_000);
  const titles = received.map((r) => r.json.item.title as string);
  if (new Set(titles).size !== EVENTS || titles.length !== EVENTS) {
    broken = true;
    console.error(`school B got ${titles.length} deliveries (${new Set(titles).size} different), expected ${EVENTS}`);
  }
  const delays = received.map((r) => r.at - sharedAt.get(r.json.item.title)!).sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.ceil(q * delays.length) - 1)]!;
  console.log(`${EVENTS} events in ${((Date.now() - started) / 1000).toFixed(0)} s, 10 silent webhooks at school A`);
  console.log(`  school B's delivery delay: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${delays.at(-1)} ms (target p95 ≤ 2000 ms)`);
  console.log(`  tries that reached the silent host: ${silent.requests.length} (${new Set(silent.requests.map((r) => r.headers["knooppunt-delivery"])).size} deliveries)`);
} catch (error) {
  broken = true;
  console.error(error);
} finally {
  await server.stop();
  await silent.close();
  await healthy.close();
}
process.exit(broken ? 1 : 0);
