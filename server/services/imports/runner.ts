/**
 * The import worker: runs started imports in the background, a batch of entries per transaction. The
 * batch's saves, its entries' outcomes and the job's `processed` commit together, so after a restart the
 * job resumes at the first entry no commit covered: every link is handled exactly once. Between batches
 * it yields to the event loop, so searches and clips are answered while a large import runs.
 */
import { CreateItemRequest } from "../../../shared/schemas";
import { LIMITS } from "../../../shared/vocabulary";
import { isoNow, type ServiceContext } from "../../core/context";
import { DomainError } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import {
  advanceImport,
  endImport,
  entriesFrom,
  itemIdOfSeq,
  runningImportIds,
  runStateOf,
  setEntryOutcome,
  type EntryOutcome,
  type EntryRow,
  type RunState,
} from "../../db/repositories/imports/jobs";
import { itemSeqByKey, ownSave } from "../../db/repositories/library/items";
import { refreshStatistics } from "../../db/statistics";
import { transaction } from "../../db/statements";
import { membershipsOf } from "../accounts/accounts";
import { storeSave } from "../library/saves";
import { checkAddress, labelsOf, type SkipReason } from "./review";

export interface ImportWorkerOptions {
  /** How often the worker looks for started imports. */
  pollIntervalMs: number;
  /** Entries per transaction. */
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

function importEntry(ctx: ServiceContext, job: RunState, viewer: SignedInViewer, entry: EntryRow): { outcome: EntryOutcome; itemId: string | null; reason: string | null } {
  if (entry.skipReason) return { outcome: "skipped", itemId: null, reason: entry.skipReason };
  const checked = checkAddress(entry.url.trim());
  if ("reason" in checked) return { outcome: "skipped", itemId: null, reason: checked.reason };
  // A link the person saved before keeps their save as they made it: the import only reports the merge.
  const known = itemSeqByKey(ctx, checked.key);
  if (known !== null && ownSave(ctx, known, job.userId) !== undefined) return { outcome: "merged", itemId: itemIdOfSeq(ctx, known), reason: null };
  const input = saveOf(job, entry);
  if (!input.success) return { outcome: "skipped", itemId: null, reason: "invalid_url" satisfies SkipReason };
  try {
    // storeSave's own transaction is a savepoint inside the batch: a link that fails rolls back alone.
    const { itemSeq, existing } = storeSave(ctx, viewer, input.data, entry.addedAt ?? undefined);
    return { outcome: existing ? "merged" : "imported", itemId: itemIdOfSeq(ctx, itemSeq), reason: null };
  } catch (error) {
    if (error instanceof DomainError && error.kind === "forbidden") return { outcome: "skipped", itemId: null, reason: "not_allowed" satisfies SkipReason };
    if (error instanceof DomainError && error.kind === "invalid") return { outcome: "skipped", itemId: null, reason: "invalid_url" satisfies SkipReason };
    throw error;
  }
}

/** An import this large re-analyses the database when it ends (server/db/statistics.ts). */
const LARGE_IMPORT = 1000;

/** Runs one batch; false when the job has nothing left to do (finished, cancelled, or gone). */
function runBatch(ctx: ServiceContext, id: string, batchSize: number): boolean {
  let finishedLarge = false;
  const more = transaction(ctx, () => {
    const job = runStateOf(ctx, id);
    if (!job || job.status !== "running") return false;
    const entries = entriesFrom(ctx, id, job.processed, batchSize);
    if (entries.length === 0) {
      endImport(ctx, id, "done", isoNow(ctx));
      finishedLarge = job.processed >= LARGE_IMPORT;
      return false;
    }
    const viewer = importer(ctx, job.userId);
    const counts: Record<EntryOutcome, number> = { imported: 0, merged: 0, skipped: 0 };
    for (const entry of entries) {
      const done = importEntry(ctx, job, viewer, entry);
      counts[done.outcome]++;
      setEntryOutcome(ctx, id, entry.position, done.outcome, done.itemId, done.reason);
    }
    advanceImport(ctx, id, entries[entries.length - 1]!.position + 1, counts, isoNow(ctx));
    return true;
  });
  // Thousands of new saves change which plan is best for the library's queries: re-analyse now, not in an hour.
  if (finishedLarge) refreshStatistics(ctx.sqlite);
  return more;
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
        while (!this.stopped && runBatch(this.ctx, id, this.options.batchSize)) await yieldToRequests(this.options.pauseMs);
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
