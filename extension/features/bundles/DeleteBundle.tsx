import { useRef, useState } from "preact/hooks";
import type { BundleDraft } from "./bundle-draft";
import { Confirm } from "../../components/Confirm";
import { describeError, useSession } from "../context";

/** Deleting the open bundle, after a confirmation that says what goes with it. */
export function DeleteBundle({ draft, onDeleted }: { draft: BundleDraft; onDeleted(title: string): void }) {
  const { t, api, announce } = useSession();
  const [mode, setMode] = useState<"idle" | "confirm" | "busy">("idle");
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const title = draft.fields.title || t("bundle.preview.untitled");

  const remove = async () => {
    setMode("busy");
    setError(null);
    try {
      await api.deleteBundle(draft.id);
      announce(t("bundle.delete.done", { title }));
      onDeleted(title);
    } catch (err) {
      setMode("confirm");
      setError(describeError(err, t));
    }
  };

  return (
    <section class="editor-section" aria-labelledby="bundle-delete-heading" data-testid="delete-bundle">
      <h3 id="bundle-delete-heading">{t("bundle.delete.heading")}</h3>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {mode === "idle" ? (
        <div class="row">
          <button type="button" class="button secondary danger-outline" ref={button} onClick={() => setMode("confirm")}>
            {t("bundle.delete.button")}
          </button>
        </div>
      ) : (
        <Confirm
          title={t("bundle.delete.confirmTitle", { title })}
          yes={mode === "busy" ? t("bundle.delete.busy") : t("bundle.delete.yes")}
          busy={mode === "busy"}
          onYes={() => void remove()}
          onCancel={() => {
            setMode("idle");
            setError(null);
            setTimeout(() => button.current?.focus(), 0);
          }}
          testId="delete-bundle-confirm"
        >
          {t("bundle.delete.confirm")}
        </Confirm>
      )}
    </section>
  );
}
