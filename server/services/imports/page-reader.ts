/**
 * Reads the pages of an import's new saves afterwards, to fill in what the file did not hold (summary,
 * image, site, author, date, language, the page's text for search, its kind): the same server-side read
 * as the web app's clip form (services/pages), under the same address rules, and the same extraction as
 * the extension. A link that came from a file then looks and is found like one clipped from its page.
 *
 * Knooppunt asks other people's sites for these pages, many at once for a large file, so it asks
 * politely: one page at a time per site with a pause between two (`hostIntervalMs`), a few sites at once
 * (`concurrency`), imports taking turns so a large one does not hold up a small one, its name in the
 * User-Agent. What a page cannot give (a refusal, a 404, a site that does not answer) is recorded per
 * link for the report, and the link stays as the file had it. Which pages are still due is kept in the
 * database (import_entries.page_state), so a restart goes on where the last one stopped; a page being read
 * when the server stops is read again.
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { findPupilDataIn } from "../../../shared/privacy/pupil-data";
import type { ServiceContext } from "../../core/context";
import { DomainError } from "../../core/errors";
import { duePages, endPageRead, importsWithDuePages, isPageDue, type DuePage } from "../../db/repositories/imports/pages";
import { transaction } from "../../db/statements";
import { fillSaveFromPage } from "../library/saves";
import { readPageFacts } from "../pages/facts";
import type { PageFetchSettings } from "../pages/settings";

export interface ImportPageOptions {
  /** IMPORT_READ_PAGES: whether an import may read its pages at all (the person chooses per import). */
  enabled: boolean;
  /** Pages read at the same time, on different sites. */
  concurrency: number;
  /** The pause between the end of one page's read and the start of the next on the same site. */
  hostIntervalMs: number;
  /** How often the reader looks for new pages when it has none. */
  pollIntervalMs: number;
}

export const IMPORT_PAGE_DEFAULTS: ImportPageOptions = { enabled: true, concurrency: 4, hostIntervalMs: 2000, pollIntervalMs: 1000 };

/**
 * How many due entries per import are looked at for a site that may be asked now: a file's links often
 * come a site at a time (a folder of videos), and the other sites further on should not wait for them.
 */
const WINDOW = 1000;
/** How long a stop waits for reads to let go (a name lookup cannot be cut off); later ones write nothing. */
const STOP_WAIT_MS = 1000;

const keyOf = (page: DuePage) => `${page.importId}:${page.position}`;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export class ImportPageReader {
  private readonly controller = new AbortController();
  private readonly reads = new Set<Promise<void>>();
  /** Entries being read now, as `importId:position`: still due in the database until their read ends. */
  private readonly reading = new Set<string>();
  /** Per site, when it may be asked again (Infinity while one of its pages is being read). */
  private readonly siteFree = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private turn = 0;
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly settings: PageFetchSettings,
    private readonly options: ImportPageOptions,
  ) {}

  start() {
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.fill, ms);
    this.timer.unref();
  }

  /** Starts reads until every place is taken or no due page's site may be asked now; then waits for the first that may. */
  private readonly fill = () => {
    this.timer = null;
    if (this.stopped) return;
    const wait = { ms: this.options.pollIntervalMs };
    try {
      const jobs = importsWithDuePages(this.ctx);
      const windows = new Map<string, DuePage[]>();
      // Imports take turns, a page each, starting one further every time, so they share the places.
      for (let launched = true; launched && this.reads.size < this.options.concurrency; ) {
        launched = false;
        for (let i = 0; i < jobs.length && this.reads.size < this.options.concurrency; i++) {
          const job = jobs[(this.turn + i) % jobs.length]!;
          let window = windows.get(job.id);
          if (!window) windows.set(job.id, (window = duePages(this.ctx, job.id, job.userId, -1, WINDOW)));
          const page = this.nextReadable(window, wait);
          if (page) {
            this.launch(page);
            launched = true;
          }
        }
      }
      this.turn++;
    } catch (error) {
      console.error("[knooppunt] looking for import pages to read failed:", error);
    }
    this.schedule(Math.max(0, Math.ceil(wait.ms)));
  };

  /** Takes the first page of the window whose site may be asked now; notes in `wait` when the next site comes free. */
  private nextReadable(window: DuePage[], wait: { ms: number }): DuePage | null {
    const now = performance.now();
    for (let i = 0; i < window.length; i++) {
      const page = window[i]!;
      if (this.reading.has(keyOf(page))) continue;
      if (page.saveSeq === null) {
        // The person removed the save before its page came up: nothing to fill.
        endPageRead(this.ctx, page.importId, page.position, "dropped", null);
        window.splice(i--, 1);
        continue;
      }
      const free = this.siteFree.get(hostOf(page.url)) ?? 0;
      if (free <= now) return window.splice(i, 1)[0]!;
      if (free !== Infinity) wait.ms = Math.min(wait.ms, free - now);
    }
    return null;
  }

  private launch(page: DuePage) {
    const key = keyOf(page);
    const site = hostOf(page.url);
    this.reading.add(key);
    this.siteFree.set(site, Infinity);
    const read = this.read(page).finally(() => {
      this.reading.delete(key);
      this.siteFree.set(site, performance.now() + this.options.hostIntervalMs);
      this.reads.delete(read);
      // A place came free: fill it now rather than at the next poll.
      this.schedule(0);
    });
    this.reads.add(read);
  }

  private async read(page: DuePage) {
    let outcome: { state: "read" | "failed"; error: string | null; filled?: ExtractedPage };
    try {
      const read = await readPageFacts(page.url, this.settings, this.controller.signal);
      // What the extension asks its person about (page text that looks like pupil data) is left out here,
      // where nobody is asked: the rest of the page's facts are filled in, and the report says why the text is not.
      outcome = findPupilDataIn({ text: read.text }).length ? { state: "read", error: "text_left_out", filled: { ...read, text: null } } : { state: "read", error: null, filled: read };
    } catch (error) {
      // Stopping: the page stays due and is read at the next start.
      if (this.stopped) return;
      if (error instanceof DomainError && error.code.startsWith("page_")) outcome = { state: "failed", error: error.code.slice("page_".length) };
      else {
        console.error(`[knooppunt] reading ${page.url} for an import failed:`, error);
        outcome = { state: "failed", error: "unreadable" };
      }
    }
    if (this.stopped) return;
    try {
      transaction(this.ctx, () => {
        // Checked again in the transaction: the person may have stopped the reading or removed the save meanwhile.
        if (!isPageDue(this.ctx, page.importId, page.position)) return;
        if (outcome.filled) {
          const filled = fillSaveFromPage(this.ctx, page.saveSeq!, outcome.filled, page.untitled);
          if (filled === "gone") endPageRead(this.ctx, page.importId, page.position, "dropped", null);
          else endPageRead(this.ctx, page.importId, page.position, filled === "filled" ? "read" : "failed", filled === "filled" ? outcome.error : "unusable");
        } else endPageRead(this.ctx, page.importId, page.position, outcome.state, outcome.error);
      });
    } catch (error) {
      console.error(`[knooppunt] storing the page of ${page.url} failed:`, error);
    }
  }

  /** Stops: reads in flight are cut off and stay due for the next start. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort(new Error("the server is stopping"));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.reads]), new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
  }
}
