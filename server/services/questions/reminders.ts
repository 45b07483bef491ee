/**
 * "Toegepast? Werkte het?": when a follow-up falls due, the asking school hears it once through its
 * webhooks (question.followup with followupState "due") and its feed. The reminder is marked in the same
 * transaction as its deliveries are written, so a crash leaves both or neither, and a restart picks up
 * whatever fell due while the server was down. A follow-up already recorded is never asked for again.
 * In Knooppunt itself the question shows `followupDue` from the clock alone (view.ts), job or no job.
 */
import { isoNow, type ServiceContext } from "../../core/context";
import { markReminded, questionsToRemind } from "../../db/repositories/questions/followups";
import { transaction } from "../../db/statements";
import { followupDueNow } from "./events";

/** Reminders per transaction: a backlog after a long stop is worked off without holding the database long. */
const BATCH = 50;

/** Sends every reminder that is due now; returns how many questions were reminded. */
export function remindDueFollowups(ctx: ServiceContext): number {
  let reminded = 0;
  for (;;) {
    const done = transaction(ctx, () => {
      const now = isoNow(ctx);
      const due = questionsToRemind(ctx, now, BATCH);
      for (const id of due) if (markReminded(ctx, id, now)) followupDueNow(ctx, id);
      return due.length;
    });
    reminded += done;
    if (done < BATCH) return reminded;
  }
}

/** Checks at start (what fell due while stopped) and then every `intervalMs`; returns the stop. */
export function startFollowupReminders(ctx: ServiceContext, intervalMs: number): () => void {
  const sweep = () => {
    try {
      remindDueFollowups(ctx);
    } catch (error) {
      // A busy database now is no reason to stop the server; the next round sends what is still due.
      console.error("[knooppunt] sending follow-up reminders failed:", error);
    }
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
