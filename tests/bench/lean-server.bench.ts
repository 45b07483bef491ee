/**
 * Lean-server benchmark (part of `npm run bench`; alone: `npx tsx tests/bench/lean-server.bench.ts`):
 * the server as `npm start` runs it (bundled by server/cli/build.ts, on node with the start script's
 * flags) against two floors started the same way in the same run, interleaved round by round so that the shared machine's load
 * falls on all three alike:
 *
 *   bare      Hono + better-sqlite3, one route (tests/bench/baselines/hono-sqlite-server.mjs)
 *   node:http plain node:http (tests/bench/baselines/node-http-server.mjs)
 *
 * Per server and round: start to the first 200 from /healthz; resident memory at idle (VmRSS, split into
 * RssAnon — heaps, the part a server's code decides — and RssFile — the node binary, native modules and
 * SQLite's memory-mapped pages, shared and reclaimable); the same after 1,000 mixed requests. Printed as
 * min / median / max over the rounds, with the goals: idle ≤ 1.25 × bare, after the requests ≤ 1.5 × bare
 * (medians), start ≤ 1 s.
 *
 * The database is made once, with the demo network, by an untimed first start; the timed starts reuse it
 * without the demo option, as a production server restarts over its data.
 *
 * A benchmark, not a test: it exits 0 when goals are missed and non-zero only when something broke.
 * Settings (environment, all optional): BENCH_LEAN_ROUNDS (5), BENCH_LEAN_REQUESTS (1000),
 * BENCH_LEAN_IDLE_MS (3000, how long a server idles before its memory is read), BENCH_KEEP=1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer, SERVER_BUILD_ENTRY } from "../../server/cli/build";
import { LocalClient } from "./http-client";
import { START_FLAGS } from "../support/start-flags";

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const ROUNDS = envInt("BENCH_LEAN_ROUNDS", 5);
const REQUESTS = envInt("BENCH_LEAN_REQUESTS", 1000);
const IDLE_MS = envInt("BENCH_LEAN_IDLE_MS", 3000);
const KEEP = process.env.BENCH_KEEP === "1";
const CONCURRENCY = 4;
const START_DEADLINE_MS = 60_000;

const IDLE_GOAL = 1.25;
const LOADED_GOAL = 1.5;
const START_GOAL_MS = 1000;

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Kind {
  name: string;
  args: (databasePath: string) => string[];
  env: (databasePath: string, port: number) => Record<string, string>;
}

const KINDS: Kind[] = [
  {
    name: "Knooppunt",
    args: () => [...START_FLAGS, SERVER_BUILD_ENTRY],
    env: (databasePath, port) => ({ PORT: String(port), DATABASE_PATH: databasePath, KNOOPPUNT_DEMO: "0" }),
  },
  {
    name: "bare Hono + SQLite",
    args: (databasePath) => [join(ROOT, "tests/bench/baselines/hono-sqlite-server.mjs"), databasePath],
    env: (_, port) => ({ PORT: String(port) }),
  },
  {
    name: "node:http",
    args: () => [join(ROOT, "tests/bench/baselines/node-http-server.mjs")],
    env: (_, port) => ({ PORT: String(port) }),
  },
];

interface Memory {
  rss: number;
  anon: number;
  file: number;
}

interface Sample {
  startMs: number;
  idle: Memory;
  loaded: Memory;
  errors: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** VmRSS, RssAnon and RssFile of a process in MiB, from /proc/<pid>/status. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field("VmRSS"), anon: field("RssAnon"), file: field("RssFile") };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const force = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(force);
}

/** Starts a server and waits for its first 200 from /healthz; the time includes node's own start. */
async function start(kind: Kind, databasePath: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, kind.args(databasePath), {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ...kind.env(databasePath, port), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const probe = new LocalClient(url, 1);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${kind.name} exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - started > START_DEADLINE_MS) throw new Error(`${kind.name} did not answer /healthz within ${START_DEADLINE_MS} ms:\n${output}`);
      const answer = await probe.request("GET", "/healthz", { timeoutMs: 2000 }).catch(() => null);
      if (answer?.status === 200) break;
      await sleep(5);
    }
  } catch (error) {
    await stop(child);
    throw error;
  } finally {
    probe.close();
  }
  return { child, url, startMs: performance.now() - started, output: () => output };
}

/** What a server sees in a quiet hour: pages, the web app, feeds, the taxonomy, searches, a signed-in person's reads and clips. */
function mixedRequests(count: number, token: string | null) {
  const anonymous = [
    "/healthz",
    "/",
    "/login",
    "/app",
    "/api/v1/themes",
    "/api/v1/items",
    "/api/v1/items?q=taal",
    "/api/v1/items?q=nieuwkomers",
    "/feeds/themes/nt2.atom",
    "/feeds/themes/nt2.json",
    "/feeds/themes/meertaligheid.rss",
    "/api/v1/openapi.json",
  ];
  const signedIn = ["/api/v1/me", "/api/v1/items?mine=1", "/api/v1/items?q=leerlingen"];
  const requests: { method: string; path: string; body?: string; token?: string }[] = [];
  for (let i = 0; requests.length < count; i++) {
    if (token && i % 10 === 9) {
      requests.push({
        method: "POST",
        path: "/api/v1/items",
        token,
        body: JSON.stringify({ url: `https://example.org/lean-bench/${Date.now()}-${i}`, title: `Bench clip ${i}`, themes: ["nt2"], visibility: "private" }),
      });
    } else if (token && i % 5 === 4) {
      requests.push({ method: "GET", path: signedIn[i % signedIn.length]!, token });
    } else {
      requests.push({ method: "GET", path: anonymous[i % anonymous.length]! });
    }
  }
  return requests;
}

async function sendMixed(url: string, token: string | null): Promise<{ errors: number; statuses: Map<number, number> }> {
  const client = new LocalClient(url, CONCURRENCY);
  const queue = mixedRequests(REQUESTS, token);
  const statuses = new Map<number, number>();
  let errors = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const answer = await client.request(next.method, next.path, { token: next.token, body: next.body, headers: { "Accept-Language": "nl" } });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) errors++;
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    client.close();
  }
  return { errors, statuses };
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const client = new LocalClient(url, 1);
  try {
    const answer = await client.request("POST", "/api/v1/auth/login", { body: JSON.stringify({ email, password, deviceName: "lean bench" }) });
    if (answer.status !== 200) throw new Error(`sign-in as ${email}: ${answer.status} ${answer.text}`);
    return (JSON.parse(answer.text) as { token: string }).token;
  } finally {
    client.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const spread = (values: number[], digits = 1) =>
  `${Math.min(...values).toFixed(digits).padStart(7)} ${median(values).toFixed(digits).padStart(7)} ${Math.max(...values).toFixed(digits).padStart(7)}`;

async function main(): Promise<number> {
  const log = (line = "") => process.stdout.write(`${line}\n`);
  if (!START_FLAGS.length) log("  (package.json's start script names no node flags for .output/server/start.js; measuring without)");
  log(`Lean server: ${ROUNDS} rounds, ${REQUESTS} mixed requests each, memory read after ${IDLE_MS} ms idle; node ${START_FLAGS.join(" ")}`);
  const buildStarted = performance.now();
  await buildServer();
  log(`  server built in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s → ${SERVER_BUILD_ENTRY}`);

  const dir = mkdtempSync(join(tmpdir(), "knooppunt-lean-bench-"));
  const databases = new Map(KINDS.map((kind, i) => [kind.name, join(dir, `server-${i}.db`)]));
  const samples = new Map<string, Sample[]>(KINDS.map((kind) => [kind.name, []]));
  let broken = false;
  try {
    // The first start migrates a new database and seeds the demo network; its sign-ins are printed.
    const first = await start(KINDS[0]!, databases.get(KINDS[0]!.name)!, { KNOOPPUNT_DEMO: "1" });
    const credentials = /(\S+@demo\.knooppunt\.nl)\s+(\S+)/.exec(first.output());
    await stop(first.child);
    if (!credentials) log("  (no demo sign-in printed: the mixed requests are anonymous only)");

    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order, so no kind always starts first on a freshly quiet machine.
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]!);
      for (const kind of order) {
        const running = await start(kind, databases.get(kind.name)!);
        try {
          await sleep(IDLE_MS);
          const idle = memoryOf(running.child.pid!);
          const token = kind === KINDS[0] && credentials ? await signIn(running.url, credentials[1]!, credentials[2]!) : null;
          const sent = await sendMixed(running.url, kind === KINDS[0] ? token : null);
          await sleep(IDLE_MS);
          const loaded = memoryOf(running.child.pid!);
          samples.get(kind.name)!.push({ startMs: running.startMs, idle, loaded, errors: sent.errors });
          if (round === 1 && kind === KINDS[0]) log(`  answers of the mixed requests: ${[...sent.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n}× ${s}`).join(", ")}`);
          if (sent.errors) broken = true;
        } finally {
          await stop(running.child);
        }
      }
    }
  } finally {
    if (KEEP) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  log("");
  log("  MiB / ms                          min  median     max");
  for (const kind of KINDS) {
    const s = samples.get(kind.name)!;
    log(`  ${kind.name}`);
    log(`    start → /healthz ms      ${spread(s.map((x) => x.startMs), 0)}`);
    log(`    idle VmRSS               ${spread(s.map((x) => x.idle.rss))}`);
    log(`      RssAnon                ${spread(s.map((x) => x.idle.anon))}`);
    log(`      RssFile                ${spread(s.map((x) => x.idle.file))}`);
    log(`    after ${REQUESTS} VmRSS        ${spread(s.map((x) => x.loaded.rss))}`);
    log(`      RssAnon                ${spread(s.map((x) => x.loaded.anon))}`);
    log(`      RssFile                ${spread(s.map((x) => x.loaded.file))}`);
    const errors = s.reduce((sum, x) => sum + x.errors, 0);
    if (errors) log(`    ${errors} answers of 500 or above`);
  }
  const ours = samples.get(KINDS[0]!.name)!;
  const bare = samples.get(KINDS[1]!.name)!;
  const idleRatio = median(ours.map((x) => x.idle.rss)) / median(bare.map((x) => x.idle.rss));
  const loadedRatio = median(ours.map((x) => x.loaded.rss)) / median(bare.map((x) => x.loaded.rss));
  const startMs = median(ours.map((x) => x.startMs));
  const bareStartMs = median(bare.map((x) => x.startMs));
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  log("");
  log(`  idle VmRSS ÷ bare Hono + SQLite        ${idleRatio.toFixed(2)}×  (goal ≤ ${IDLE_GOAL}×: ${verdict(idleRatio <= IDLE_GOAL)})`);
  log(`  after ${REQUESTS} requests ÷ bare          ${loadedRatio.toFixed(2)}×  (goal ≤ ${LOADED_GOAL}×: ${verdict(loadedRatio <= LOADED_GOAL)})`);
  log(`  start → /healthz, median               ${startMs.toFixed(0)} ms  (goal ≤ ${START_GOAL_MS} ms: ${verdict(startMs <= START_GOAL_MS)}; bare Hono + SQLite ${bareStartMs.toFixed(0)} ms in the same run)`);
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
