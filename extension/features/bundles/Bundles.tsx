import { useEffect, useRef, useState } from "preact/hooks";
import type { Audience, Bundle } from "../../../shared/schemas";
import { ITEM_SECTORS, type ItemSector } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { ThemePicker } from "../../components/themes/ThemePicker";
import { isAbort } from "../../lib/api-error";
import { AudienceChoice } from "./AudienceChoice";
import { BundleEditor } from "./BundleEditor";
import { BundleStatus } from "./BundleStatus";
import type { BundleDraft } from "./bundle-draft";
import { formatDate } from "../../lib/format";
import { describeError, useSession } from "../context";
import { ErrorState, StateMessage } from "../../components/StateMessage";
import { FormFooter } from "../../components/FormFooter";

interface Props {
  draft: BundleDraft | null;
  onOpen(bundle: Bundle): void;
  onClose(): void;
  onShowLibrary(): void;
}

/** "Bundels" for brokers: their bundles, a new one, and the open one's editor. */
export function Bundles({ draft, onOpen, onClose, onShowLibrary }: Props) {
  // What happened to the bundle that was open (deleted, or the person stepped down), said above the list.
  const [notice, setNotice] = useState<string | null>(null);
  if (draft)
    return (
      <BundleEditor
        draft={draft}
        onClose={onClose}
        onGone={(message) => {
          setNotice(message);
          onClose();
        }}
        onShowLibrary={onShowLibrary}
      />
    );
  return (
    <BundleList
      notice={notice}
      onOpen={(bundle) => {
        setNotice(null);
        onOpen(bundle);
      }}
    />
  );
}

type ListState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; bundles: Bundle[]; nextCursor: string | null; loadingMore: boolean };

function BundleList({ notice, onOpen }: { notice: string | null; onOpen(bundle: Bundle): void }) {
  const { t, api, language } = useSession();
  const [state, setState] = useState<ListState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Back from a bundle that is gone: focus lands on the list, not on the page's body.
  useEffect(() => void (notice && heading.current?.focus()), []);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.bundles(null, ctl.signal).then(
      (page) => setState({ status: "ready", bundles: page.list, nextCursor: page.nextCursor, loadingMore: false }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, attempt]);

  const more = async () => {
    if (state.status !== "ready" || !state.nextCursor) return;
    setState({ ...state, loadingMore: true });
    try {
      const page = await api.bundles(state.nextCursor);
      setState({ status: "ready", bundles: [...state.bundles, ...page.list], nextCursor: page.nextCursor, loadingMore: false });
    } catch {
      setState({ ...state, loadingMore: false });
    }
  };

  return (
    <div class="bundles">
      <div class="row spread">
        <h2 ref={heading} tabIndex={-1}>
          {t("bundle.mine")}
        </h2>
        {!creating && (
          <button ref={newButton} type="button" class="button" onClick={() => setCreating(true)}>
            {t("bundle.new")}
          </button>
        )}
      </div>
      {notice && (
        <p class="notice info" role="status" data-testid="bundles-notice">
          {notice}
        </p>
      )}
      {creating && (
        <NewBundle
          onCreated={onOpen}
          onCancel={() => {
            setCreating(false);
            setTimeout(() => newButton.current?.focus(), 0);
          }}
        />
      )}
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === "ready" && state.bundles.length === 0 && !creating && (
        <StateMessage tone="empty" title={t("bundle.emptyTitle")} testId="bundles-empty">
          <p>{t("bundle.empty")}</p>
        </StateMessage>
      )}
      {state.status === "ready" && state.bundles.length > 0 && (
        <ul class="bundle-list" data-testid="bundle-list">
          {state.bundles.map((bundle) => (
            <li key={bundle.id} class="card">
              <h3 class="card-title">{bundle.title}</h3>
              <p class="card-stats">
                <BundleStatus bundle={bundle} />
                <span>{t(bundle.items.length === 1 ? "bundle.itemCountOne" : "bundle.itemCount", { count: bundle.items.length })}</span>
                <span>· {t("bundle.updatedAt", { date: formatDate(language, bundle.updatedAt) })}</span>
              </p>
              <button type="button" class="small-button accent" aria-label={t("bundle.openNamed", { title: bundle.title })} onClick={() => onOpen(bundle)}>
                {t("bundle.open")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.status === "ready" && state.nextCursor && (
        <div class="more">
          <button type="button" class="button secondary" disabled={state.loadingMore} onClick={() => void more()}>
            {t("library.loadMore")}
          </button>
        </div>
      )}
    </div>
  );
}

function NewBundle({ onCreated, onCancel }: { onCreated(bundle: Bundle): void; onCancel(): void }) {
  const { t, api, themes, language } = useSession();
  const [title, setTitle] = useState("");
  const [about, setAbout] = useState("");
  const [use, setUse] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [sector, setSector] = useState<ItemSector[]>([]);
  const [audience, setAudience] = useState<Audience>("network");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleField = useRef<HTMLInputElement>(null);
  useEffect(() => titleField.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(t("bundle.titleRequired"));
      titleField.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createBundle({ title: title.trim(), about: about.trim(), use: use.trim(), themes: selected, sector, audience }));
    } catch (err) {
      setError(describeError(err, t));
      setBusy(false);
    }
  };

  return (
    <form class="card new-bundle" onSubmit={submit} noValidate aria-labelledby="new-bundle-heading" data-testid="new-bundle">
      <h3 id="new-bundle-heading">{t("bundle.new")}</h3>
      <div class="field">
        <label for="new-bundle-title">{t("bundle.field.title")}</label>
        <input id="new-bundle-title" ref={titleField} type="text" maxLength={200} required aria-invalid={!!error && !title.trim()} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="new-bundle-about">{t("bundle.field.about")}</label>
        <textarea id="new-bundle-about" maxLength={4000} value={about} onInput={(e) => setAbout((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">{t("bundle.field.aboutHint")}</p>
      </div>
      <div class="field">
        <label for="new-bundle-use">{t("bundle.field.use")}</label>
        <textarea id="new-bundle-use" maxLength={4000} value={use} onInput={(e) => setUse((e.target as HTMLTextAreaElement).value)} />
        <p class="hint">{t("bundle.field.useHint")}</p>
      </div>
      <div class="field">
        <label for="new-bundle-themes">{t("popup.themes")}</label>
        <ThemePicker id="new-bundle-themes" themes={themes} selected={selected} suggested={[]} language={language} onChange={setSelected} />
      </div>
      <div class="field">
        <Choices legend={`${t("popup.sector")} (${t("common.optional")})`} name="new-bundle-sector" options={ITEM_SECTORS} label={(s) => s.toUpperCase()} value={sector} onChange={(s) => setSector(s as ItemSector[])} />
      </div>
      <div class="field">
        <AudienceChoice name="new-bundle-audience" value={audience} onChange={setAudience} />
      </div>
      <FormFooter error={error} busy={busy} submitLabel={t("bundle.create")} onCancel={onCancel} />
    </form>
  );
}
