import { useUi } from "./ui-context";

/** The end of a side-panel form: what went wrong, if anything, then submit and cancel. */
export function FormFooter({ error, busy, submitLabel, onCancel }: { error: string | null; busy: boolean; submitLabel: string; onCancel(): void }) {
  const { t } = useUi();
  return (
    <>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button class="button" type="submit" disabled={busy}>
          {busy ? t("common.saving") : submitLabel}
        </button>
        <button class="button secondary" type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </>
  );
}
