/**
 * The import worker: runs started imports in the background, a batch of entries per transaction. The
 * batch's saves, its entries' outcomes and the job's `processed` commit together, so after a restart the
 * job resumes at the first entry no commit covered: every link is handled exactly once. Between batches
 * it yields to the event loop, so searches and clips are answered while a large import runs.
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
  setEntryOutcomes,
  type EntryOutcome,
  type EntryOutcomeRow,
  type EntryRow,
  type RunState,
} from "../../db/repositories/imports/jobs";
import { refreshStatistics } from "../../db/statistics";
import { transaction } from "../../db/statements";
import { membershipsOf } from "../accounts/accounts";
import { storeImportedSaves, type ImportedSave } from "../library/import-saves";
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

/** An import this large re-analyses the database when it ends (server/db/statistics.ts). */
const LARGE_IMPORT = 1000;

/**
 * Runs one batch of up to `size` entries in one transaction; how many it handled, or null when the job has
 * nothing left to do (finished, cancelled, or gone).
 */
function runBatch(ctx: ServiceContext, id: string, size: number): number | null {
  let finishedLarge = false;
  const handled = transaction(ctx, () => {
    const job = runStateOf(ctx, id);
    if (!job || job.status !== "running") return null;
    const entries = entriesFrom(ctx, id, job.processed, size);
    if (entries.length === 0) {
      endImport(ctx, id, "done", isoNow(ctx));
      finishedLarge = job.processed >= LARGE_IMPORT;
      return null;
    }
    const prepared = entries.map((entry) => prepareEntry(job, entry));
    const saves = prepared.flatMap((p) => ("save" in p ? [p.save] : []));
    const stored = storeImportedSaves(ctx, importer(ctx, job.userId), saves);
    const counts: Record<EntryOutcome, number> = { imported: 0, merged: 0, skipped: 0 };
    let next = 0;
    const outcomes = entries.map((entry, i): EntryOutcomeRow => {
      const p = prepared[i]!;
      const done = "save" in p ? stored[next++]! : { outcome: "skipped" as const, reason: p.reason };
      counts[done.outcome]++;
      return done.outcome === "skipped"
        ? { position: entry.position, outcome: "skipped", itemId: null, skipReason: done.reason }
        : { position: entry.position, outcome: done.outcome, itemId: done.itemId, skipReason: null };
    });
    setEntryOutcomes(ctx, id, outcomes);
    advanceImport(ctx, id, entries[entries.length - 1]!.position + 1, counts, isoNow(ctx));
    return entries.length;
  });
  // Thousands of new saves change which plan is best for the library's queries: re-analyse now, not in an hour.
  if (finishedLarge) refreshStatistics(ctx.sqlite);
  return handled;
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
      try {
        let size = Math.min(MIN_BATCH, this.options.batchSize);
        while (!this.stopped) {
          const started = performance.now();
          const handled = runBatch(this.ctx, id, size);
          if (handled === null) break;
          size = nextBatchSize(size, handled, performance.now() - started, this.options.batchSize);
          await yieldToRequests(this.options.pauseMs);
        }
      } catch (error) {
        // A job that fails on its own data must not stop the others; it is marked failed, with what it did kept.
        console.error(`[knooppunt] import ${id} failed:`, error);
        endImport(this.ctx, id, "failed", isoNow(this.ctx), error instanceof Error ? error.message : String(error));
      }
    }
  }

  /** Stops after the batch in progress; the job stays running and resumes at the next start. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
