/**
 * "Misschien helpt dit al" benchmark: the suggestions a person gets while typing a question
 * (GET /api/v1/questions/suggestions) over HTTP against the real server in a child process, on the bench
 * library (BENCH_ITEMS, default 100,000 items). Target: p95 ≤ 50 ms. It is a benchmark, not a test: it
 * exits 0 when the target is missed and non-zero only when something broke.
 *
 *   npx tsx tests/bench/question-suggestions.bench.ts        (BENCH_ITEMS=5000 for a short run)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LocalClient } from "./http-client";
import { BENCH_USER, seedLibrary } from "./seed";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
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
  console.log(`Seeding ${ITEMS.toLocaleString("en")} items…`);
  const seeded = await seedLibrary(databasePath, ITEMS, {});
  console.log(`  ${seeded.items} items, ${seeded.saves} saves in ${seeded.seconds.toFixed(1)} s`);
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

    const all: number[] = [];
    for (const typed of TYPED) {
      const path = `/api/v1/questions/suggestions?q=${encodeURIComponent(typed.q)}${typed.themes ? `&themes=${typed.themes}` : ""}`;
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < ITERATIONS + 3; i++) {
        const res = await client.request("GET", path, { token });
        if (res.status !== 200) throw new Error(`${path} → ${res.status} ${res.text.slice(0, 200)}`);
        if (i >= 3) times.push(res.ms);
        found = (JSON.parse(res.text) as { items: unknown[] }).items.length;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(`  p50 ${p(times, 0.5).toFixed(1)} ms  p95 ${p(times, 0.95).toFixed(1)} ms  ${found} items  "${typed.q}" [${typed.themes}]`);
    }
    all.sort((a, b) => a - b);
    const p95 = p(all, 0.95);
    console.log(`Suggestions over all typed questions: p95 ${p95.toFixed(1)} ms (target ≤ ${TARGET_MS} ms) ${p95 <= TARGET_MS ? "MET" : "MISSED"}`);
  } finally {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
