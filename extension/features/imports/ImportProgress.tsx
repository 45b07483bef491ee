/** A running import's progress, polled until it ends; then what happened and the report to download. */
import { useEffect, useState, type MutableRef } from "preact/hooks";
import type { ImportJob } from "../../../shared/schemas";
import type { KnooppuntApi } from "../../lib/api";
import type { ImportTranslate } from "./import-text";
import { describeError, isAbort } from "../../lib/api-error";

interface Props {
  api: KnooppuntApi;
  t: ImportTranslate;
  job: ImportJob;
  heading: MutableRef<HTMLHeadingElement | null>;
  libraryHref: string;
  onChange(job: ImportJob): void;
  onDownload(): Promise<void>;
  onAnother(): void;
}

const POLL_MS = 1000;
/** Pages are read a few a minute per site: a slower look is enough once the links themselves are saved. */
const PAGES_POLL_MS = 3000;

export function ImportProgress({ api, t, job, heading, libraryHref, onChange, onDownload, onAnother }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = job.status === "running";
  const { total, processed, imported, merged, skipped } = job.progress;
  const pages = job.pages ?? null;
  const readingPages = pages !== null && !pages.stopped && pages.due > 0 && job.status !== "cancelled";
  // Pages can still be stopped while the import runs (its next links would be read too) or pages are due.
  const canStopPages = pages !== null && !pages.stopped && job.status !== "cancelled" && (running || pages.due > 0);
  // A failed look (a laptop waking up, a moment offline) is tried again: reading pages can take hours.
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (!running && !readingPages) return;
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        api.importJob(job.id, controller.signal).then(
          (next) => {
            setError(null);
            setRetry(0);
            onChange(next);
          },
          (failure) => {
            if (isAbort(failure)) return;
            setError(describeError(failure, t));
            setRetry((n) => n + 1);
          },
        );
      },
      running ? POLL_MS : PAGES_POLL_MS * Math.min(1 + retry, 10),
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job, retry]);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const title = running ? "import.progress.heading" : job.status === "done" ? "import.done.heading" : job.status === "cancelled" ? "import.cancelled.heading" : "import.failed.heading";
  return (
    <section class="import-step" aria-labelledby="import-progress-heading" data-testid="import-progress" data-status={job.status}>
      <h2 id="import-progress-heading" tabIndex={-1} ref={heading}>
        {t(title)}
      </h2>
      <progress max={Math.max(total, 1)} value={processed} aria-labelledby="import-progress-count" />
      <p id="import-progress-count">{t("import.progress.count", { processed, total })}</p>
      <p data-testid="import-outcome" role="status">
        {t("import.progress.counts", { imported, merged, skipped })}
      </p>
      {pages && (
        <div data-testid="import-pages" data-due={pages.due} data-stopped={pages.stopped}>
          <p role="status">
            {(!pages.stopped || pages.read + pages.failed > 0) && (
              <>
                {t("import.pages.count", { read: pages.read, total: pages.read + pages.failed + pages.due })}
                {pages.failed > 0 && <>; {t("import.pages.failed", { failed: pages.failed })}</>}
                {pages.stopped && ". "}
              </>
            )}
            {pages.stopped && t("import.pages.stopped")}
          </p>
          {canStopPages && (
            <div class="row import-actions">
              {readingPages && !running && <span class="hint">{t("import.pages.busy")}</span>}
              <button type="button" class="button secondary" disabled={busy} onClick={() => void act(async () => onChange(await api.stopImportPages(job.id)))}>
                {t("import.pages.stop")}
              </button>
            </div>
          )}
        </div>
      )}
      {job.error && <p class="notice error">{job.error}</p>}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {running ? (
        <div class="row import-actions">
          <button type="button" class="button secondary" disabled={busy} onClick={() => void act(async () => onChange(await api.cancelImport(job.id)))}>
            {t("import.progress.cancel")}
          </button>
          <span class="hint">{t("import.progress.cancelHint")}</span>
        </div>
      ) : (
        <>
          <p class="hint">{t("import.report.hint")}</p>
          <div class="row import-actions">
            <button type="button" class="button" disabled={busy} onClick={() => void act(onDownload)}>
              {t("import.report.download")}
            </button>
            <a class="button secondary" href={libraryHref}>
              {t("import.toLibrary")}
            </a>
            <button type="button" class="link-button" onClick={onAnother}>
              {t("import.another")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
