/**
 * Reads the pages of an import's new saves afterwards, to fill in what the file did not hold (summary,
 * image, site, author, date, language, the page's text for search, its kind): the same server-side read
 * as the web app's clip form (services/pages), under the same address rules, and the same extraction as
 * the extension. A link that came from a file then looks and is found like one clipped from its page.
 *
 * Knooppunt asks other people's sites for these pages, many for a large file, so it asks politely: one
 * page at a time per site with a pause between two (`hostIntervalMs`; a site is its host without `www.`),
 * a few sites at once (`concurrency`), imports taking turns so a large one does not hold up a small one,
 * its name in the User-Agent. One person's imports start at most a page per `personIntervalMs`, the pace
 * the web app's clip form allows a person, so an import is no way around that limit.
 * An operator's allow-listed private hosts (PAGE_FETCH_ALLOW_HOSTS, an intranet) are read only for a save
 * in a private or school circle: the clip form shows a page's facts before its person picks the circle,
 * an import does not, and an intranet page's text should not reach the network unseen.
 * What a page cannot give (a refusal, a 404, a site that does not answer) is recorded per link for the
 * report, and the link stays as the file had it. Page text that looks like pupil data is left out (the
 * extension asks its person; here nobody is asked). Which pages are still due is kept in the database
 * (import_entries.page_state), so a restart goes on where the last one stopped; a page being read when
 * the server stops is read again.
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { findPupilDataIn } from "../../../shared/privacy/pupil-data";
import { siteHost } from "../../../shared/url";
import type { ServiceContext } from "../../core/context";
import { DomainError } from "../../core/errors";
import { endPageRead, importsWithDuePages, isPageDue, nextDuePage, type DuePage } from "../../db/repositories/imports/pages";
import { transaction } from "../../db/statements";
import { fillSaveFromPage } from "../library/saves";
import { readPageFacts } from "../pages/facts";
import type { PageFetchSettings } from "../pages/settings";

/** How politely pages are read; whether they are read at all is the installation's (ctx.importReadsPages). */
export interface ImportPageOptions {
  /** Pages read at the same time, on different sites. */
  concurrency: number;
  /** The pause between the end of one page's read and the start of the next on the same site. */
  hostIntervalMs: number;
  /** The least time between two pages started for the same person's imports. */
  personIntervalMs: number;
  /** How often the reader looks for new pages when it has none. */
  pollIntervalMs: number;
}

export const IMPORT_PAGE_DEFAULTS: ImportPageOptions = { concurrency: 4, hostIntervalMs: 2000, personIntervalMs: 2000, pollIntervalMs: 1000 };

/** How long a stop waits for reads to let go (a name lookup cannot be cut off); later ones write nothing. */
const STOP_WAIT_MS = 1000;

/** The site a page is on, for the pause between two of its pages: its host, without `www.`. */
export const siteOf = (url: string): string => siteHost(url) ?? "";

export class ImportPageReader {
  private readonly controller = new AbortController();
  private readonly reads = new Set<Promise<void>>();
  /** Per site, when it may be asked again (Infinity while one of its pages is being read). */
  private readonly siteFree = new Map<string, number>();
  /** Per person, when a page of theirs may be started again. */
  private readonly personFree = new Map<string, number>();
  /** The settings for a save outside a private or school circle: public addresses only. */
  private readonly publicOnly: PageFetchSettings;
  private timer: NodeJS.Timeout | null = null;
  private turn = 0;
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly settings: PageFetchSettings,
    private readonly options: ImportPageOptions,
  ) {
    this.publicOnly = { ...settings, allowHosts: [] };
  }

  start() {
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.fill, ms);
    this.timer.unref();
  }

  /** Starts reads until every place is taken or no due page may be started now; then waits for the first that may. */
  private readonly fill = () => {
    this.timer = null;
    if (this.stopped) return;
    const now = performance.now();
    // What came free is forgotten, so the maps hold only the sites and people still waiting.
    for (const times of [this.siteFree, this.personFree]) for (const [key, free] of times) if (free <= now) times.delete(key);
    try {
      const jobs = importsWithDuePages(this.ctx);
      // Imports take turns, a page each, starting one further every time, so they share the places.
      for (let launched = true; launched && this.reads.size < this.options.concurrency; ) {
        launched = false;
        for (let i = 0; i < jobs.length && this.reads.size < this.options.concurrency; i++) {
          const job = jobs[(this.turn + i) % jobs.length]!;
          if (this.personFree.has(job.userId)) continue;
          const page = nextDuePage(this.ctx, job.id, job.userId, [...this.siteFree.keys()]);
          if (!page) continue;
          launched = true;
          // The person removed the save before its page came up: nothing to fill, and no place taken.
          if (page.saveSeq === null) transaction(this.ctx, () => endPageRead(this.ctx, page.importId, page.position, "dropped", null));
          else this.launch(page);
        }
      }
      this.turn++;
    } catch (error) {
      console.error("[knooppunt] looking for import pages to read failed:", error);
    }
    const waits = [...this.siteFree.values(), ...this.personFree.values()].filter((free) => free !== Infinity);
    this.schedule(Math.max(0, Math.ceil(Math.min(this.options.pollIntervalMs, ...waits.map((free) => free - performance.now())))));
  };

  private launch(page: DuePage) {
    this.siteFree.set(page.site, Infinity);
    if (this.options.personIntervalMs > 0) this.personFree.set(page.userId, performance.now() + this.options.personIntervalMs);
    const read = this.read(page).finally(() => {
      this.siteFree.set(page.site, performance.now() + this.options.hostIntervalMs);
      this.reads.delete(read);
      // A place came free: fill it now rather than at the next poll.
      this.schedule(0);
    });
    this.reads.add(read);
  }

  private async read(page: DuePage) {
    let outcome: { state: "read" | "failed"; error: string | null; filled?: ExtractedPage };
    try {
      const settings = page.visibility === "private" || page.visibility === "school" ? this.settings : this.publicOnly;
      const read = await readPageFacts(page.url, settings, this.controller.signal);
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
        if (!outcome.filled) return void endPageRead(this.ctx, page.importId, page.position, outcome.state, outcome.error);
        const filled = fillSaveFromPage(this.ctx, page.saveSeq!, page.userId, outcome.filled, { title: page.untitled, kind: page.guessedKind });
        if (filled === "gone") endPageRead(this.ctx, page.importId, page.position, "dropped", null);
        else if (filled === "unusable") endPageRead(this.ctx, page.importId, page.position, "failed", "unusable");
        else endPageRead(this.ctx, page.importId, page.position, "read", outcome.error);
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
