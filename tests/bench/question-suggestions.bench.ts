/**
 * "Misschien helpt dit al" benchmark: the suggestions a person gets while typing a question
 * (GET /api/v1/questions/suggestions) over HTTP against the real server in a child process, on the bench
 * library (BENCH_ITEMS, default 100,000 items). Target: p95 ≤ 50 ms. It is a benchmark, not a test: it
 * exits 0 when the target is missed and non-zero only when something broke.
 *
 * The whole set of typed questions is measured in BENCH_ROUNDS rounds (default 5); the p95 of each round
 * is reported as min / median / max, so one noisy round on a shared machine shows as such. Beside it, the
 * bare library search the suggestions start with (GET /api/v1/items with the telling words and the first
 * theme), so a slow figure says whether the search itself or what suggestions add is the cost.
 *
 *   npx tsx tests/bench/question-suggestions.bench.ts        (BENCH_ITEMS=5000 BENCH_ROUNDS=2 for a short run)
 *
 * BENCH_DATABASE=<path> measures a copy of an already seeded bench library instead of seeding one. The
 * load average is printed beside each round: on a shared machine it says how much a figure is worth.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { tellingWords } from "../../server/services/questions/suggestions";
import { LocalClient } from "./http-client";
import { BENCH_USER, seedLibrary } from "./seed";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 50;
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_ENTRY = fileURLToPath(new URL("./bench-server.ts", import.meta.url));

/** What people type, as the form sends it while they type: a growing sentence and its themes. */
const TYPED: { q: string; themes: string }[] = [
  { q: "Hoe begeleiden we nieuwkomers", themes: "nt2" },
  { q: "Hoe begeleiden we nieuwkomers bij begrijpend lezen in groep 5?", themes: "nt2,leesonderwijs-en-begrijpend-lezen" },
  { q: "Welke werkvormen helpen bij meertalige rekendidactiek?", themes: "meertaligheid" },
  { q: "Hoe betrekken we ouders die weinig Nederlands spreken?", themes: "ouderbetrokkenheid" },
  { q: "Wat werkt bij woordenschat", themes: "" },
  { q: "thuistaal", themes: "thuistalen" },
];

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "knooppunt-bench-questions-"));
  const databasePath = join(dir, "bench.db");
  if (process.env.BENCH_DATABASE) {
    console.log(`A copy of the seeded library ${process.env.BENCH_DATABASE}`);
    copyFileSync(process.env.BENCH_DATABASE, databasePath);
  } else {
    console.log(`Seeding ${ITEMS.toLocaleString("en")} items…`);
    const seeded = await seedLibrary(databasePath, ITEMS, {});
    console.log(`  ${seeded.items} items, ${seeded.saves} saves in ${seeded.seconds.toFixed(1)} s`);
  }
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_ENTRY, databasePath], { cwd: REPO, stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
      child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
    });
    const client = new LocalClient(url, 1);
    const login = await client.request("POST", "/api/v1/auth/login", { body: JSON.stringify(BENCH_USER) });
    if (login.status !== 200) throw new Error(`could not sign in: ${login.status}`);
    const token = (JSON.parse(login.text) as { token: string }).token;

    /** Requests `path` ITERATIONS times after three to warm up; the times in ms, and the last answer. */
    const measure = async (path: string) => {
      const times: number[] = [];
      let text = "";
      for (let i = 0; i < ITERATIONS + 3; i++) {
        const res = await client.request("GET", path, { token });
        if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.text.slice(0, 200)}`);
        if (i >= 3) times.push(res.ms);
        text = res.text;
      }
      return { times, text };
    };
    const suggestionsPath = (typed: (typeof TYPED)[number]) => `/api/v1/questions/suggestions?q=${encodeURIComponent(typed.q)}${typed.themes ? `&themes=${typed.themes}` : ""}`;
    const barePath = (typed: (typeof TYPED)[number]) => {
      const theme = typed.themes.split(",")[0];
      return `/api/v1/items?limit=5&q=${encodeURIComponent(tellingWords(typed.q).join(" "))}${theme ? `&theme=${theme}` : ""}`;
    };

    const rounds: { suggestions: number; bare: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const all: number[] = [];
      const bare: number[] = [];
      for (const typed of TYPED) {
        const { times, text } = await measure(suggestionsPath(typed));
        const plain = await measure(barePath(typed));
        all.push(...times);
        bare.push(...plain.times);
        if (round === 1) {
          const sorted = [...times].sort((a, b) => a - b);
          const plainSorted = [...plain.times].sort((a, b) => a - b);
          const found = (JSON.parse(text) as { items: unknown[] }).items.length;
          console.log(`  p50 ${p(sorted, 0.5).toFixed(1)} ms  p95 ${p(sorted, 0.95).toFixed(1)} ms  (bare search p95 ${p(plainSorted, 0.95).toFixed(1)} ms)  ${found} items  "${typed.q}" [${typed.themes}]`);
        }
      }
      all.sort((a, b) => a - b);
      bare.sort((a, b) => a - b);
      rounds.push({ suggestions: p(all, 0.95), bare: p(bare, 0.95) });
      console.log(`  round ${round}: suggestions p95 ${p(all, 0.95).toFixed(1)} ms, bare search p95 ${p(bare, 0.95).toFixed(1)} ms (load average ${loadavg().map((l) => l.toFixed(2)).join(" ")})`);
    }
    const spread = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { min: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted[sorted.length - 1]! };
    };
    const s = spread(rounds.map((r) => r.suggestions));
    const b = spread(rounds.map((r) => r.bare));
    const show = (v: { min: number; median: number; max: number }) => `min ${v.min.toFixed(1)} / median ${v.median.toFixed(1)} / max ${v.max.toFixed(1)} ms`;
    console.log(`Suggestions p95 over ${ROUNDS} rounds: ${show(s)} (target ≤ ${TARGET_MS} ms) ${s.median <= TARGET_MS ? "MET" : "MISSED"}`);
    console.log(`Bare library search p95 over ${ROUNDS} rounds: ${show(b)}`);
    console.log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
