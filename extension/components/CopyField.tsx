import { useEffect, useRef, useState } from "preact/hooks";
import { useUi } from "./ui-context";

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
  const { t, announce } = useUi();
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
