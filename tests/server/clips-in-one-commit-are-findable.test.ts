import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServiceContext, type ServiceContext } from "../../server/core/context";
import { createLinks } from "../../server/core/links";
import type { SignedInViewer } from "../../server/core/viewer";
import { openDatabase, type DatabaseHandle } from "../../server/db/client";
import { GroupCommit } from "../../server/db/group-commit";
import { createUser, signedInViewer } from "../../server/services/accounts/accounts";
import { saveItem } from "../../server/services/library/saves";
import { seedThemes } from "../../server/services/taxonomy/themes";

/**
 * Clips that share a commit have their search rows written after the last of them (search-index.ts):
 * what a reader finds afterwards must be what each clip, and only each clip that succeeded, left.
 */
let dir: string;
let database: DatabaseHandle;
let ctx: ServiceContext;
let anna: SignedInViewer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-clip-batch-"));
  database = openDatabase(join(dir, "knooppunt.db"));
  ctx = createServiceContext({ db: database.db, sqlite: database.sqlite, links: createLinks("http://127.0.0.1"), passwordCost: 10 });
  seedThemes(ctx);
  anna = signedInViewer(ctx, await createUser(ctx, { name: "Anna de Vries", email: "anna@school.nl", password: "wachtwoord-anna-1" }), "test");
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const found = (words: string) =>
  (database.sqlite.prepare("SELECT s.url FROM saves_fts JOIN saves s ON s.seq = saves_fts.rowid WHERE saves_fts MATCH ? ORDER BY s.url").all(words) as { url: string }[]).map(
    (r) => r.url,
  );

describe("clips committed together", () => {
  it("are findable by what each clip wrote, and a clip that failed leaves nothing to find", async () => {
    const writes = new GroupCommit(database.sqlite);
    const clip = (url: string, note: string) => () => saveItem(ctx, anna, { url, note, visibility: "network" });
    const outcomes = await Promise.allSettled([
      writes.run(clip("https://lezen.nl/a", "woordenschat alfazebra")),
      writes.run(() => {
        clip("https://lezen.nl/b", "woordenschat betazebra")();
        throw new Error("geweigerd");
      }),
      writes.run(clip("https://lezen.nl/c", "eerste gammazebra")),
      writes.run(clip("https://lezen.nl/c", "tweede deltazebra")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(writes.stats).toEqual({ batches: 1, writes: 4, largestBatch: 4 });

    expect(found("alfazebra")).toEqual(["https://lezen.nl/a"]);
    expect(found("betazebra")).toEqual([]);
    // The same save clipped twice in one batch: found by its last note only.
    expect(found("gammazebra")).toEqual([]);
    expect(found("deltazebra")).toEqual(["https://lezen.nl/c"]);
    expect(found("woordenschat")).toEqual(["https://lezen.nl/a"]);
    const rows = (table: string) => (database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(rows("saves")).toBe(2);
    expect(rows("saves_fts")).toBe(2);
  });

  it("index a clip made outside a batch at once", () => {
    saveItem(ctx, anna, { url: "https://lezen.nl/los", note: "losse epsilonzebra", visibility: "private" });
    expect(found("epsilonzebra")).toEqual(["https://lezen.nl/los"]);
  });
});
