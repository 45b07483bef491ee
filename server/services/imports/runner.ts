/**
 * The import worker: runs started imports in the background, a batch of entries per transaction. The
 * batch's saves, its entries' outcomes and the job's `processed` commit together, so after a restart the
 * job resumes at the first entry no commit covered: every link is handled exactly once. Between batches
 * it yields to the event loop, so searches and clips are answered while a large import runs.
 *
 * What was weighed (100,000 bookmarks, a machine shared at load 10 to 20): batches stay boxed at 5 ms,
 * as a search waits for the batch in progress; 20 ms batches took the search p95 during an import from
 * 2.35× to 5.06× its idle p95 on 30,000 links. What a commit costs is cut instead: the search rows are
 * written a thousand saves at a time (below), ids draw their randomness in bulk (server/core/ids.ts).
 * FTS5's automerge was left as it is: on its own, 100,000 rows in transactions of 300 took 1.4 s with the
 * default and 2.0 s with automerge 16 or 0, and searches over more segments are slower.
 */
import { CreateItemRequest } from "../../../shared/schemas";
import { LIMITS } from "../../../shared/vocabulary";
import { isoNow, type ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import {
  advanceImport,
  endImport,
  entriesFrom,
  runningImportIds,
  runStateOf,
  savesOfEntries,
  setEntryOutcomes,
  type EntryOutcome,
  type EntryOutcomeRow,
  type EntryRow,
  type RunState,
} from "../../db/repositories/imports/jobs";
import { refreshStatistics } from "../../db/upkeep/statistics";
import { transaction } from "../../db/statements";
import { membershipsOf } from "../accounts/accounts";
import { indexImportedSaves, storeImportedSaves, type ImportedSave } from "../library/import-saves";
import { siteOf } from "./page-reader";
import { checkAddress, labelsOf, type SkipReason } from "./review";

export interface ImportWorkerOptions {
  /** How often the worker looks for started imports. */
  pollIntervalMs: number;
  /** The most entries per transaction; fewer when the batch would hold the database too long. */
  batchSize: number;
  /** A pause between batches (tests slow an import down to stop the server in the middle of it). */
  pauseMs: number;
}

const yieldToRequests = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/** The person the import writes as: their memberships of now, so a circle they left is refused per link. */
function importer(ctx: ServiceContext, userId: string): SignedInViewer {
  return { kind: "user", user: { id: userId, name: "", email: null, roles: [] }, ...membershipsOf(ctx, userId), tokenId: "" };
}

const clipTag = (tag: string) => tag.slice(0, LIMITS.tag);

/** What one entry becomes: the file's title, date, tags and note, its folders as tags too, and the mapped themes. */
function saveOf(job: RunState, entry: EntryRow) {
  const themes = new Set<string>(entry.fileSave?.themes);
  // Exports (issue 16): a save from Knooppunt's own export keeps its themes and, when found here, its circle.
  if (!entry.fileSave) for (const label of labelsOf(entry)) for (const slug of job.themeMapping[label] ?? []) themes.add(slug);
  const circle = entry.fileSave?.circle ?? { visibility: job.visibility!, schoolId: job.schoolId, communityId: job.communityId };
  const tags = [...new Set([...entry.folder, ...entry.tags].map(clipTag))].slice(0, LIMITS.tags);
  return CreateItemRequest.safeParse({
    url: entry.url.trim(),
    ...(entry.title ? { title: entry.title.slice(0, LIMITS.title) } : {}),
    ...(entry.kind ? { kind: entry.kind } : {}),
    themes: [...themes].slice(0, LIMITS.themes),
    tags,
    ...(entry.note ? { note: entry.note.slice(0, LIMITS.note) } : {}),
    ...circle,
  });
}

/** Why an entry is skipped before anything is written, or the save it becomes. */
function prepareEntry(job: RunState, entry: EntryRow): { reason: string } | { save: ImportedSave } {
  if (entry.skipReason) return { reason: entry.skipReason };
  const checked = checkAddress(entry.url.trim());
  if ("reason" in checked) return { reason: checked.reason };
  const input = saveOf(job, entry);
  if (!input.success) return { reason: "invalid_url" satisfies SkipReason };
  return { save: { input: input.data, ...(entry.addedAt ? { savedAt: entry.addedAt } : {}) } };
}

/** An import this large re-analyses the database when it ends (server/db/upkeep/statistics.ts). */
const LARGE_IMPORT = 1000;

/**
 * The search rows of an import's new saves are written after the saves: for the saves of the last
 * INDEX_EVERY positions at once, and for the rest in the transaction that ends the job, so a job is done
 * only when everything it saved is findable. Written with each small batch, every commit also wrote a new
 * FTS5 segment and merged older ones: on 30,000 links that was a third of the time spent in batches
 * (30.8 s against 19.3 s without the rows, under load 13), while the rows on their own, a thousand per
 * transaction, cost little. The saves that may still lack a row are thereby among the last
 * UNINDEXED_WINDOW positions before `processed`, whatever happened: a job resumed after a restart, or
 * cancelled, writes what is missing there (indexMissingSaves adds only what is absent: never a row twice).
 */
const INDEX_EVERY = 1000;
/** The first part of those rows written at once (see ImportWorker.indexOwed). */
const MIN_INDEX_PART = 200;
/** The largest batch whatever the configured cap: the window of saves that may lack a row depends on it. */
const MAX_BATCH = 2000;
const UNINDEXED_WINDOW = INDEX_EVERY + MAX_BATCH;

/** Writes the search rows the job's last positions may still lack, in the caller's transaction. */
export function indexImportTail(ctx: ServiceContext, job: Pick<RunState, "id" | "userId" | "processed">): number {
  return indexImportedSaves(ctx, savesOfEntries(ctx, job.id, job.userId, Math.max(0, job.processed - UNINDEXED_WINDOW), job.processed));
}

type Batch = { handled: number; next: number; saveSeqs: number[] } | "finished" | null;

/**
 * Runs one batch of up to `size` entries in one transaction: how many it handled, the position after
 * them and the saves it wrote (their search rows still to be written); "finished" when no entry is left,
 * null when the job has nothing more to do (cancelled or gone).
 */
function runBatch(ctx: ServiceContext, id: string, size: number): Batch {
  return transaction(ctx, (): Batch => {
    const job = runStateOf(ctx, id);
    if (!job || job.status !== "running") return null;
    const entries = entriesFrom(ctx, id, job.processed, size);
    if (entries.length === 0) return "finished";
    const prepared = entries.map((entry) => prepareEntry(job, entry));
    const saves = prepared.flatMap((p) => ("save" in p ? [p.save] : []));
    const stored = storeImportedSaves(ctx, importer(ctx, job.userId), saves);
    const counts: Record<EntryOutcome, number> = { imported: 0, merged: 0, skipped: 0 };
    // Asked for at start and not stopped since (a stop holds for the links saved after it too).
    const readPages = job.readPages && !job.pagesStopped;
    const saveSeqs: number[] = [];
    let next = 0;
    const outcomes = entries.map((entry, i): EntryOutcomeRow => {
      const p = prepared[i]!;
      const done = "save" in p ? stored[next++]! : { outcome: "skipped" as const, reason: p.reason };
      counts[done.outcome]++;
      if (done.outcome === "skipped") return { position: entry.position, outcome: "skipped", itemId: null, skipReason: done.reason, pageState: null, pageSite: null };
      if (done.saveSeq !== null) saveSeqs.push(done.saveSeq);
      // Only a save this import wrote gets its page read: a link the person had saved keeps their save as it is.
      const due = readPages && done.saveSeq !== null;
      return { position: entry.position, outcome: done.outcome, itemId: done.itemId, skipReason: null, pageState: due ? "due" : null, pageSite: due ? siteOf(entry.url) : null };
    });
    setEntryOutcomes(ctx, id, outcomes);
    const after = entries[entries.length - 1]!.position + 1;
    advanceImport(ctx, id, after, counts, readPages ? saveSeqs.length : 0, isoNow(ctx));
    return { handled: entries.length, next: after, saveSeqs };
  });
}

/** Ends a job whose every entry is handled, with the search rows it still owed, in one transaction. */
function finishJob(ctx: ServiceContext, id: string, owed: readonly number[]) {
  let large = false;
  transaction(ctx, () => {
    const job = runStateOf(ctx, id);
    indexImportedSaves(ctx, owed);
    if (!job || job.status !== "running") return;
    large = job.processed >= LARGE_IMPORT;
    endImport(ctx, id, "done", isoNow(ctx));
  });
  // Thousands of new saves change which plan is best for the library's queries: re-analyse now, not in an hour.
  if (large) refreshStatistics(ctx.sqlite);
}

/**
 * How long one batch may hold the database. A search that arrives meanwhile waits for the batch to end,
 * so batches are sized by time, not count: the next batch's size follows from how fast the last one went.
 */
const BATCH_MS = 5;
/** The first batch's size, and the fewest a batch takes (unless capped lower): below it the commit costs more than the links. */
const MIN_BATCH = 20;

function nextBatchSize(size: number, handled: number, ms: number, max: number): number {
  if (handled < size) return size;
  const fitting = ms > 0 ? Math.floor((handled * BATCH_MS) / ms) : size * 2;
  // Grow gently (a slow first batch says little) and never past the configured cap.
  return Math.max(Math.min(MIN_BATCH, max), Math.min(max, fitting, size * 2));
}

export class ImportWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** How many search rows the next part of indexOwed writes: sized by how long the last one took. */
  private indexPart = MIN_INDEX_PART;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: ImportWorkerOptions,
  ) {}

  start() {
    this.tick();
  }

  private readonly tick = () => {
    this.timer = null;
    if (this.stopped) return;
    this.running = this.runAll().finally(() => {
      this.running = null;
      if (!this.stopped) {
        this.timer = setTimeout(this.tick, this.options.pollIntervalMs);
        this.timer.unref();
      }
    });
  };

  private async runAll() {
    for (const id of runningImportIds(this.ctx)) {
      // What the job saved and has not indexed yet: written every INDEX_EVERY positions, and when it ends.
      let owed: number[] = [];
      try {
        const job = runStateOf(this.ctx, id);
        if (!job || job.status !== "running") continue;
        // Resumed after a restart, the job may owe rows for its last batches before it: written first.
        transaction(this.ctx, () => indexImportTail(this.ctx, job));
        const max = Math.min(this.options.batchSize, MAX_BATCH);
        let size = Math.min(MIN_BATCH, max);
        let indexedTo = job.processed;
        while (!this.stopped) {
          const started = performance.now();
          const batch = runBatch(this.ctx, id, size);
          if (batch === "finished") {
            finishJob(this.ctx, id, owed);
            owed = [];
            break;
          }
          if (batch === null) break;
          owed.push(...batch.saveSeqs);
          if (batch.next - indexedTo >= INDEX_EVERY) {
            await yieldToRequests(this.options.pauseMs);
            await this.indexOwed(owed);
            owed = [];
            indexedTo = batch.next;
          }
          size = nextBatchSize(size, batch.handled, performance.now() - started, max);
          await yieldToRequests(this.options.pauseMs);
        }
        // Cancelled meanwhile: what it saved stays saved, and findable. Stopped: the next start writes them.
        if (!this.stopped && owed.length) transaction(this.ctx, () => indexImportedSaves(this.ctx, owed));
      } catch (error) {
        // A job that fails on its own data must not stop the others; it is marked failed, with what it did kept.
        console.error(`[knooppunt] import ${id} failed:`, error);
        const message = error instanceof Error ? error.message : String(error);
        // Ended and its last saves indexed in one transaction: a failed job is never picked up again, so a
        // row left out here would stay missing. Only when indexing fails too is the job ended without it.
        try {
          transaction(this.ctx, () => {
            const job = runStateOf(this.ctx, id);
            if (job) indexImportTail(this.ctx, job);
            endImport(this.ctx, id, "failed", isoNow(this.ctx), message);
          });
        } catch (indexing) {
          console.error(`[knooppunt] import ${id}: its last saves could not be indexed:`, indexing);
          endImport(this.ctx, id, "failed", isoNow(this.ctx), message);
        }
      }
    }
  }

  /**
   * Writes the search rows the last batches owe in parts sized, like the batches, to hold the database
   * about BATCH_MS each, yielding between them: a thousand rows in one transaction held a search that
   * came in meanwhile for 10–20 ms (p50 9.5, p95 18 ms), and those waits set the p95 of the searches
   * during an import: 11.7 ms in one transaction against 9.6 ms in parts (100,000 links, 3 rounds each,
   * end to end 24.7 against 23.6 s; parts of a fixed 250 rows cost 2 s more: smaller FTS5 segments to
   * merge). Stopped halfway, the rest is written at the next start (UNINDEXED_WINDOW).
   */
  private async indexOwed(owed: readonly number[]) {
    for (let from = 0; from < owed.length && !this.stopped; ) {
      const started = performance.now();
      const part = owed.slice(from, from + this.indexPart);
      transaction(this.ctx, () => indexImportedSaves(this.ctx, part));
      from += part.length;
      this.indexPart = nextBatchSize(this.indexPart, part.length, performance.now() - started, INDEX_EVERY);
      if (from < owed.length) await yieldToRequests(this.options.pauseMs);
    }
  }

  /** Stops after the batch in progress; the job stays running and resumes at the next start. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
