/** The person's earlier imports, newest first: open one to finish its review or see its outcome. */
import { useEffect, useState } from "preact/hooks";
import type { UiLanguage } from "../../../shared/i18n";
import type { ImportJob, ImportSummary } from "../../../shared/schemas";
import type { KnooppuntApi } from "../../lib/api";
import type { ImportTranslate } from "./import-text";
import { describeError, isAbort } from "../../lib/api-error";
import { formatDate } from "../../lib/format";

interface Props {
  api: KnooppuntApi;
  t: ImportTranslate;
  language: UiLanguage;
  /** A new value reads the list again (an import was made, started or ended). */
  version: number;
  onOpen(job: ImportJob): void;
  onDownload(importId: string): Promise<void>;
}

export function ImportList({ api, t, language, version, onOpen, onDownload }: Props) {
  const [list, setList] = useState<ImportSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.imports(null, controller.signal).then(
      (page) => {
        setList(page.list);
        setNext(page.nextCursor);
      },
      (failure) => !isAbort(failure) && setError(describeError(failure, t)),
    );
    return () => controller.abort();
  }, [version]);

  const more = () =>
    void api.imports(next).then(
      (page) => {
        setList((shown) => [...(shown ?? []), ...page.list]);
        setNext(page.nextCursor);
      },
      (failure) => setError(describeError(failure, t)),
    );

  const open = (id: string) => void api.importJob(id).then(onOpen, (failure) => setError(describeError(failure, t)));

  return (
    <section class="import-list" aria-labelledby="import-list-heading" data-testid="import-list">
      <h2 id="import-list-heading">{t("import.list.heading")}</h2>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p class="hint">{t("import.loading")}</p>}
      {list?.length === 0 && <p class="hint">{t("import.list.empty")}</p>}
      {list && list.length > 0 && (
        <ul>
          {list.map((job) => {
            const name = job.fileName ?? t("import.list.unnamed");
            return (
              <li key={job.id} data-testid="import-list-entry" data-status={job.status}>
                <button type="button" class="link-button" aria-label={t("import.list.open", { name })} onClick={() => open(job.id)}>
                  {name}
                </button>
                <p class="hint">
                  {t("import.list.summary", {
                    date: formatDate(language, job.createdAt, true),
                    status: t(`import.status.${job.status}` as const),
                    ...job.progress,
                  })}
                </p>
                {job.status !== "reviewing" && (
                  <button type="button" class="small-button" aria-label={t("import.list.report", { name })} onClick={() => void onDownload(job.id).catch((failure) => setError(describeError(failure, t)))}>
                    {t("import.report.download")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {next && (
        <button type="button" class="button secondary" onClick={more}>
          {t("import.list.more")}
        </button>
      )}
    </section>
  );
}
