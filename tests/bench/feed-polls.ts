/**
 * The feed section of `npm run bench`: the server CPU a feed reader's poll costs, as a 304 (nothing new)
 * and as a full 50-entry feed, for a theme feed and a school feed, measured side by side with GET /healthz
 * in interleaved rounds against the same server. CPU comes from /proc/<pid>/stat (user + system, all
 * threads), so it includes HTTP parsing and the event loop, not only our code.
 *
 * Goals (issue 18): a 304 ≤ 1 ms server CPU, a full 50-entry feed ≤ 5 ms.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { LocalClient } from "./http-client";

export const POLL_TARGET_MS = 1;
export const FULL_FEED_TARGET_MS = 5;

export interface FeedPollOptions {
  url: string;
  pid: number;
  databasePath: string;
  log: (line?: string) => void;
  errors: string[];
  /** Rounds per kind of request, interleaved. */
  rounds: number;
  roundMs: number;
}

interface Kind {
  name: string;
  path: string;
  headers: Record<string, string>;
  status: number;
}

export interface FeedPollResult {
  kinds: { name: string; cpuMs: number[]; perSecond: number; requests: number }[];
}

const CLOCK_TICKS = 100;
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const median = (v: number[]) => sorted(v)[Math.floor((v.length - 1) / 2)] ?? NaN;
const fmt = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(3));

/**
 * Gives the bench library's first school a feed: subscribed to the two largest theme trees, with a token.
 * Written straight into the tables (the server reads them on every poll), as a coordinator's PUT would.
 */
function prepareSchoolFeed(databasePath: string): { schoolId: string; token: string } {
  const db = new Database(databasePath);
  try {
    db.pragma("busy_timeout = 5000");
    const school = db.prepare("SELECT id FROM schools ORDER BY name LIMIT 1").get() as { id: string } | undefined;
    if (!school) throw new Error("the bench library has no school");
    const token = `kpf_${randomBytes(18).toString("base64url")}`;
    const at = new Date().toISOString();
    db.transaction(() => {
      db.prepare("DELETE FROM subscriptions WHERE school_id = ?").run(school.id);
      for (const theme of ["nt2", "meertaligheid"]) db.prepare("INSERT INTO subscriptions (school_id, theme, created_at) VALUES (?, ?, ?)").run(school.id, theme, at);
      db.prepare(
        "INSERT INTO school_feeds (school_id, sector, feed_token, updated_at) VALUES (?, '[]', ?, ?) ON CONFLICT (school_id) DO UPDATE SET feed_token = excluded.feed_token, updated_at = excluded.updated_at",
      ).run(school.id, token, at);
    })();
    return { schoolId: school.id, token };
  } finally {
    db.close();
  }
}

export async function benchFeedPolls(options: FeedPollOptions): Promise<FeedPollResult> {
  const { log, errors } = options;
  const { schoolId, token } = prepareSchoolFeed(options.databasePath);
  const client = new LocalClient(options.url, 1);
  try {
    const themePath = "/feeds/themes/nt2.atom";
    const schoolPath = `/feeds/schools/${schoolId}.atom?token=${token}`;
    const etagOf = async (path: string) => {
      const res = await fetch(`${options.url}${path}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
      const entries = body.split("<entry>").length - 1;
      if (entries !== 50) errors.push(`GET ${path}: ${entries} entries, expected 50`);
      return res.headers.get("etag") ?? "";
    };
    const kinds: Kind[] = [
      { name: "GET /healthz", path: "/healthz", headers: {}, status: 200 },
      { name: "theme feed 304", path: themePath, headers: { "If-None-Match": await etagOf(themePath) }, status: 304 },
      { name: "school feed 304", path: schoolPath, headers: { "If-None-Match": await etagOf(schoolPath) }, status: 304 },
      { name: "theme feed 200 (50)", path: themePath, headers: {}, status: 200 },
      { name: "school feed 200 (50)", path: schoolPath, headers: {}, status: 200 },
    ];
    const results = kinds.map((k) => ({ name: k.name, cpuMs: [] as number[], count: 0, seconds: 0 }));

    const round = async (kind: Kind, durationMs: number) => {
      let count = 0;
      const cpuBefore = cpuMsOf(options.pid);
      const started = performance.now();
      while (performance.now() - started < durationMs) {
        const res = await client.request("GET", kind.path, { headers: kind.headers });
        if (res.status !== kind.status) {
          errors.push(`GET ${kind.path} → ${res.status}, expected ${kind.status}`);
          throw new Error(`${kind.name}: answered ${res.status}`);
        }
        count++;
      }
      return { count, seconds: (performance.now() - started) / 1000, cpuMs: cpuMsOf(options.pid) - cpuBefore };
    };

    log(`  theme feed ${themePath} (nt2 and its sub-themes); school feed of ${schoolId} (nt2 + meertaligheid, with sub-themes)`);
    log(`  one keep-alive client; ${options.rounds} rounds of ${(options.roundMs / 1000).toFixed(1)} s per kind, interleaved, after a warm-up round each`);
    for (const kind of kinds) await round(kind, 300);
    for (let r = 0; r < options.rounds; r++) {
      // Rotate the order so no kind always follows the same one.
      for (let k = 0; k < kinds.length; k++) {
        const i = (k + r) % kinds.length;
        const measured = await round(kinds[i]!, options.roundMs);
        results[i]!.cpuMs.push(measured.cpuMs / measured.count);
        results[i]!.count += measured.count;
        results[i]!.seconds += measured.seconds;
      }
    }

    const floor = median(results[0]!.cpuMs);
    log(`  ${"request".padEnd(22)} ${"server CPU ms/request: min".padStart(27)} ${"median".padStart(7)} ${"max".padStart(7)}   ${"× /healthz".padStart(10)}   ${"req/s".padStart(6)}   goal`);
    for (const [i, r] of results.entries()) {
      const s = sorted(r.cpuMs);
      const goal = kinds[i]!.status === 304 ? POLL_TARGET_MS : i === 0 ? null : FULL_FEED_TARGET_MS;
      const verdict = goal === null ? "" : `≤ ${goal} ms: ${median(r.cpuMs) <= goal ? "met" : "MISSED"}`;
      log(
        `  ${r.name.padEnd(22)} ${fmt(s[0]!).padStart(27)} ${fmt(median(r.cpuMs)).padStart(7)} ${fmt(s[s.length - 1]!).padStart(7)}   ${(median(r.cpuMs) / floor).toFixed(2).padStart(10)}   ${(r.count / r.seconds).toFixed(0).padStart(6)}   ${verdict}`,
      );
    }
    log(`  (CPU is read in ${1000 / CLOCK_TICKS} ms ticks over each round: a round of ${(options.roundMs / 1000).toFixed(1)} s holds hundreds of requests)`);
    return { kinds: results.map((r) => ({ name: r.name, cpuMs: r.cpuMs, perSecond: r.count / r.seconds, requests: r.count })) };
  } finally {
    client.close();
  }
}

/** One summary line per kind, for the bench's closing summary. */
export function feedPollSummary(result: FeedPollResult): string[] {
  const floor = median(result.kinds[0]!.cpuMs);
  return result.kinds.map((k) => `${k.name}: ${fmt(median(k.cpuMs))} ms CPU (${(median(k.cpuMs) / floor).toFixed(2)} × /healthz)`);
}
