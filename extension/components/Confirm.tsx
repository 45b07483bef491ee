import { useEffect, useRef } from "preact/hooks";
import { useUi } from "./ui-context";

/**
 * A small "are you sure?" box: what happens, then a red yes and a cancel. Focus lands on cancel (these
 * answers cannot be undone), Escape cancels.
 */
export function Confirm({ title, children, yes, busy, onYes, onCancel, testId }: { title?: string; children: string; yes: string; busy?: boolean; onYes(): void; onCancel(): void; testId?: string }) {
  const { t } = useUi();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div class="confirm" role="group" aria-label={title ?? yes} data-testid={testId} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      {title && (
        <p>
          <strong>{title}</strong>
        </p>
      )}
      <p>{children}</p>
      <div class="row">
        <button type="button" class="button danger" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" class="button secondary" ref={cancel} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
