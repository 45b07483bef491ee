import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { requestFromTab, toCreateItemRequest } from "../../../shared/clip-request";
import { findPupilData } from "../../../shared/privacy/pupil-data";
import { apiErrorKey, kindKey, savedByKey, translate, visibilityKey, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import type { CreateItemRequest, Item, Theme } from "../../../shared/schemas";
import { ITEM_KINDS, ITEM_SECTORS, LIMITS, type ItemKind, type ItemSector } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { CircleChooser } from "../../components/CircleChooser";
import { PupilDataWarning, pupilDataKinds } from "../../components/PupilDataWarning";
import { TagInput } from "../../components/TagInput";
import { themeLabelOf } from "../../components/themes/theme-label";
import { ThemePicker } from "../../components/themes/ThemePicker";
import type { CapturedPage, QueueStatus, SaveOutcome } from "../../lib/messaging";
import type { FailedClip, Session } from "../../lib/storage";
import type { ClipperHost } from "./host";
import { Outcome } from "./Outcome";
import { startingPoint, type Circle, type Form } from "./start-form";

type Phase =
  | { name: "loading" }
  | { name: "signed-out" }
  | { name: "unsupported" }
  /** The tab the clipper was opened for is gone (closed, or never there). */
  | { name: "gone" }
  | { name: "failed" }
  | { name: "form"; captured: CapturedPage; existing: Item | null; offeredThemes: string[]; lastCircle: Circle | null };

/**
 * The clipper: what a page is, which themes and circle, and one key to save it. It fits a browser popup
 * (600 px high at most): title, kind, themes and circle first, then what is optional, scrolling above a
 * footer that keeps *Bewaren* and the outcome in sight.
 */
export function Clipper({ host }: { host: ClipperHost }) {
  const [language, setLanguage] = useState<UiLanguage>("nl");
  const [session, setSession] = useState<Session | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [form, setForm] = useState<Form | null>(null);
  const [themes, setThemes] = useState<Theme[]>([]);
  const [tagHistory, setTagHistory] = useState<string[]>([]);
  const [queue, setQueue] = useState<QueueStatus>({ pending: 0, failed: [] });
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ result: SaveOutcome; edited: boolean } | null>(null);
  /** The person's own save as it is now: after a first save, pressing Bewaren again edits it. */
  const [ownSave, setOwnSave] = useState(false);
  const saveButton = useRef<HTMLButtonElement>(null);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const failedMessage = (failed: FailedClip) => {
    const known = failed.code ? apiErrorKey(failed.code) : null;
    return known ? t(known) : failed.message;
  };

  useEffect(() => {
    void (async () => {
      const start = await host.start();
      setLanguage(start.settings.language);
      document.documentElement.lang = start.settings.language;
      setSession(start.session);
      setTagHistory(start.tagHistory);
      if (!start.session) return setPhase({ name: "signed-out" });
      // Opening the popup is a good moment to deliver what waited for a connection.
      void host.deliverQueue().then(setQueue, () => undefined);
      const taxonomy = host.taxonomy().catch(() => [] as Theme[]);
      const target = await host.capture();
      if (!target) return setPhase({ name: "gone" });
      if (!target.captured.supported) return setPhase({ name: "unsupported" });
      const { captured } = target;
      const [existing, known] = await Promise.all([host.lookup(captured.page?.url ?? captured.url).catch(() => null), taxonomy]);
      setThemes(known);
      const { form, offeredThemes, lastCircle } = startingPoint(start, target, existing, known);
      setForm(form);
      setOwnSave(existing?.savedByMe ?? false);
      setPhase({ name: "form", captured, existing, offeredThemes, lastCircle });
    })().catch(() => setPhase({ name: "failed" }));
  }, []);

  // Enter saves with what the form suggests: Bewaren has the focus from the start.
  const ready = phase.name === "form";
  useEffect(() => {
    if (ready) saveButton.current?.focus({ preventScroll: true });
  }, [ready]);

  const bySlug = useMemo(() => new Map(themes.map((theme) => [theme.slug, theme])), [themes]);
  const pageText = phase.name === "form" ? (phase.captured.page?.text ?? "") : "";
  const pageFindings = useMemo(() => findPupilData(pageText), [pageText]);
  /** The person chose to save the page without its text, because the text looks like it holds pupil data. */
  const [leaveOutText, setLeaveOutText] = useState(false);

  if (phase.name === "loading") return <main class="popup" aria-busy="true"><p class="popup-message">{t("common.loading")}</p></main>;

  if (phase.name === "signed-out") {
    return (
      <main class="popup">
        <div class="popup-message">
          <h1>{t("popup.title")}</h1>
          <p class="notice warn" role="status">{t("popup.signInFirst")}</p>
          <button class="button" type="button" onClick={host.openSettings}>
            {t("popup.openOptions")}
          </button>
        </div>
      </main>
    );
  }

  if (phase.name !== "form" || !form) {
    const message = phase.name === "gone" ? t("popup.tabGone") : phase.name === "failed" ? t("error.unexpected") : t("popup.unsupportedPage");
    return (
      <main class="popup">
        <div class="popup-message">
          <h1>{t("popup.title")}</h1>
          <p class="notice warn" role="status" data-testid="popup-message">{message}</p>
        </div>
      </main>
    );
  }

  const { captured, existing, offeredThemes, lastCircle } = phase;
  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    // Decided now, before the answer: a first save is "saved", a change to one's own save "updated".
    const edited = ownSave;
    const base = captured.page ? toCreateItemRequest(captured.page) : requestFromTab(captured.url, await host.currentTitle(captured), captured.favIconUrl);
    if (leaveOutText) {
      delete base.text;
      // The page's own summary may quote the same passage.
      if (base.meta?.excerpt && findPupilData(base.meta.excerpt).length > 0) base.meta = { ...base.meta, excerpt: null };
    }
    const request: CreateItemRequest = {
      ...base,
      title: form.title.trim().slice(0, LIMITS.title) || undefined,
      kind: form.kind,
      themes: form.themes,
      tags: form.tags,
      note: form.note.trim(),
      quote: form.quote.trim(),
      sector: form.sector,
      visibility: form.visibility,
      communityId: form.visibility === "community" ? form.communityId : undefined,
    };
    try {
      const result = await host.save(request, request.title ?? request.url);
      setOutcome({ result, edited });
      if (result.status === "queued") setQueue((q) => ({ ...q, pending: result.pending }));
      if (result.status === "saved") setOwnSave(true);
    } catch {
      // The background could not be reached or failed unexpectedly: never leave the person guessing.
      setOutcome({ result: { status: "rejected", code: "unexpected", message: t("error.unexpected"), retryAfterSeconds: null }, edited });
    } finally {
      setSaving(false);
    }
  };

  const image = captured.page?.meta.imageUrl ?? captured.page?.meta.faviconUrl ?? captured.favIconUrl;
  const site = captured.page?.meta.siteName ?? safeHost(captured.url);
  const savedBy = existing && existing.saveCount > 0 ? savedByKey(existing.saveCount, existing.savedByMe) : null;
  const offered = offeredThemes.filter((slug) => !form.themes.includes(slug) && bySlug.has(slug));
  const themeLabel = (slug: string) => themeLabelOf(bySlug, slug, language);

  return (
    <main class="popup">
      <header class="popup-header">
        {image ? (
          <img src={image} alt="" width={32} height={32} onError={(e) => ((e.target as HTMLImageElement).style.display = "none")} />
        ) : null}
        <div>
          <h1>{t("popup.title")}</h1>
          <p class="hint">{site}</p>
        </div>
      </header>

      {savedBy && (
        <p class="notice info" role="status" data-testid="already-saved">
          {t("popup.alreadySaved", { who: t(savedBy.key, savedBy.params) })}
          {existing?.savedByMe ? ` — ${t("popup.alreadySavedMine")}` : ""}
        </p>
      )}
      {captured.extractFailed && (
        <p class="notice warn">
          {t("popup.extractFailed")}
          {captured.extractProblem ? ` ${captured.extractProblem}` : ""}
        </p>
      )}
      {pageFindings.length > 0 && (
        <div class="notice warn" data-testid="page-pupil-data">
          {t("pupilData.pageText", { kinds: pupilDataKinds(pageFindings, t) })}
          <label>
            <input type="checkbox" checked={leaveOutText} onChange={() => setLeaveOutText(!leaveOutText)} /> {t("pupilData.leaveOutText")}
          </label>
        </div>
      )}

      <form
        class="popup-form"
        onSubmit={submit}
        noValidate
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
      >
        <div class="popup-body" data-testid="popup-body">
          <div class="field">
            <label for="title">{t("popup.titleField")}</label>
            <input id="title" type="text" value={form.title} maxLength={LIMITS.title} onInput={(e) => update({ title: (e.target as HTMLInputElement).value })} />
          </div>
          <div class="field">
            <Choices legend={t("kind.label")} name="kind" options={ITEM_KINDS} label={(k) => t(kindKey(k))} value={form.kind} onChange={(k) => update({ kind: k as ItemKind })} />
          </div>
          <div class="field">
            <label for="themes">{t("popup.themes")}</label>
            <ThemePicker id="themes" themes={themes} selected={form.themes} suggested={offered} language={language} onChange={(selected) => update({ themes: selected })} />
            {offered.length > 0 && (
              <div class="offers" role="group" aria-label={t("popup.suggestedThemes")} data-testid="offered-themes">
                {offered.map((slug) => (
                  <button
                    key={slug}
                    type="button"
                    class="offer"
                    data-theme={slug}
                    aria-label={t("popup.addTheme", { theme: themeLabel(slug) })}
                    title={themeLabel(slug)}
                    onClick={() => update({ themes: [...form.themes, slug] })}
                  >
                    + {bySlug.get(slug)!.name[language]}
                  </button>
                ))}
              </div>
            )}
          </div>
          <CircleChooser
            id="visibility"
            label={t("visibility.label")}
            t={t}
            memberships={session}
            value={form.visibility}
            onChange={(visibility) => update({ visibility })}
            place={{ communityId: form.communityId, onCommunity: (communityId) => update({ communityId }), ids: { community: "community" }, onlyWhenChoice: false }}
          />
          {lastCircle && lastCircle.visibility !== form.visibility && (
            <div class="offers">
              <button type="button" class="offer" data-testid="last-circle" onClick={() => update(lastCircle)}>
                {t("popup.lastCircle", { circle: t(visibilityKey(lastCircle.visibility)) })}
              </button>
            </div>
          )}

          <div class="field">
            <label for="note">{t("popup.note")}</label>
            <textarea
              id="note"
              value={form.note}
              maxLength={LIMITS.note}
              placeholder={t("popup.notePlaceholder")}
              aria-describedby="note-pupil-data"
              onInput={(e) => update({ note: (e.target as HTMLTextAreaElement).value })}
            />
            <PupilDataWarning id="note-pupil-data" text={form.note} t={t} />
          </div>
          {form.quote && (
            <div class="field">
              <label for="quote">{t("popup.quote")}</label>
              <textarea id="quote" value={form.quote} maxLength={LIMITS.quote} aria-describedby="quote-pupil-data" onInput={(e) => update({ quote: (e.target as HTMLTextAreaElement).value })} />
              <PupilDataWarning id="quote-pupil-data" text={form.quote} t={t} />
            </div>
          )}
          <div class="field">
            <label for="tags">{t("popup.tags")}</label>
            <TagInput id="tags" tags={form.tags} history={tagHistory} language={language} onChange={(tags) => update({ tags })} />
          </div>
          <div class="field">
            <Choices legend={`${t("popup.sector")} (${t("common.optional")})`} name="sector" options={ITEM_SECTORS} label={(s) => s.toUpperCase()} value={form.sector} onChange={(s) => update({ sector: s as ItemSector[] })} />
          </div>
        </div>

        <footer class="popup-footer" data-testid="popup-footer">
          <Outcome outcome={outcome?.result ?? null} edited={outcome?.edited ?? false} t={t} onOpenLibrary={host.showInLibrary} />
          {queue.pending > 0 && (
            <p class="notice warn" role="status" data-testid="pending">
              {t("popup.pending", { count: queue.pending })}
            </p>
          )}
          {/* Two at a time: a long list of refusals must not push Bewaren out of the popup. */}
          {queue.failed.slice(0, 2).map((failed) => (
            <div class="notice error" key={failed.id} role="alert">
              <strong>{t("popup.failed")}:</strong> {failed.title} — {failedMessage(failed)}{" "}
              <button type="button" class="link-button" onClick={() => void host.dismissFailed(failed.id).then(setQueue)}>
                {t("common.dismiss")}
              </button>
            </div>
          ))}
          <p class="privacy" data-testid="privacy">{t("popup.privacy")}</p>
          <div class="actions">
            {/* Not disabled while saving: a disabled button drops the focus, and Enter would no longer save a change. */}
            <button class="button" type="submit" aria-disabled={saving} ref={saveButton}>
              {saving ? t("common.saving") : t("common.save")}
            </button>
            <span class="hint shortcut">{t("popup.shortcut")}</span>
            <button class="link-button settings" type="button" onClick={host.openSettings}>
              {t("popup.settings")}
            </button>
          </div>
        </footer>
      </form>
    </main>
  );
}

function safeHost(url: string) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
