/**
 * Import benchmark (`npx tsx tests/bench/import.bench.ts`): BENCH_IMPORT_LINKS (100,000) browser
 * bookmarks in 100 folders, end to end through the real server: upload, read, review, start, and the
 * background run until done (every link saved and indexed). Meanwhile a person searches the library
 * without pause; their p95 is compared with the same search when the server is idle. Peak RSS growth is
 * the process's highest resident size during the import over the size just before it (server and this
 * client share the process; the file is built before the baseline).
 * Targets: ≤ 30 s end to end, search p95 ≤ 3× idle, peak RSS growth ≤ 150 MB.
 *
 * A benchmark, not a test: it exits 0 when a target is missed and non-zero only when something broke.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { reply, startTestServer, type TestClock } from "../support/server";

const LINKS = Number(process.env.BENCH_IMPORT_LINKS ?? 100_000);
const realTime: TestClock = { now: () => new Date(), advance: () => {} };
const server = await startTestServer({ clock: realTime, jobs: {} });

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
};

let broken = false;
try {
  const token = server.adminToken;
  const v1 = server.client(token).api.v1;
  // Something to find: a few hundred clips the search ranks.
  for (let i = 0; i < 300; i++) await reply(v1.items.$post({ json: { url: `https://www.lowan.nl/bench/${i}`, title: `Nieuwkomers en meertaligheid ${i}`, visibility: "network" } }));
  const search = async () => {
    const started = performance.now();
    const res = await reply(v1.items.$get({ query: { q: "meertalig", limit: "20" } }));
    if (res.status !== 200) throw new Error(`search answered ${res.status}`);
    return performance.now() - started;
  };
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push(await search());

  const folders = 100;
  const perFolder = Math.ceil(LINKS / folders);
  const parts = ["<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n"];
  for (let f = 0, n = 0; f < folders && n < LINKS; f++) {
    parts.push(`<DT><H3>Map ${f}</H3>\n<DL><p>\n`);
    for (let i = 0; i < perFolder && n < LINKS; i++, n++) {
      parts.push(`<DT><A HREF="https://www.example.nl/artikel/${n}?utm_source=x" ADD_DATE="1700000000" TAGS="lezen,taal">Artikel ${n} over taal en lezen</A>\n`);
    }
    parts.push("</DL><p>\n");
  }
  parts.push("</DL>\n");
  const file = parts.join("");

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  // Where the peak's memory is: the heap's own, or SQLite's page cache and mapped file (RssAnon / RssFile).
  let peakParts = "";
  const sampling = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss <= peak) return;
    peak = rss;
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    peakParts = `heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB, anon ${kb("RssAnon")} MB, file ${kb("RssFile")} MB`;
  }, 25);

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const during: number[] = [];
  let done = false;
  const searching = (async () => {
    while (!done) during.push(await search());
  })();
  const uploaded = await fetch(`${server.url}/api/v1/imports`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/html" }, body: file });
  if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}: ${await uploaded.text()}`);
  const id = ((await uploaded.json()) as { import: { id: string } }).import.id;
  const uploadSeconds = (performance.now() - started) / 1000;
  const start = await reply(v1.imports[":id"].start.$post({ param: { id }, json: {} }));
  if (start.status !== 200) throw new Error(`start answered ${start.status}`);
  let job = start.body.import;
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await reply(v1.imports[":id"].$get({ param: { id } }))).body.import;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  done = true;
  await searching;
  clearInterval(sampling);
  if (job.status !== "done" || job.progress.imported !== LINKS) throw new Error(`import ended ${job.status} with ${JSON.stringify(job.progress)}`);

  const idleP95 = p95(idle);
  const duringP95 = p95(during);
  const growthMb = (peak - baseline) / 1024 / 1024;
  const result = {
    bench: "import",
    links: LINKS,
    seconds: Number(seconds.toFixed(1)),
    linksPerSecond: Math.round(LINKS / seconds),
    uploadAndReviewSeconds: Number(uploadSeconds.toFixed(1)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    searchIdleP95Ms: Number(idleP95.toFixed(1)),
    searchDuringImportP95Ms: Number(duringP95.toFixed(1)),
    searchRatio: Number((duringP95 / idleP95).toFixed(2)),
    searchesDuringImport: during.length,
    peakRssGrowthMb: Math.round(growthMb),
    peakRss: peakParts,
    loadAverage: loadavg().map((n) => Number(n.toFixed(1))),
    targets: { seconds: 30, searchRatio: 3, peakRssGrowthMb: 150 },
    met: { seconds: seconds <= 30, searchRatio: duringP95 <= 3 * idleP95, peakRssGrowthMb: growthMb <= 150 },
  };
  console.log(JSON.stringify(result));
} catch (error) {
  broken = true;
  console.error(error);
} finally {
  await server.stop();
}
process.exit(broken ? 1 : 0);
