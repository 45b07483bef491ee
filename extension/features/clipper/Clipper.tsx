import { useEffect, useState } from "preact/hooks";
import { requestFromTab, toCreateItemRequest } from "../../../shared/clip-request";
import { apiErrorKey, colleagues, kindKey, translate, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import type { CreateItemRequest, Item, Theme } from "../../../shared/schemas";
import { ITEM_KINDS, ITEM_SECTORS, LIMITS, type ItemKind, type ItemSector, type Visibility } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { CircleChooser } from "../../components/CircleChooser";
import { TagInput } from "../../components/TagInput";
import { ThemePicker } from "../../components/themes/ThemePicker";
import type { CapturedPage, QueueStatus, SaveOutcome } from "../../lib/messaging";
import type { FailedClip, Session } from "../../lib/storage";
import type { ClipperHost } from "./host";

type Phase =
  | { name: "loading" }
  | { name: "signed-out" }
  | { name: "unsupported" }
  | { name: "form"; captured: CapturedPage; existing: Item | null };

interface Form {
  title: string;
  kind: ItemKind;
  themes: string[];
  tags: string[];
  note: string;
  quote: string;
  sector: ItemSector[];
  visibility: Visibility;
  communityId: string | null;
}

/** The clipper: what a page is, which themes and circle, and one click to save it. */
export function Clipper({ host }: { host: ClipperHost }) {
  const [language, setLanguage] = useState<UiLanguage>("nl");
  const [session, setSession] = useState<Session | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [form, setForm] = useState<Form | null>(null);
  const [themes, setThemes] = useState<Theme[]>([]);
  const [suggestedThemes, setSuggestedThemes] = useState<string[]>([]);
  const [tagHistory, setTagHistory] = useState<string[]>([]);
  const [queue, setQueue] = useState<QueueStatus>({ pending: 0, failed: [] });
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const failedMessage = (failed: FailedClip) => {
    const known = failed.code ? apiErrorKey(failed.code) : null;
    return known ? t(known) : failed.message;
  };

  useEffect(() => {
    void (async () => {
      const { settings, session: storedSession, lastUsed, tagHistory: history } = await host.start();
      setLanguage(settings.language);
      document.documentElement.lang = settings.language;
      setSession(storedSession);
      setTagHistory(history);
      setSuggestedThemes(lastUsed.themes);
      if (!storedSession) return setPhase({ name: "signed-out" });
      // Opening the popup is a good moment to deliver what waited for a connection.
      void host.deliverQueue().then(setQueue, () => undefined);
      void host.taxonomy().then(setThemes, () => undefined);
      const target = await host.capture();
      if (!target?.captured.supported) return setPhase({ name: "unsupported" });
      const { captured, title: tabTitle } = target;
      const page = captured.page;
      const existing = await host.lookup(page?.url ?? captured.url).catch(() => null);
      const mine = existing?.mySave ?? null;
      const visibility = mine?.visibility ?? lastUsed.visibility ?? settings.defaultVisibility;
      setForm({
        title: existing?.title ?? page?.title ?? tabTitle ?? captured.url,
        kind: existing?.kind ?? page?.kind ?? requestFromTab(captured.url, tabTitle, null).kind ?? "artikel",
        themes: mine?.themes ?? lastUsed.themes,
        tags: mine?.tags ?? [],
        note: mine?.note ?? "",
        quote: page?.quote ?? mine?.quote ?? "",
        sector: mine?.sector ?? [],
        visibility,
        communityId: mine?.communityId ?? lastUsed.communityId ?? settings.defaultCommunityId ?? storedSession.communities[0]?.id ?? null,
      });
      setPhase({ name: "form", captured, existing });
    })();
  }, []);

  if (phase.name === "loading") return <main class="popup" aria-busy="true"><p>{t("common.loading")}</p></main>;

  if (phase.name === "signed-out") {
    return (
      <main class="popup">
        <h1>{t("popup.title")}</h1>
        <p class="notice warn" role="status">{t("popup.signInFirst")}</p>
        <button class="button" type="button" onClick={host.openSettings}>
          {t("popup.openOptions")}
        </button>
      </main>
    );
  }

  if (phase.name === "unsupported" || !form) {
    return (
      <main class="popup">
        <h1>{t("popup.title")}</h1>
        <p class="notice warn" role="status">{t("popup.unsupportedPage")}</p>
      </main>
    );
  }

  const { captured, existing } = phase;
  const update = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    const base = captured.page ? toCreateItemRequest(captured.page) : requestFromTab(captured.url, await host.currentTitle(captured), captured.favIconUrl);
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
      setOutcome(result);
      if (result.status === "queued") setQueue((q) => ({ ...q, pending: result.pending }));
      if (result.status === "saved") setPhase({ ...phase, existing: result.item });
    } catch {
      // The background could not be reached or failed unexpectedly: never leave the person guessing.
      setOutcome({ status: "rejected", code: "unexpected", message: t("error.unexpected"), retryAfterSeconds: null });
    } finally {
      setSaving(false);
    }
  };

  const saveCount = existing?.saveCount ?? 0;
  const image = captured.page?.meta.imageUrl ?? captured.page?.meta.faviconUrl ?? captured.favIconUrl;
  const site = captured.page?.meta.siteName ?? safeHost(captured.url);

  return (
    <main class="popup">
      <header class="popup-header">
        {image ? (
          <img src={image} alt="" width={40} height={40} onError={(e) => ((e.target as HTMLImageElement).style.display = "none")} />
        ) : null}
        <div>
          <h1>{t("popup.title")}</h1>
          <p class="hint">{site}</p>
        </div>
      </header>

      {existing && saveCount > 0 && (
        <p class="notice info" role="status" data-testid="already-saved">
          {t("popup.alreadySaved", { count: colleagues(language, saveCount) })}
          {existing.savedByMe ? ` — ${t("popup.alreadySavedMine")}` : ""}
        </p>
      )}
      {captured.extractFailed && <p class="notice warn">{t("popup.extractFailed")}</p>}

      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="title">{t("popup.titleField")}</label>
          <input id="title" type="text" value={form.title} maxLength={LIMITS.title} onInput={(e) => update({ title: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <Choices legend={t("kind.label")} name="kind" options={ITEM_KINDS} label={(k) => t(kindKey(k))} value={form.kind} onChange={(k) => update({ kind: k as ItemKind })} />
        </div>
        <div class="field">
          <label for="themes">{t("popup.themes")}</label>
          <ThemePicker id="themes" themes={themes} selected={form.themes} suggested={suggestedThemes} language={language} onChange={(selected) => update({ themes: selected })} />
        </div>
        <div class="field">
          <label for="note">{t("popup.note")}</label>
          <textarea
            id="note"
            value={form.note}
            maxLength={LIMITS.note}
            placeholder={t("popup.notePlaceholder")}
            onInput={(e) => update({ note: (e.target as HTMLTextAreaElement).value })}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </div>
        {form.quote && (
          <div class="field">
            <label for="quote">{t("popup.quote")}</label>
            <textarea id="quote" value={form.quote} maxLength={LIMITS.quote} onInput={(e) => update({ quote: (e.target as HTMLTextAreaElement).value })} />
          </div>
        )}
        <div class="field">
          <label for="tags">{t("popup.tags")}</label>
          <TagInput id="tags" tags={form.tags} history={tagHistory} language={language} onChange={(tags) => update({ tags })} />
        </div>
        <div class="field">
          <Choices legend={`${t("popup.sector")} (${t("common.optional")})`} name="sector" options={ITEM_SECTORS} label={(s) => s.toUpperCase()} value={form.sector} onChange={(s) => update({ sector: s as ItemSector[] })} />
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

        <p class="notice warn" data-testid="privacy">{t("popup.privacy")}</p>

        <div class="actions">
          <button class="button" type="submit" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>
          <button class="link-button" type="button" onClick={host.openSettings}>
            {t("popup.settings")}
          </button>
        </div>
      </form>

      <Outcome
        outcome={outcome}
        existedBefore={(existing?.savedByMe ?? false) && outcome?.status === "saved"}
        t={t}
        onOpenLibrary={host.showInLibrary}
      />

      {queue.pending > 0 && (
        <p class="notice warn" role="status" data-testid="pending">
          {t("popup.pending", { count: queue.pending })}
        </p>
      )}
      {queue.failed.map((failed) => (
        <div class="notice error" key={failed.id} role="alert">
          <strong>{t("popup.failed")}:</strong> {failed.title} — {failedMessage(failed)}{" "}
          <button type="button" class="link-button" onClick={() => void host.dismissFailed(failed.id).then(setQueue)}>
            {t("common.dismiss")}
          </button>
        </div>
      ))}
    </main>
  );
}

function Outcome({
  outcome,
  existedBefore,
  t,
  onOpenLibrary,
}: {
  outcome: SaveOutcome | null;
  existedBefore: boolean;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  onOpenLibrary(item: Item): void;
}) {
  if (!outcome) return null;
  if (outcome.status === "saved") {
    return (
      <div class="notice info saved-notice" role="status" data-testid="outcome" data-status="saved">
        <span>{outcome.existing || existedBefore ? t("popup.updated") : t("popup.saved")}</span>
        <button type="button" class="button secondary" onClick={() => onOpenLibrary(outcome.item)}>
          {t("popup.openLibrary")}
        </button>
      </div>
    );
  }
  if (outcome.status === "queued") {
    return (
      <p class="notice warn" role="status" data-testid="outcome" data-status="queued">
        {t("popup.queued")}
      </p>
    );
  }
  if (outcome.status === "signed-out") {
    return (
      <p class="notice error" role="alert" data-testid="outcome" data-status="signed-out">
        {t("popup.signInFirst")}
      </p>
    );
  }
  return (
    <p class="notice error" role="alert" data-testid="outcome" data-status="rejected">
      {outcome.message}
    </p>
  );
}

function safeHost(url: string) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
