/**
 * Builds the benchmark library through the real services: accounts, schools and communities from
 * accounts.ts / organisations.ts, items through saveItem (so FTS rows and visibility rows are the real
 * ones). Batches of saves share one outer transaction for speed.
 */
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { openDatabase } from "../../server/db/client";
import { refreshStatistics } from "../../server/db/upkeep/statistics";
import { createServiceContext, isoNow, type ServiceContext } from "../../server/core/context";
import { createLinks } from "../../server/core/links";
import type { SignedInViewer } from "../../server/core/viewer";
import { createUser, signedInViewer } from "../../server/services/accounts/accounts";
import { announceIfPublished, factsFromClip, keyFor, saveFields, saveItem, themeTerms, visibleToNetwork } from "../../server/services/library/saves";
import { resolveCircle } from "../../server/services/library/circles";
import { requireThemes } from "../../server/services/taxonomy/theme-index";
import { newId } from "../../server/core/ids";
import { itemSeqByKey, ownSave } from "../../server/db/repositories/library/items";
import { insertBulkItem, insertBulkSave } from "../../server/db/repositories/library/bulk-saves";
import { indexMissingSaves } from "../../server/db/repositories/library/search-index";
import { createCommunity, createSchool, setCommunityMember, setSchoolMember } from "../../server/services/accounts/organisations";
import { seedThemes } from "../../server/services/taxonomy/themes";
import type { CreateItemInput, Visibility } from "../../shared/schemas";
import { planner, type PlannedItem } from "./seed-plan";

export const BENCH_USER = { email: "bench@bench.knooppunt.nl", password: "bench-wachtwoord-2026" };

export interface SeedResult {
  items: number;
  saves: number;
  seconds: number;
  /** Seconds the writes waited for the items to be drawn (included in `seconds`; drawing runs in a worker beside the writes). */
  generateSeconds: number;
  dbBytes: number;
  byVisibility: Record<Visibility, number>;
}

interface Member {
  viewer: SignedInViewer;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function databaseBytes(path: string): number {
  return fileSize(path) + fileSize(`${path}-wal`);
}

/**
 * The items to seed, a batch at a time. A large library draws them in a worker, so drawing the next
 * batch overlaps writing this one; two batches are asked for ahead, no more, so memory stays flat.
 */
function planSource(seed: number, people: number, count: number, batch: number) {
  let waited = 0;
  if (count < 20_000) {
    const plan = planner(seed, people);
    let next = 0;
    return {
      next: async () => {
        const t0 = performance.now();
        const end = Math.min(count, next + batch);
        const items: PlannedItem[] = [];
        for (let n = next; n < end; n++) items.push(plan(n));
        next = end;
        waited += performance.now() - t0;
        return items;
      },
      close: () => {},
      waitedMs: () => waited,
    };
  }
  // The bench runs under tsx, whose loader a worker does not inherit: the worker registers it first.
  const entry = JSON.stringify(new URL("./seed-worker.ts", import.meta.url).href);
  const worker = new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${entry}); });`, {
    eval: true,
    workerData: { seed, people, count, batch },
  });
  const ready: PlannedItem[][] = [];
  let waiting: { resolve: (items: PlannedItem[]) => void; reject: (error: unknown) => void } | null = null;
  let failed: unknown = null;
  worker.on("message", (items: PlannedItem[]) => {
    if (waiting) {
      const { resolve } = waiting;
      waiting = null;
      resolve(items);
    } else ready.push(items);
  });
  worker.on("error", (error) => {
    failed = error;
    waiting?.reject(error);
  });
  worker.postMessage("more");
  worker.postMessage("more");
  return {
    next: async () => {
      if (failed) throw failed;
      const t0 = performance.now();
      const items = ready.shift() ?? (await new Promise<PlannedItem[]>((resolve, reject) => (waiting = { resolve, reject })));
      waited += performance.now() - t0;
      worker.postMessage("more");
      return items;
    },
    close: () => void worker.terminate(),
    waitedMs: () => waited,
  };
}

/**
 * The seed's write of one clip: the rows saveItem writes for it (item, save with its page facts, themes,
 * tags, search row, item.published), through the import's prepared statements instead of the service's
 * query building and the shaped answer nobody reads here. Only the cases a seed meets take this path:
 * a new item, or another person's first save of a known one; anything else goes through saveItem.
 * tests/bench/seed-rows.test.ts holds the two paths to the same rows.
 */
function seedWriter(ctx: ServiceContext) {
  const terms = themeTerms(ctx);
  const themeCache = new Map<string, string[]>();
  // Search rows wait for the end of the batch (see insertBulkSave), or for a save written by saveItem.
  const unindexed: number[] = [];
  const indexBatch = () => indexMissingSaves(ctx, unindexed.splice(0), terms);
  const write = (viewer: SignedInViewer, input: CreateItemInput) => {
    const urlKey = keyFor(input.url, input.meta?.canonicalUrl);
    const known = itemSeqByKey(ctx, urlKey);
    if (known !== null && ownSave(ctx, known, viewer.user.id)) {
      indexBatch();
      saveItem(ctx, viewer, input);
      return;
    }
    const named = input.themes ?? [];
    const cacheKey = named.join("\u0000");
    let themes = themeCache.get(cacheKey);
    if (!themes) themeCache.set(cacheKey, (themes = requireThemes(ctx, named)));
    const circle = resolveCircle(viewer, input);
    const wasPublished = known !== null && visibleToNetwork(ctx, known);
    const itemSeq = known ?? insertBulkItem(ctx, newId(), urlKey);
    const saveSeq = insertBulkSave(ctx, {
      itemSeq,
      userId: viewer.user.id,
      facts: factsFromClip(input),
      fields: saveFields(input, circle),
      themes,
      at: isoNow(ctx),
    });
    unindexed.push(saveSeq);
    announceIfPublished(ctx, itemSeq, wasPublished, circle.visibility);
  };
  return { write, endOfBatch: indexBatch };
}

/**
 * Seeds `count` items into a fresh database at `path` and closes it again (checkpointing the WAL), so
 * the server process opens a settled file.
 */
export async function seedLibrary(
  path: string,
  count: number,
  options: {
    seed?: number;
    batch?: number;
    log?: (line: string) => void;
    deadlineMs?: number;
    /** "saveItem" writes every clip through the service; the default writes the same rows with prepared statements. */
    writer?: "saveItem" | "prepared";
  } = {},
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 1000;
  const started = performance.now();

  const database = openDatabase(path);
  // A clock that moves ten minutes per save, so created_at spreads over ~two years like a real library.
  let clock = Date.parse("2024-01-08T08:00:00.000Z");
  const ctx = createServiceContext({ db: database.db, sqlite: database.sqlite, links: createLinks("http://127.0.0.1"), now: () => new Date(clock) });
  try {
    // Seeding-only connection settings: a larger page cache for the bulk load (the server keeps its own).
    database.sqlite.pragma("cache_size = -131072");
    // A fresh file that nobody else reads until the seed is done: no rollback journal or WAL while loading
    // (each page written once, not to the WAL and again at the checkpoint) and no syncs. A crash leaves a
    // broken bench file, which the next run replaces. The file is put back in WAL mode at the end.
    database.sqlite.pragma("journal_mode = OFF");
    database.sqlite.pragma("synchronous = OFF");
    // The seed writes only rows whose references hold (the prepared path's rows are proven equal to
    // saveItem's, which runs with the checks on); checking each of millions of inserts again is wasted.
    if (options.writer !== "saveItem") database.sqlite.pragma("foreign_keys = OFF");
    seedThemes(ctx);

    // The network: three schools, two communities, eight people (the bench viewer first).
    const schoolA = createSchool(ctx, { name: "Kindcentrum De Regenboog", sector: "po", region: "Eindhoven", bestuur: "Stichting Kempenland" });
    const schoolB = createSchool(ctx, { name: "Stedelijk College Noord", sector: "vo", region: "Eindhoven", bestuur: "Stichting Kempenland" });
    const schoolC = createSchool(ctx, { name: "Vakcollege Helmond", sector: "mbo", region: "Helmond" });
    const plg = createCommunity(ctx, { name: "PLG Meertaligheid Zuidoost-Brabant", kind: "leergemeenschap", open: true });
    const werkplaats = createCommunity(ctx, { name: "Werkplaats Onderzoekende Cultuur", kind: "werkplaats" });

    const people: { key: string; name: string; school?: string; community?: string; roles?: ("broker" | "admin")[] }[] = [
      { key: "bench", name: "Bench Leraar", school: schoolA.id, community: plg.id },
      { key: "anna", name: "Anna de Vries", school: schoolA.id },
      { key: "bilal", name: "Bilal El Amrani", school: schoolB.id, community: plg.id },
      { key: "carmen", name: "Carmen Bakker", school: schoolB.id },
      { key: "dirk", name: "Dirk Jansen", school: schoolC.id, community: werkplaats.id },
      { key: "esra", name: "Esra Yılmaz", community: plg.id, roles: ["broker"] },
      { key: "femke", name: "Femke Visser", school: schoolC.id },
      { key: "gerrit", name: "Gerrit Smit" },
    ];
    const members: Member[] = [];
    for (const p of people) {
      const email = p.key === "bench" ? BENCH_USER.email : `${p.key}@bench.knooppunt.nl`;
      const password = p.key === "bench" ? BENCH_USER.password : `wachtwoord-${p.key}-2026`;
      const user = await createUser(ctx, { name: p.name, email, password, roles: p.roles ?? [] });
      if (p.school) setSchoolMember(ctx, p.school, user.id, "member");
      if (p.community) setCommunityMember(ctx, p.community, user.id, p.community === plg.id && p.key === "esra" ? "owner" : "member");
      members.push({
        viewer: signedInViewer(ctx, user, "bench-seed"),
      });
    }

    const circleFor = (viewer: SignedInViewer, wanted: Visibility): Pick<CreateItemInput, "visibility" | "schoolId" | "communityId"> => {
      if (wanted === "school") {
        const school = viewer.schools[0];
        return school ? { visibility: "school", schoolId: school.id } : { visibility: "network" };
      }
      if (wanted === "community") {
        const community = viewer.communities[0];
        return community ? { visibility: "community", communityId: community.id } : { visibility: "network" };
      }
      return { visibility: wanted };
    };

    const byVisibility: Record<Visibility, number> = { public: 0, network: 0, school: 0, community: 0, private: 0 };
    const { write, endOfBatch } =
      options.writer === "saveItem"
        ? { write: (viewer: SignedInViewer, input: CreateItemInput) => void saveItem(ctx, viewer, input), endOfBatch: () => {} }
        : seedWriter(ctx);
    const plans = planSource(options.seed ?? 20261124, members.length, count, batch);
    let saves = 0;
    let lastLog = performance.now();
    try {
      for (let start = 0; start < count; start += batch) {
        if (options.deadlineMs !== undefined && performance.now() - started > options.deadlineMs) {
          throw new Error(`seeding did not finish within ${Math.round(options.deadlineMs / 1000)} s (${start} items done)`);
        }
        const planned = await plans.next();
        const end = start + planned.length;
        ctx.sqlite.transaction(() => {
          for (const { item, saver, second } of planned) {
            const first = members[saver]!.viewer;
            const circle = circleFor(first, item.visibility);
            clock += 10 * 60 * 1000;
            write(first, {
              url: item.url,
              title: item.title,
              kind: item.kind,
              language: item.language,
              meta: item.meta,
              text: item.text,
              themes: item.themes,
              tags: item.tags,
              sector: item.sector,
              note: item.note,
              ...circle,
            });
            byVisibility[circle.visibility!]++;
            saves++;
            if (second) {
              const viewer = members[second.person]!.viewer;
              const input: CreateItemInput = { url: item.url, note: second.note, themes: second.themes, ...circleFor(viewer, second.visibility) };
              clock += 60 * 1000;
              write(viewer, input);
              byVisibility[input.visibility!]++;
              saves++;
            }
          }
          endOfBatch();
        })();
        // Let signals (Ctrl-C) and timers through between batches.
        await new Promise((resolve) => setImmediate(resolve));
        if (performance.now() - lastLog > 15_000 || end === count) {
          const s = (performance.now() - started) / 1000;
          log(`  ${end.toLocaleString("en")} items, ${s.toFixed(0)} s, ${(end / s).toFixed(0)} items/s, ${(databaseBytes(path) / 1e6).toFixed(0)} MB, RSS ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB`);
          lastLog = performance.now();
        }
      }
    } finally {
      plans.close();
    }
    const generateMs = plans.waitedMs();
    // As a bulk import does: the planner's statistics describe the library as it is now.
    refreshStatistics(database.sqlite);
    database.sqlite.pragma("foreign_keys = ON");
    database.sqlite.pragma("journal_mode = WAL");
    database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    database.close();
    return {
      items: count,
      saves,
      seconds: (performance.now() - started) / 1000,
      generateSeconds: generateMs / 1000,
      dbBytes: databaseBytes(path),
      byVisibility,
    };
  } catch (error) {
    if (database.sqlite.open) database.close();
    throw error;
  }
}
