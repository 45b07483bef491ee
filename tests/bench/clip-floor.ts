/**
 * The clip section's in-process sides (issue 18 §5), on a connection of the bench's own to the seeded
 * library while the server is idle:
 *
 *   - saveItem   the service as the route calls it, 16 clips per commit through the server's GroupCommit
 *                (a savepoint each), the item shaped for the answer as the route does;
 *   - by hand    the same rows (item, save with its page facts and themes, save_themes, save_tags, saves_fts)
 *                through better-sqlite3 statements prepared once, grouped as GroupCommit groups them;
 *   - no facts   by hand again, with the save's page facts left out (only url and title): what keeping the
 *                page's facts and text on every save costs a clip, at most.
 *
 * Each round writes CLIPS_PER_ROUND new URLs per side; the sides take turns in an order that changes per
 * round, so drift on a busy machine touches them alike.
 */
import type Database from "better-sqlite3";
import { createServiceContext, isoNow, type ServiceContext } from "../../server/core/context";
import { newId } from "../../server/core/ids";
import { createLinks } from "../../server/core/links";
import type { SignedInViewer } from "../../server/core/viewer";
import { openDatabase } from "../../server/db/client";
import { GroupCommit } from "../../server/db/group-commit";
import { findUserByEmail, signedInViewer } from "../../server/services/accounts/accounts";
import { factsFromClip, keyFor, saveItem, themeTerms } from "../../server/services/library/saves";
import type { CreateItemInput } from "../../shared/schemas";
import { clipInputs } from "./corpus";

export const PER_COMMIT = 16;

export type FloorSide = "saveItem" | "by hand" | "no facts";
export const FLOOR_SIDES: FloorSide[] = ["saveItem", "by hand", "no facts"];

/**
 * A clip of a new URL written with statements prepared by hand: the rows saveItem writes for it, in the
 * order it writes them (its search row added to `searchRows`, for the end of the batch), with no query
 * builder, no visibility checks (a new URL has no saves to check) and no shaped answer. The values come
 * from the same pure functions (dedup key, page facts).
 */
function handWriter(sqlite: Database.Database, ctx: ServiceContext, userId: string, withFacts: boolean, searchRows: unknown[][]) {
  const s = {
    itemByKey: sqlite.prepare("SELECT seq FROM items WHERE url_key = ?").pluck(),
    insertItem: sqlite.prepare("INSERT INTO items (id, url_key, url) VALUES (?, ?, ?) RETURNING seq").pluck(),
    insertSave: sqlite
      .prepare(
        `INSERT INTO saves (item_seq, user_id, url, canonical_url, title, kind, site_name, author, published_at, language, image_url, favicon_url,
           excerpt, text, video_provider, video_id, video_duration_seconds, video_embed_url,
           note, quote, tags, themes, sector, visibility, community_id, school_id, applied, worked, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, 'untested', ?, ?) RETURNING seq`,
      )
      .pluck(),
    insertTheme: sqlite.prepare("INSERT INTO save_themes (save_seq, theme) VALUES (?, ?)"),
    insertTag: sqlite.prepare("INSERT INTO save_tags (save_seq, tag) VALUES (?, ?)"),
  };
  const terms = themeTerms(ctx);
  return (input: CreateItemInput) => {
    const urlKey = keyFor(input.url, input.meta?.canonicalUrl);
    if (s.itemByKey.get(urlKey) !== undefined) throw new Error(`the floor writes new URLs only: ${input.url}`);
    const itemSeq = s.insertItem.get(newId(), urlKey, urlKey) as number;
    const f = factsFromClip(input);
    const at = isoNow(ctx);
    const tags = [...new Set(input.tags ?? [])];
    const themes = [...new Set(input.themes ?? [])].sort();
    const keep = <T>(value: T) => (withFacts ? value : null);
    const saveSeq = s.insertSave.get(
      itemSeq, userId, f.url, keep(f.canonicalUrl), f.title, f.kind, keep(f.siteName), keep(f.author), keep(f.publishedAt), keep(f.language),
      keep(f.imageUrl), keep(f.faviconUrl), keep(f.excerpt), keep(f.text), keep(f.videoProvider), keep(f.videoId), keep(f.videoDurationSeconds),
      keep(f.videoEmbedUrl), input.note ?? "", input.quote ?? "", JSON.stringify(tags), JSON.stringify(themes), JSON.stringify([...new Set(input.sector ?? [])]),
      input.visibility ?? "private", at, at,
    ) as number;
    for (const theme of themes) s.insertTheme.run(saveSeq, theme);
    for (const tag of tags) s.insertTag.run(saveSeq, tag);
    const excerpt = withFacts ? [f.excerpt, f.siteName, new URL(f.url).hostname.replace(/^www\./, "")].filter(Boolean).join(" — ") : "";
    searchRows.push([saveSeq, f.title, excerpt, withFacts ? (f.text ?? "") : "", input.note ?? "", input.quote ?? "", tags.join(" ; "), terms(themes)]);
    return saveSeq;
  };
}

const insertSearchRows = (insert: Database.Statement, rows: unknown[][]) => {
  for (const row of rows.splice(0)) insert.run(...row);
};

export interface FloorRounds {
  /** Per side, ms per clip in each round. */
  perClip: Record<FloorSide, number[]>;
}

export interface InProcessFloor {
  /** Runs one round of every side, in the given order; returns ms per clip. */
  round(order: readonly FloorSide[], clips: number): Promise<Record<FloorSide, number>>;
  close(): void;
}

/** Opens the library for the in-process sides, as the bench user (who must exist). */
export function openInProcessFloor(databasePath: string, email: string): InProcessFloor {
  const database = openDatabase(databasePath);
  const ctx = createServiceContext({ db: database.db, sqlite: database.sqlite, links: createLinks("http://127.0.0.1") });
  const user = findUserByEmail(ctx, email);
  if (!user) {
    database.close();
    throw new Error(`${email} is not in the library`);
  }
  const viewer: SignedInViewer = signedInViewer(ctx, user, "bench-floor");
  const writes = new GroupCommit(database.sqlite, PER_COMMIT);
  const inputs = clipInputs(4242, 128, "floor");
  let serial = 0;
  const next = (): CreateItemInput => {
    const input = inputs[serial % inputs.length]!;
    return { ...input, url: `${input.url}-f${serial++}` };
  };
  const searchRows: unknown[][] = [];
  const insertSearchRow = database.sqlite.prepare("INSERT INTO saves_fts (rowid, title, excerpt, text, note, quote, tags, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const hand = handWriter(database.sqlite, ctx, user.id, true, searchRows);
  const bare = handWriter(database.sqlite, ctx, user.id, false, searchRows);
  // The hand-written side groups as GroupCommit does (one IMMEDIATE transaction, a savepoint per clip,
  // the search rows after the last clip), without its queue and promises.
  const byHand = (write: (input: CreateItemInput) => unknown) => (inputs: CreateItemInput[]) =>
    database.sqlite
      .transaction(() => {
        inputs.forEach((input, i) => {
          database.sqlite.exec(`SAVEPOINT clip_${i}`);
          write(input);
          database.sqlite.exec(`RELEASE clip_${i}`);
        });
        insertSearchRows(insertSearchRow, searchRows);
      })
      .immediate();
  const batches: Record<FloorSide, (inputs: CreateItemInput[]) => Promise<unknown>> = {
    saveItem: (inputs) => Promise.all(inputs.map((input) => writes.run(() => saveItem(ctx, viewer, input)))),
    "by hand": async (inputs) => byHand(hand)(inputs),
    "no facts": async (inputs) => byHand(bare)(inputs),
  };

  // PER_COMMIT clips queued in one turn of the event loop make one commit, as at the server; every side
  // yields to the event loop between commits as the server does.
  const run = async (side: FloorSide, clips: number) => {
    const started = performance.now();
    for (let done = 0; done < clips; done += PER_COMMIT) {
      await batches[side](Array.from({ length: Math.min(PER_COMMIT, clips - done) }, () => next()));
      if (side !== "saveItem") await new Promise((resolve) => setImmediate(resolve));
    }
    return (performance.now() - started) / clips;
  };

  return {
    async round(order, clips) {
      const out = {} as Record<FloorSide, number>;
      for (const side of order) out[side] = await run(side, clips);
      return out;
    },
    close: () => database.close(),
  };
}
