/**
 * Builds the benchmark library through the real services: accounts, schools and communities from
 * accounts.ts / organisations.ts, items through saveItem (so FTS rows and visibility rows are the real
 * ones). Batches of saves share one outer transaction for speed.
 */
import { statSync } from "node:fs";
import { openDatabase } from "../../server/db/client";
import { refreshStatistics } from "../../server/db/statistics";
import { createServiceContext } from "../../server/core/context";
import { createLinks } from "../../server/core/links";
import type { SignedInViewer } from "../../server/core/viewer";
import { createUser, signedInViewer } from "../../server/services/accounts/accounts";
import { saveItem } from "../../server/services/library/saves";
import { createCommunity, createSchool, setCommunityMember, setSchoolMember } from "../../server/services/accounts/organisations";
import { seedThemes } from "../../server/services/taxonomy/themes";
import type { CreateItemInput, Visibility } from "../../shared/schemas";
import { generateItem, pickVisibility, randomThemes, Rng, secondNote } from "./corpus";

export const BENCH_USER = { email: "bench@bench.knooppunt.nl", password: "bench-wachtwoord-2026" };

export interface SeedResult {
  items: number;
  saves: number;
  seconds: number;
  /** Seconds spent generating text (included in `seconds`). */
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
 * Seeds `count` items into a fresh database at `path` and closes it again (checkpointing the WAL), so
 * the server process opens a settled file.
 */
export async function seedLibrary(
  path: string,
  count: number,
  options: { seed?: number; batch?: number; log?: (line: string) => void; deadlineMs?: number } = {},
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 1000;
  const rng = new Rng(options.seed ?? 20261124);
  const started = performance.now();

  const database = openDatabase(path);
  // A clock that moves ten minutes per save, so created_at spreads over ~two years like a real library.
  let clock = Date.parse("2024-01-08T08:00:00.000Z");
  const ctx = createServiceContext({ db: database.db, sqlite: database.sqlite, links: createLinks("http://127.0.0.1"), now: () => new Date(clock) });
  try {
    // Seeding-only connection settings: a larger page cache for the bulk load (the server keeps its own).
    database.sqlite.pragma("cache_size = -262144");
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
    let saves = 0;
    let generateMs = 0;
    let lastLog = performance.now();
    for (let start = 0; start < count; start += batch) {
      if (options.deadlineMs !== undefined && performance.now() - started > options.deadlineMs) {
        throw new Error(`seeding did not finish within ${Math.round(options.deadlineMs / 1000)} s (${start} items done)`);
      }
      const end = Math.min(count, start + batch);
      ctx.sqlite.transaction(() => {
        for (let n = start; n < end; n++) {
          const g0 = performance.now();
          const item = generateItem(rng, n);
          const saver = members[rng.int(0, members.length - 1)]!;
          const circle = circleFor(saver.viewer, item.visibility);
          const second = rng.chance(0.08) ? members[rng.int(0, members.length - 1)]! : null;
          const secondInput: CreateItemInput | null =
            second && second !== saver
              ? { url: item.url, note: secondNote(rng), themes: randomThemes(rng), ...circleFor(second.viewer, pickVisibility(rng)) }
              : null;
          generateMs += performance.now() - g0;

          clock += 10 * 60 * 1000;
          saveItem(ctx, saver.viewer, {
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
          if (second && secondInput) {
            clock += 60 * 1000;
            saveItem(ctx, second.viewer, secondInput);
            byVisibility[secondInput.visibility!]++;
            saves++;
          }
        }
      })();
      // Let signals (Ctrl-C) and timers through between batches.
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() - lastLog > 15_000 || end === count) {
        const s = (performance.now() - started) / 1000;
        log(`  ${end.toLocaleString("en")} items, ${s.toFixed(0)} s, ${(end / s).toFixed(0)} items/s, ${(databaseBytes(path) / 1e6).toFixed(0)} MB`);
        lastLog = performance.now();
      }
    }
    // As a bulk import does: the planner's statistics describe the library as it is now.
    refreshStatistics(database.sqlite);
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
