/**
 * Bringing links in: choose a file, review what was found, confirm the themes and the one circle, follow
 * the import while it runs (or stop it), download its report; beside it the person's earlier imports.
 * The web app loads this screen on its own (/app/import), so the library's first screen does not carry it.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { UiLanguage } from "../../../shared/i18n";
import { translateImport } from "../../../shared/i18n/extension/imports/import-screens";
import type { ImportFormat, ImportJob, Theme } from "../../../shared/schemas";
import type { Visibility } from "../../../shared/vocabulary";
import { newIdempotencyKey, type KnooppuntApi } from "../../lib/api";
import { describeError } from "../../lib/api-error";
import type { Session } from "../../lib/storage";
import type { ImportTranslate } from "./import-text";
import { ImportList } from "./ImportList";
import { ImportProgress } from "./ImportProgress";
import { ImportReview } from "./ImportReview";
import "./imports.css";
import { saveFile } from "../exports/save-file";

export interface ImportScreenProps {
  api: KnooppuntApi;
  session: Session;
  language: UiLanguage;
  themes: Theme[];
  /** The circle the review starts with: the person's default, private unless they chose otherwise. */
  defaultVisibility: Visibility;
  /** Where "to the library" goes. */
  libraryHref: string;
}

const FORMATS: ImportFormat[] = ["netscape", "csv", "raindrop", "pocket", "karakeep", "linkwarden", "zip"];

export function ImportScreen({ api, session, language, themes, defaultVisibility, libraryHref }: ImportScreenProps) {
  const t = useMemo<ImportTranslate>(() => (key, params) => translateImport(language, key, params), [language]);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const stage = job === null ? "choose" : job.status === "reviewing" ? "review" : "progress";

  // Each step's heading takes the focus, so a screen reader hears where the import is now.
  useEffect(() => {
    if (job !== null) heading.current?.focus();
  }, [stage, job?.id]);

  const show = (next: ImportJob | null) => {
    setJob(next);
    setListVersion((v) => v + 1);
  };

  const download = async (importId: string) => {
    const { blob, filename } = await api.importReport(importId);
    saveFile(blob, filename);
  };

  return (
    <div class="imports" data-testid="import-screen">
      <h1>{t("import.title")}</h1>
      <p class="hint">{t("import.intro")}</p>
      {stage === "choose" && <ChooseFile api={api} t={t} onUploaded={show} />}
      {stage === "review" && job && (
        <ImportReview
          key={job.id}
          api={api}
          session={session}
          language={language}
          themes={themes}
          t={t}
          job={job}
          defaultVisibility={defaultVisibility}
          heading={heading}
          onChange={show}
          onDiscarded={() => show(null)}
        />
      )}
      {stage === "progress" && job && (
        <ImportProgress
          api={api}
          t={t}
          job={job}
          heading={heading}
          libraryHref={libraryHref}
          onChange={(next) => (next.status === job.status ? setJob(next) : show(next))}
          onDownload={() => download(job.id)}
          onAnother={() => show(null)}
        />
      )}
      <ImportList api={api} t={t} language={language} version={listVersion} onOpen={(opened) => setJob(opened)} onDownload={download} />
    </div>
  );
}

/** The file and, when the server should not guess, what kind of file it is. */
function ChooseFile({ api, t, onUploaded }: { api: KnooppuntApi; t: ImportTranslate; onUploaded(job: ImportJob): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat | "">("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per chosen file: sending it again after a lost answer gives the same import, not a second.
  const key = useRef(newIdempotencyKey());

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(t("import.choose.none"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onUploaded(await api.uploadImport(file, { format: format || undefined, name: file.name }, key.current));
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="import-step" onSubmit={submit} aria-labelledby="import-choose-heading" aria-busy={busy}>
      <h2 id="import-choose-heading">{t("import.choose.heading")}</h2>
      <div class="field">
        <label for="import-file">{t("import.choose.file")}</label>
        <input
          id="import-file"
          type="file"
          accept=".html,.htm,.csv,.json,.zip,text/html,text/csv,application/json,application/zip"
          aria-describedby="import-formats"
          onChange={(e) => {
            setFile((e.target as HTMLInputElement).files?.[0] ?? null);
            key.current = newIdempotencyKey();
            setError(null);
          }}
        />
        <p class="hint" id="import-formats">
          {t("import.choose.formats")}
        </p>
      </div>
      <div class="field">
        <label for="import-format">{t("import.choose.format")}</label>
        <select id="import-format" value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as ImportFormat | "")}>
          <option value="">{t("import.format.auto")}</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`import.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p class="notice error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div class="row import-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t("import.choose.reading") : t("import.choose.submit")}
        </button>
      </div>
    </form>
  );
}
