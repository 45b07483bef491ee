import { useEffect, useRef, useState } from "preact/hooks";
import { usePanel } from "./panel-context";

interface Props {
  id: string;
  label: string;
  value: string;
  testId?: string;
}

/**
 * A read-only text (a feed address, a signing secret) with a copy button. When the clipboard refuses,
 * the text is selected so Ctrl+C still works, and the person is told so.
 */
export function CopyField({ id, label, value, testId }: Props) {
  const { t, announce } = usePanel();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setState("idle"), [value]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
      announce(`${t("common.copied")}: ${label}`);
    } catch {
      input.current?.focus();
      input.current?.select();
      setState("failed");
    }
  };

  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          spellcheck={false}
          value={value}
          data-testid={testId}
          aria-describedby={state === "failed" ? `${id}-failed` : undefined}
          onFocus={(e) => (e.target as HTMLInputElement).select()}
        />
        <button type="button" class="small-button accent" onClick={() => void copy()}>
          {state === "copied" ? `✓ ${t("common.copied")}` : t("common.copy")}
          <span class="visually-hidden"> {label}</span>
        </button>
      </div>
      {state === "failed" && (
        <p class="notice warn" role="alert" id={`${id}-failed`}>
          {t("common.copyFailed")}
        </p>
      )}
    </div>
  );
}

/**
 * A small "are you sure?" box: what happens, then a red yes and a cancel. Focus lands on cancel (these
 * answers cannot be undone), Escape cancels.
 */
export function Confirm({ title, children, yes, busy, onYes, onCancel, testId }: { title?: string; children: string; yes: string; busy?: boolean; onYes(): void; onCancel(): void; testId?: string }) {
  const { t } = usePanel();
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
