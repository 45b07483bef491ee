/**
 * The review before anything is saved: what the file holds, each folder and tag with its themes (the
 * suggestions chosen already, changeable), one circle for everything, and what will be skipped and why.
 */
import { useMemo, useState, type MutableRef } from "preact/hooks";
import { kindKey, visibilityKey, type UiLanguage } from "../../../shared/i18n";
import type { ImportJob, ItemKind, Theme } from "../../../shared/schemas";
import type { Visibility } from "../../../shared/vocabulary";
import { CircleChooser, circlesFor } from "../../components/CircleChooser";
import { ThemePicker } from "../../components/themes/ThemePicker";
import type { KnooppuntApi } from "../../lib/api";
import type { ImportKey } from "../../../shared/i18n/extension/imports/import-screens";
import type { ImportTranslate } from "./import-text";
import { ImportFromFile } from "./ImportFromFile";
import { describeError } from "../../lib/api-error";
import type { Session } from "../../lib/storage";

interface Props {
  api: KnooppuntApi;
  session: Session;
  language: UiLanguage;
  themes: Theme[];
  t: ImportTranslate;
  job: ImportJob;
  defaultVisibility: Visibility;
  heading: MutableRef<HTMLHeadingElement | null>;
  onChange(job: ImportJob): void;
  onDiscarded(): void;
}

const sameThemes = (a: string[], b: string[]) => a.length === b.length && a.every((slug) => b.includes(slug));

export function ImportReview({ api, session, language, themes, t, job, defaultVisibility, heading, onChange, onDiscarded }: Props) {
  const review = job.review;
  const [mapping, setMapping] = useState<Record<string, string[]>>(() => Object.fromEntries(review.labels.map((l) => [l.label, l.themes])));
  const circles = circlesFor(session);
  const [visibility, setVisibility] = useState<Visibility>(circles.includes(defaultVisibility) ? defaultVisibility : "private");
  const [schoolId, setSchoolId] = useState<string | null>(session.schools[0]?.id ?? null);
  const [communityId, setCommunityId] = useState<string | null>(session.communities[0]?.id ?? null);
  const [readPages, setReadPages] = useState(job.canReadPages === true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const skipped = Object.entries(review.skipped).filter(([, count]) => (count ?? 0) > 0);
  const kinds = Object.entries(review.kinds).filter(([, count]) => (count ?? 0) > 0) as [ItemKind, number][];

  const placeName = useMemo(() => {
    if (visibility === "school") return session.schools.find((s) => s.id === schoolId)?.name;
    if (visibility === "community") return session.communities.find((c) => c.id === communityId)?.name;
    return undefined;
  }, [visibility, schoolId, communityId, session]);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (failure) {
      setError(describeError(failure, t));
      setBusy(false);
    }
  };

  const start = (event: Event) => {
    event.preventDefault();
    // Only what the person changed goes along: a label left out keeps its suggestion on the server too.
    const changed = Object.fromEntries(review.labels.filter((l) => !sameThemes(mapping[l.label] ?? [], l.themes)).map((l) => [l.label, mapping[l.label] ?? []]));
    void act(async () =>
      onChange(
        await api.startImport(job.id, {
          visibility,
          schoolId: visibility === "school" ? schoolId : null,
          communityId: visibility === "community" ? communityId : null,
          themes: changed,
          // Asked only of a server that can: one whose operator switched it off refuses `true`.
          ...(job.canReadPages ? { readPages } : {}),
        }),
      ),
    );
  };

  const discard = () =>
    void act(async () => {
      await api.cancelImport(job.id);
      onDiscarded();
    });

  const circleName = placeName ? `${t(visibilityKey(visibility))} (${placeName})` : t(visibilityKey(visibility));
  return (
    <form class="import-step" onSubmit={start} aria-labelledby="import-review-heading" aria-busy={busy} data-testid="import-review">
      <h2 id="import-review-heading" tabIndex={-1} ref={heading}>
        {t("import.review.heading")}
      </h2>
      <p data-testid="import-found">{t("import.review.found", { links: review.links, file: job.fileName ?? t("import.list.unnamed") })}</p>
      <dl class="import-counts" data-testid="import-counts">
        <div>
          <dt>{t("import.review.importable")}</dt>
          <dd>{review.importable}</dd>
        </div>
        <div>
          <dt>{t("import.review.alreadySaved")}</dt>
          <dd>{review.alreadySaved}</dd>
        </div>
        <div>
          <dt>{t("import.review.duplicates")}</dt>
          <dd>{review.duplicatesInFile}</dd>
        </div>
      </dl>

      <h3>{t("import.review.skippedHeading")}</h3>
      {skipped.length === 0 ? (
        <p class="hint">{t("import.review.noneSkipped")}</p>
      ) : (
        <ul class="import-tally" data-testid="import-skipped">
          {skipped.map(([reason, count]) => (
            <li key={reason}>
              {t(`import.reason.${reason}` as ImportKey)}: {count}
            </li>
          ))}
        </ul>
      )}

      {kinds.length > 0 && (
        <>
          <h3>{t("import.review.kinds")}</h3>
          <ul class="import-tally" data-testid="import-kinds">
            {kinds.map(([kind, count]) => (
              <li key={kind}>
                {t(kindKey(kind))}: {count}
              </li>
            ))}
          </ul>
        </>
      )}

      {review.folders.length > 0 && (
        <>
          <h3>{t("import.review.folders")}</h3>
          <ul class="import-tally" data-testid="import-folders">
            {review.folders.map((folder) => (
              <li key={folder.path.join("\u0000")}>
                {folder.path.join(" › ")}: {t("import.review.folderLinks", { count: folder.links })}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t("import.review.labelsHeading")}</h3>
      {review.labels.length === 0 ? (
        <p class="hint">{t("import.review.noLabels")}</p>
      ) : (
        <>
          <p class="hint">{t("import.review.labelsHint")}</p>
          <ul class="import-labels">
            {review.labels.map((label, index) => (
              <li key={`${label.source}:${label.label}`} class="field" data-testid="import-label" data-label={label.label}>
                <label for={`import-label-${index}`}>
                  {t("import.review.labelLinks", { label: label.label, source: t(`import.review.labelSource.${label.source}`), count: label.links })}
                </label>
                <ThemePicker
                  id={`import-label-${index}`}
                  themes={themes}
                  language={language}
                  selected={mapping[label.label] ?? []}
                  suggested={label.themes}
                  onChange={(selected) => setMapping((m) => ({ ...m, [label.label]: selected }))}
                />
              </li>
            ))}
          </ul>
        </>
      )}

      {review.filesToUpload.length > 0 && (
        <>
          <h3>{t("import.review.files")}</h3>
          <p class="hint">{t("import.review.filesHint")}</p>
          <ul class="import-tally" data-testid="import-files">
            {review.filesToUpload.map((file) => (
              <li key={file.path}>{file.path}</li>
            ))}
          </ul>
        </>
      )}

      {review.fromFile && <ImportFromFile fromFile={review.fromFile} t={t} />}

      <h3>{t("import.review.circleHeading")}</h3>
      <CircleChooser
        id="import-circle"
        label={t("import.review.circleLabel")}
        t={t}
        memberships={session}
        value={visibility}
        onChange={setVisibility}
        hint={t("visibility.hint")}
        place={{
          communityId,
          onCommunity: setCommunityId,
          schoolId,
          onSchool: setSchoolId,
          ids: { community: "import-community", school: "import-school" },
          onlyWhenChoice: true,
        }}
      />
      <p class={visibility === "private" ? "notice info" : "notice warn"} data-testid="import-circle-sentence" aria-live="polite">
        {visibility === "private"
          ? t("import.review.private")
          : visibility === "public"
            ? t("import.review.widerPublic", { count: review.importable })
            : t("import.review.wider", { count: review.importable, circle: circleName })}
      </p>

      {job.canReadPages && (
        <>
          <h3>{t("import.review.pagesHeading")}</h3>
          <label class="import-check">
            <input type="checkbox" checked={readPages} onChange={() => setReadPages(!readPages)} aria-describedby="import-read-pages-hint" data-testid="import-read-pages" />{" "}
            {t("import.review.readPages")}
          </label>
          <p class="hint" id="import-read-pages-hint">
            {t("import.review.readPagesHint")}
          </p>
        </>
      )}

      {error && (
        <p class="notice error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div class="row import-actions">
        <button type="submit" class="button" disabled={busy}>
          {t("import.review.start", { count: review.importable })}
        </button>
        <button type="button" class="button secondary" disabled={busy} onClick={discard}>
          {t("import.review.discard")}
        </button>
      </div>
    </form>
  );
}
