import type { ComponentChildren } from "preact";
import { describeError, errorKind } from "../lib/api-error";
import { useUi } from "./ui-context";

interface Props {
  tone: "info" | "empty" | "warn" | "error";
  title: string;
  children?: ComponentChildren;
  testId?: string;
}

/** The designed empty, offline and error states: a heading, a sentence, and what to do next. */
export function StateMessage({ tone, title, children, testId }: Props) {
  return (
    <div class={`state state-${tone}`} role={tone === "error" || tone === "warn" ? "alert" : "status"} data-testid={testId}>
      <p class="state-title">{title}</p>
      {children}
    </div>
  );
}

/** A failed load, with the way out that fits it: retry, or sign in again. */
export function ErrorState({ error, onRetry, testId = "error-state" }: { error: unknown; onRetry(): void; testId?: string }) {
  const { t, openSignIn } = useUi();
  const kind = errorKind(error);
  const title = kind === "offline" ? t("panel.state.offlineTitle") : kind === "signed-out" ? t("panel.state.signedOutTitle") : t("panel.state.errorTitle");
  return (
    <StateMessage tone={kind === "offline" ? "warn" : "error"} title={title} testId={testId}>
      <p data-kind={kind}>{describeError(error, t)}</p>
      <div class="row">
        {kind === "signed-out" ? (
          <button class="button" type="button" onClick={openSignIn}>
            {t("popup.openOptions")}
          </button>
        ) : (
          <button class="button" type="button" onClick={onRetry}>
            {t("common.retry")}
          </button>
        )}
      </div>
    </StateMessage>
  );
}
