import { useLayoutEffect, useRef } from "preact/hooks";
import { useUi } from "./ui-context";

/**
 * A small "are you sure?" box: what happens, then a red yes and a cancel. Focus lands on cancel (these
 * answers cannot be undone), Escape cancels, and when the box closes the focus goes back to where it was
 * (the button that opened it), so a keyboard does not start again at the top of the page.
 */
export function Confirm({ title, children, yes, busy, error, onYes, onCancel, testId }: {
  title?: string;
  children: string;
  yes: string;
  busy?: boolean;
  /** Why the yes did not go through; the box stays open to try again or cancel. */
  error?: string | null;
  onYes(): void;
  onCancel(): void;
  testId?: string;
}) {
  const { t } = useUi();
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // In the task that draws the box: the button that opened it is gone from the page by then, and focus
  // would otherwise sit on nothing for a frame (longer in a window in the background).
  useLayoutEffect(() => {
    const before = document.activeElement;
    cancel.current?.focus();
    return () => {
      // Only a focus the box still holds goes back: one the person moved elsewhere stays there.
      const now = document.activeElement;
      if (before instanceof HTMLElement && before.isConnected && (!now || now === document.body || box.current?.contains(now))) before.focus();
    };
  }, []);
  return (
    <div class="confirm" role="group" aria-label={title ?? yes} data-testid={testId} ref={box} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      {title && (
        <p>
          <strong>{title}</strong>
        </p>
      )}
      <p>{children}</p>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
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
