import { useEffect, useRef, useState } from "preact/hooks";
import { visibilityKey } from "../../../shared/i18n";
import type { Visibility } from "../../../shared/vocabulary";
import { ITEM_SECTORS, type ItemSector } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { ThemePicker } from "../../components/themes/ThemePicker";
import { ApiError } from "../../lib/api-error";
import { isVersionConflict, useDraft, type BundleDraft } from "./bundle-draft";
import { BundleItems } from "./BundleItems";
import { BundlePreview } from "./BundlePreview";
import { AudienceChoice } from "./AudienceChoice";
import { BundleStatus } from "./BundleStatus";
import { Curators } from "./Curators";
import { DeleteBundle } from "./DeleteBundle";
import { OfferForm } from "./OfferForm";
import { describeError, useSession } from "../context";
import { Reach } from "./Reach";
import { ExportMenu } from "../exports/ExportMenu";

interface Props {
  draft: BundleDraft;
  onClose(): void;
  /** The bundle is gone (deleted) or no longer the person's (stepped down as curator): close without saving. */
  onGone(notice: string): void;
  onShowLibrary(): void;
}

/** Editing one bundle: texts and items (autosaved), live preview, publish, offer, reach, curators, delete. */
export function BundleEditor({ draft: source, onClose, onGone, onShowLibrary }: Props) {
  const { t, language, themes, session } = useSession();
  const draft = useDraft(source)!;
  const [reloading, setReloading] = useState(false);
  const [reachRefresh, setReachRefresh] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const { fields } = draft;
  useEffect(() => heading.current?.focus(), [draft.id]);

  const close = async () => {
    await draft.flush();
    onClose();
  };

  const reload = async () => {
    setReloading(true);
    try {
      await draft.reload();
    } finally {
      setReloading(false);
    }
  };

  const published = draft.bundle.status === "published";

  return (
    <div class="bundle-editor" data-testid="bundle-editor">
      <div class="row spread">
        <button type="button" class="link-button" onClick={() => void close()}>
          ← {t("bundle.back")}
        </button>
        <SaveStatus draft={draft} />
      </div>
      <h2 ref={heading} tabIndex={-1}>
        {fields.title || t("bundle.preview.untitled")} <BundleStatus bundle={draft.bundle} />
      </h2>
      <ExportMenu what={{ bundleId: draft.id }} label={t("exports.bundle")} />

      {draft.status === "conflict" && (
        <div class="notice error" role="alert" data-testid="version-conflict">
          <p>
            <strong>{t("bundle.conflict.title")}</strong>
          </p>
          <p>{t("bundle.conflict.body")}</p>
          <button type="button" class="button" disabled={reloading} onClick={() => void reload()}>
            {t("bundle.conflict.reload")}
          </button>
        </div>
      )}

      <section class="editor-section" aria-labelledby="bundle-fields-heading">
        <h3 id="bundle-fields-heading">{t("bundle.section.about")}</h3>
        <div class="field">
          <label for="bundle-title">{t("bundle.field.title")}</label>
          <input id="bundle-title" type="text" maxLength={200} value={fields.title} onInput={(e) => draft.update({ title: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="bundle-about">{t("bundle.field.about")}</label>
          <textarea id="bundle-about" rows={4} maxLength={4000} value={fields.about} onInput={(e) => draft.update({ about: (e.target as HTMLTextAreaElement).value })} />
          <p class="hint">{t("bundle.field.aboutHint")}</p>
        </div>
        <div class="field">
          <label for="bundle-use">{t("bundle.field.use")}</label>
          <textarea id="bundle-use" rows={4} maxLength={4000} value={fields.use} onInput={(e) => draft.update({ use: (e.target as HTMLTextAreaElement).value })} />
          <p class="hint">{t("bundle.field.useHint")}</p>
        </div>
        <div class="field">
          <label for="bundle-themes">{t("popup.themes")}</label>
          <ThemePicker id="bundle-themes" themes={themes} selected={fields.themes} suggested={[]} language={language} onChange={(selected) => draft.update({ themes: selected })} />
        </div>
        <div class="field">
          <Choices
            legend={`${t("popup.sector")} (${t("common.optional")})`}
            name="bundle-sector"
            options={ITEM_SECTORS}
            label={(s) => s.toUpperCase()}
            value={fields.sector}
            onChange={(s) => draft.update({ sector: s as ItemSector[] })}
          />
        </div>
        <div class="field">
          <AudienceChoice name="bundle-audience" value={fields.audience} onChange={(audience) => draft.update({ audience })} />
        </div>
      </section>

      <BundleItems draft={draft} onShowLibrary={onShowLibrary} />

      <details class="editor-section preview-section">
        <summary>{t("bundle.section.preview")}</summary>
        <BundlePreview draft={draft} />
      </details>

      <Publish draft={draft} onPublished={() => setReachRefresh((n) => n + 1)} />

      {published && (
        <section class="editor-section" aria-labelledby="bundle-offer-heading">
          <h3 id="bundle-offer-heading">{t("bundle.section.offer")}</h3>
          {draft.bundle.unpublishedChanges && <p class="notice warn">{t("offer.unpublishedChanges")}</p>}
          <OfferForm draft={draft} onOffered={() => setReachRefresh((n) => n + 1)} />
        </section>
      )}
      {published && (
        <section class="editor-section" aria-labelledby="bundle-reach-heading">
          <h3 id="bundle-reach-heading">{t("bundle.section.reach")}</h3>
          <Reach bundleId={draft.id} refresh={reachRefresh} />
        </section>
      )}

      <Curators draft={draft} onLeft={() => onGone(t("curators.removed", { name: session.user.name }))} />
      <DeleteBundle draft={draft} onDeleted={(title) => onGone(t("bundle.delete.done", { title }))} />
    </div>
  );
}

function SaveStatus({ draft }: { draft: BundleDraft }) {
  const { t } = useSession();
  const text =
    draft.status === "saved"
      ? t("bundle.save.saved")
      : draft.status === "pending"
        ? t("bundle.save.pending")
        : draft.status === "saving"
          ? t("common.saving")
          : draft.status === "conflict"
            ? t("bundle.save.conflict")
            : t("bundle.save.error");
  return (
    <span class={`save-status ${draft.status}`} role="status" data-testid="save-status" data-status={draft.status}>
      {text}
      {draft.status === "error" && (
        <>
          {" "}
          <button type="button" class="link-button" onClick={() => void draft.flush()}>
            {t("common.retry")}
          </button>
        </>
      )}
    </span>
  );
}

interface Blocked {
  itemId: string;
  title: string;
  reason: string;
  widestCircle?: Visibility | null;
}

function Publish({ draft, onPublished }: { draft: BundleDraft; onPublished(): void }) {
  const { t, api, announce } = useSession();
  const [state, setState] = useState<{ status: "idle" | "busy" } | { status: "error"; message: string } | { status: "blocked"; items: Blocked[] } | { status: "done" }>({
    status: "idle",
  });
  const bundle = draft.bundle;
  const published = bundle.status === "published";
  const audience = draft.fields.audience;

  const reasonFor = (item: Blocked) => {
    if (!item.widestCircle) return t("publish.blocked.invisible");
    return t("publish.blocked.circle", {
      circle: t(visibilityKey(item.widestCircle)),
      needed: t(audience === "public" ? "publish.needed.public" : "publish.needed.network"),
    });
  };

  const publish = async () => {
    setState({ status: "busy" });
    if (!(await draft.flush())) {
      setState({ status: "error", message: draft.status === "conflict" ? t("bundle.conflict.title") : describeError(draft.error, t) });
      return;
    }
    try {
      draft.replaceBundle(await api.publishBundle(draft.id, draft.bundle.version));
      setState({ status: "done" });
      announce(t("publish.done"));
      onPublished();
    } catch (error) {
      if (error instanceof ApiError && error.code === "items_not_visible" && Array.isArray(error.body?.items)) {
        setState({ status: "blocked", items: error.body.items as Blocked[] });
      } else if (isVersionConflict(error)) {
        await draft.reload().catch(() => undefined);
        setState({ status: "error", message: t("bundle.conflict.title") });
      } else if (error instanceof ApiError && error.code === "bundle_empty") {
        setState({ status: "error", message: t("publish.empty") });
      } else {
        setState({ status: "error", message: describeError(error, t) });
      }
    }
  };

  const removeItem = (itemId: string) => {
    draft.setItems(draft.items.filter((i) => i.itemId !== itemId));
    if (state.status === "blocked") setState({ status: "blocked", items: state.items.filter((i) => i.itemId !== itemId) });
  };

  return (
    <section class="editor-section" aria-labelledby="bundle-publish-heading">
      <h3 id="bundle-publish-heading">{t("bundle.section.publish")}</h3>
      <p class="hint">{t(audience === "public" ? "publish.hint.public" : "publish.hint.network")}</p>
      {published && bundle.publicUrl && (
        <p>
          <a href={api.absolute(bundle.publicUrl)} target="_blank" rel="noopener noreferrer" data-testid="public-url">
            {t("publish.viewPage")}
            <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
          </a>
        </p>
      )}
      {state.status === "blocked" && (
        <div class="notice error" role="alert" data-testid="publish-blocked">
          <p>
            <strong>{t("publish.blocked.title")}</strong>
          </p>
          <ul>
            {state.items.map((item) => (
              <li key={item.itemId}>
                <strong>{item.title || draft.items.find((i) => i.itemId === item.itemId)?.fallbackTitle || item.itemId}</strong>: {reasonFor(item)}{" "}
                <button type="button" class="link-button" onClick={() => removeItem(item.itemId)}>
                  {t("bundle.items.remove")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.status === "error" && (
        <p class="notice error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === "done" && (
        <p class="notice info" role="status" data-testid="publish-done">
          {t("publish.done")}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={state.status === "busy" || draft.items.length === 0 || (published && !bundle.unpublishedChanges && !draft.hasUnsavedChanges)}
          onClick={() => void publish()}
        >
          {state.status === "busy" ? t("publish.busy") : published ? t("publish.again") : t("publish.button")}
        </button>
        {draft.items.length === 0 && <span class="hint">{t("publish.empty")}</span>}
      </div>
    </section>
  );
}
