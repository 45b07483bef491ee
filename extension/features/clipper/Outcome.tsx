import type { MessageKey } from "../../../shared/i18n";
import type { Item } from "../../../shared/schemas";
import type { SaveOutcome } from "../../lib/messaging";

/** How a save went: saved (a new save) or updated (the person's own save), waiting, or refused. */
export function Outcome({
  outcome,
  edited,
  t,
  onOpenLibrary,
}: {
  outcome: SaveOutcome | null;
  /** The person already had a save of this page when they pressed Bewaren. */
  edited: boolean;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  onOpenLibrary(item: Item): void;
}) {
  if (!outcome) return null;
  if (outcome.status === "saved") {
    return (
      <div class="notice info saved-notice" role="status" data-testid="outcome" data-status="saved" data-edited={String(edited)}>
        <span>{edited ? t("popup.updated") : t("popup.saved")}</span>
        <button type="button" class="link-button" onClick={() => onOpenLibrary(outcome.item)}>
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
