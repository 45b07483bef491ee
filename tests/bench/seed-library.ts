/**
 * Seeds a bench library into a file of its own and reports the time, the CPU and the peak memory it
 * took, so a large library is seeded once and measured many times (BENCH_DATABASE=<file> copies it):
 *
 *   npx tsx tests/bench/seed-library.ts 1000000 /tmp/library-1m.db
 */
import { rmSync } from "node:fs";
import { seedLibrary } from "./seed";

const items = Number(process.argv[2]);
const path = process.argv[3];
if (!Number.isInteger(items) || items <= 0 || !path) {
  console.error("usage: seed-library.ts <items> <database file>");
  process.exit(2);
}
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
const result = await seedLibrary(path, items, { log: (line) => console.log(line) });
const cpu = process.cpuUsage();
console.log(
  `seeded ${result.items} items / ${result.saves} saves in ${result.seconds.toFixed(1)} s (waited ${result.generateSeconds.toFixed(1)} s for drawing); ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
    `file ${(result.dbBytes / 1024 / 1024).toFixed(0)} MiB`,
);
