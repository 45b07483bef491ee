import { useEffect, useRef, useState } from "preact/hooks";
import { kindKey, savedByKey, visibilityKey, type MessageKey } from "../../../shared/i18n";
import type { Item, Outcome } from "../../../shared/schemas";
import { LIMITS, VISIBILITIES, type Visibility } from "../../../shared/vocabulary";
import { CircleChooser } from "../../components/CircleChooser";
import { KindIcon } from "../../components/KindIcon";
import { PupilDataWarning } from "../../components/PupilDataWarning";
import { ThemePicker } from "../../components/themes/ThemePicker";
import { describeError, useSession } from "../context";
import { FormFooter } from "../../components/FormFooter";
import { siteOf } from "../../lib/format";

/** The bundle a broker is working on, as the library's "Voeg toe aan bundel" sees it. */
export interface BundleTarget {
  title: string;
  has(itemId: string): boolean;
  add(item: Item): void;
}

interface Props {
  item: Item;
  /** Shown because the person asked for it (the popup's "Open in bibliotheek"). */
  highlighted?: boolean;
  bundle: BundleTarget | null;
  onChanged(item: Item): void;
  onDeleted(item: Item): void;
  /** The library's "many at once": a checkbox on each of the person's own saves. */
  selection?: { selected: boolean; onToggle(): void };
}

/** The excerpt's first line: enough to recognise the page, short enough for a list. */
const firstLine = (excerpt: string | null) => excerpt?.split("\n", 1)[0]!.trim() || null;

/**
 * The item's image, small, in a box of fixed size with a plain background: without an image, or when it
 * does not load, the box stays as it is. Decorative (the title says what it is), so no alt text can spill.
 */
function Thumbnail({ url }: { url: string | null }) {
  const src = url && /^https?:\/\//i.test(url) ? url : null;
  return (
    <span class="card-thumb" aria-hidden="true" data-testid="thumbnail">
      {src && <img key={src} src={src} alt="" loading="lazy" decoding="async" onError={(e) => ((e.currentTarget as HTMLImageElement).hidden = true)} />}
    </span>
  );
}

const outcomeKey = (worked: Outcome): MessageKey => (worked === "yes" ? "outcome.yes" : worked === "no" ? "outcome.no" : "outcome.untested");

/** One result: what it is, who found it useful and why, and what the person can do with their own save. */
export function ItemCard({ item, highlighted = false, bundle, onChanged, onDeleted, selection }: Props) {
  const { t, language, themeLabel, themeName } = useSession();
  const whoSaved = (saveCount: number, savedByMe: boolean) => {
    const { key, params } = savedByKey(saveCount, savedByMe);
    return t(key, params);
  };
  const [mode, setMode] = useState<"view" | "edit" | "confirm-delete">("view");
  const [outcomeOpen, setOutcomeOpen] = useState(false);
  const titleId = `item-${item.id}-title`;
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const mine = item.mySave;
  const closeTo = (button: typeof editButton) => {
    setMode("view");
    setTimeout(() => button.current?.focus(), 0);
  };

  const excerpt = firstLine(item.excerpt);

  return (
    <article class={`card${highlighted ? " highlighted" : ""}`} id={`item-${item.id}`} aria-labelledby={titleId} data-testid="item-card" data-item-id={item.id}>
      <div class="card-head">
        {selection && mine && (
          <input
            type="checkbox"
            class="card-select"
            aria-label={t("bulk.select", { title: item.title })}
            checked={selection.selected}
            onChange={selection.onToggle}
            data-testid="select-save"
          />
        )}
        <div>
          <p class="card-meta">
            <KindIcon kind={item.kind} />
            <span data-testid="kind">{t(kindKey(item.kind))}</span>
            <span aria-hidden="true">·</span>
            <span class="site">{siteOf(item)}</span>
          </p>
          <h3 class="card-title" id={titleId}>
            <a href={item.url} target="_blank" rel="noopener noreferrer">
              {item.title}
              <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
            </a>
          </h3>
        </div>
        <Thumbnail url={item.imageUrl} />
      </div>
      {excerpt && (
        <p class="card-excerpt" data-testid="excerpt">
          {excerpt}
        </p>
      )}
      {item.themes.length > 0 && (
        <ul class="chips tags" aria-label={t("popup.themes")}>
          {item.themes.map((slug) => (
            <li class="chip" key={slug} data-theme={slug} title={themeLabel(slug)}>
              {themeName(slug)}
            </li>
          ))}
        </ul>
      )}
      <p class="card-stats">
        <span data-testid="save-count">{t("library.savedBy", { who: whoSaved(item.saveCount, item.savedByMe) })}</span>
        {mine?.applied && (
          <span class="badge" data-testid="my-outcome">
            {t("outcome.appliedBadge", { outcome: t(outcomeKey(mine.worked)) })}
          </span>
        )}
      </p>

      {item.notes.length > 0 && (
        <ul class="notes" aria-label={t("library.notes")}>
          {item.notes.map((note, index) => (
            <li key={index} class="note">
              {note.quote && <blockquote>{note.quote}</blockquote>}
              {note.note && <p>{note.note}</p>}
              <p class="hint">
                — {note.author}
                {note.applied ? ` · ${t("outcome.appliedBadge", { outcome: t(outcomeKey(note.worked)) })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}

      {mine && mode !== "edit" && (
        <div class="my-save" data-testid="my-note">
          <p class="label">
            {t("library.myNote")} <span class="hint">· {t(visibilityKey(mine.visibility))}</span>
          </p>
          {mine.note ? <p>{mine.note}</p> : <p class="hint">{t("library.noNote")}</p>}
        </div>
      )}

      <div class="card-actions">
        {mine && (
          <>
            <button ref={editButton} type="button" class="small-button" aria-describedby={titleId} aria-expanded={mode === "edit"} onClick={() => setMode(mode === "edit" ? "view" : "edit")}>
              {t("library.edit")}
            </button>
            <button ref={deleteButton} type="button" class="small-button" aria-describedby={titleId} onClick={() => setMode("confirm-delete")}>
              {t("library.delete")}
            </button>
          </>
        )}
        <button type="button" class="small-button" aria-describedby={titleId} aria-expanded={outcomeOpen} onClick={() => setOutcomeOpen(!outcomeOpen)}>
          {t("outcome.open")}
        </button>
        {bundle &&
          (bundle.has(item.id) ? (
            <span class="badge" data-testid="in-bundle">
              {t("library.inBundle")}
            </span>
          ) : (
            <button type="button" class="small-button accent" aria-describedby={titleId} title={bundle.title} onClick={() => bundle.add(item)}>
              {t("library.addToBundle")}
            </button>
          ))}
      </div>

      {mode === "edit" && mine && (
        <EditSave
          item={item}
          onSaved={(updated) => {
            onChanged(updated);
            closeTo(editButton);
          }}
          onCancel={() => closeTo(editButton)}
        />
      )}
      {mode === "confirm-delete" && (
        <ConfirmDelete item={item} titleId={titleId} onDeleted={() => onDeleted(item)} onCancel={() => closeTo(deleteButton)} />
      )}
      {outcomeOpen && <OutcomeForm item={item} onChanged={onChanged} />}
    </article>
  );
}

function EditSave({ item, onSaved, onCancel }: { item: Item; onSaved(item: Item): void; onCancel(): void }) {
  const { t, language, themes, session, api, announce } = useSession();
  const mine = item.mySave!;
  const [note, setNote] = useState(mine.note);
  const [selected, setSelected] = useState(mine.themes);
  const [visibility, setVisibility] = useState<Visibility>(mine.visibility);
  const [communityId, setCommunityId] = useState(mine.communityId ?? session.communities[0]?.id ?? null);
  const [schoolId, setSchoolId] = useState(mine.schoolId ?? session.schools[0]?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteField.current?.focus(), []);
  const widened = VISIBILITIES.indexOf(visibility) > VISIBILITIES.indexOf(mine.visibility);
  const id = item.id;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await api.updateSave(item.id, {
        note: note.trim().slice(0, LIMITS.note),
        themes: selected,
        visibility,
        communityId: visibility === "community" ? communityId : null,
        schoolId: visibility === "school" ? schoolId : null,
      });
      announce(t("popup.updated"));
      onSaved(updated);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="edit" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onCancel()} data-testid="edit-save">
      <div class="field">
        <label for={`note-${id}`}>{t("popup.note")}</label>
        <textarea
          id={`note-${id}`}
          ref={noteField}
          value={note}
          maxLength={LIMITS.note}
          aria-describedby={`note-${id}-pupil-data`}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
        <PupilDataWarning id={`note-${id}-pupil-data`} text={note} t={t} />
      </div>
      <div class="field">
        <label for={`themes-${id}`}>{t("popup.themes")}</label>
        <ThemePicker id={`themes-${id}`} themes={themes} selected={selected} suggested={[]} language={language} onChange={setSelected} />
      </div>
      <CircleChooser
        id={`circle-${id}`}
        label={t("visibility.label")}
        t={t}
        memberships={session}
        value={visibility}
        onChange={setVisibility}
        hint={widened ? t("library.widening") : undefined}
        place={{
          communityId,
          onCommunity: setCommunityId,
          schoolId,
          onSchool: setSchoolId,
          ids: { community: `community-${id}`, school: `school-${id}` },
          onlyWhenChoice: true,
        }}
      />
      <FormFooter error={error} busy={busy} submitLabel={t("common.save")} onCancel={onCancel} />
    </form>
  );
}

function ConfirmDelete({ item, titleId, onDeleted, onCancel }: { item: Item; titleId: string; onDeleted(): void; onCancel(): void }) {
  const { t, api, announce, itemDeleted } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const questionId = `${titleId}-delete`;
  const lastSave = item.saveCount <= 1;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteSave(item.id);
      itemDeleted(item);
      announce(t("library.deleted", { title: item.title }));
      onDeleted();
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  };

  return (
    <div class="confirm" role="group" aria-labelledby={questionId} onKeyDown={(e) => e.key === "Escape" && onCancel()} data-testid="confirm-delete">
      <p id={questionId}>
        <strong>{t("library.deleteQuestion")}</strong> {lastSave ? t("library.deleteLast") : t("library.deleteOthersKeep")}
      </p>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button ref={confirm} class="button danger" type="button" disabled={busy} onClick={remove}>
          {t("library.deleteConfirm")}
        </button>
        <button class="button secondary" type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}

function OutcomeForm({ item, onChanged }: { item: Item; onChanged(item: Item): void }) {
  const { t, api } = useSession();
  const [applied, setApplied] = useState(item.mySave?.applied ?? false);
  const [worked, setWorked] = useState<Outcome>(item.mySave?.worked ?? "untested");
  const [state, setState] = useState<{ status: "idle" | "saving" | "saved" } | { status: "error"; message: string }>({ status: "idle" });
  const id = item.id;

  const save = async (next: { applied: boolean; worked: Outcome }) => {
    setApplied(next.applied);
    setWorked(next.worked);
    setState({ status: "saving" });
    try {
      onChanged(await api.setOutcome(item.id, next));
      setState({ status: "saved" });
    } catch (err) {
      setState({ status: "error", message: describeError(err, t) });
    }
  };

  return (
    <fieldset class="outcome" data-testid="outcome-form">
      <legend>{t("outcome.legend")}</legend>
      <label class="check">
        <input type="checkbox" checked={applied} onChange={() => void save({ applied: !applied, worked })} />
        <span>{t("outcome.applied")}</span>
      </label>
      <fieldset disabled={!applied} class="worked">
        <legend>{t("outcome.worked")}</legend>
        <div class="chips">
          {(["yes", "no", "untested"] as const).map((value) => (
            <label class="choice" key={value}>
              <input type="radio" name={`worked-${id}`} value={value} checked={worked === value} onChange={() => void save({ applied, worked: value })} />
              <span>{t(outcomeKey(value))}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {!item.savedByMe && <p class="hint">{t("outcome.savesPrivately")}</p>}
      <p class="hint" role="status">
        {state.status === "saving" ? t("common.saving") : state.status === "saved" ? t("outcome.saved") : ""}
      </p>
      {state.status === "error" && (
        <p class="notice error" role="alert">
          {state.message}
        </p>
      )}
    </fieldset>
  );
}

