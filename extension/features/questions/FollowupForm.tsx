import { useState } from "preact/hooks";
import { Choices } from "../../components/Choices";
import { PupilDataWarning } from "../../components/PupilDataWarning";
import { describeError, useSession } from "../context";
import { workedKey, type QuestionWithThread, useQuestionText } from "./question-text";

const WORKED = ["yes", "no", "untested"] as const;
const APPLIED = ["yes", "no"] as const;

/** "Toegepast? Werkte het?": kept on the question like an item's outcome, what did not work included. */
export function FollowupForm({ question, onRecorded }: { question: QuestionWithThread; onRecorded(question: QuestionWithThread): void }) {
  const { api, announce } = useSession();
  const t = useQuestionText();
  const [applied, setApplied] = useState<(typeof APPLIED)[number]>("yes");
  const [worked, setWorked] = useState<(typeof WORKED)[number]>("yes");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onRecorded(await api.recordQuestionFollowup(question.id, { applied: applied === "yes", worked, note: note.trim() }));
      announce(t("questions.followup.thanks"));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card followup-form" aria-labelledby="followup-heading" onSubmit={(e) => void send(e)} noValidate data-testid="followup-form">
      <h3 id="followup-heading">{t("questions.followup.heading")}</h3>
      <div class="field">
        <Choices
          legend={t("questions.followup.applied")}
          name="followup-applied"
          options={APPLIED}
          label={(a) => t(a === "yes" ? "questions.followup.yes" : "questions.followup.no")}
          value={applied}
          onChange={(a) => setApplied(a as (typeof APPLIED)[number])}
        />
      </div>
      <div class="field">
        <Choices legend={t("questions.followup.worked")} name="followup-worked" options={WORKED} label={(w) => t(workedKey(w))} value={worked} onChange={(w) => setWorked(w as (typeof WORKED)[number])} />
      </div>
      <div class="field">
        <label for="followup-note">
          {t("questions.followup.note")} ({t("common.optional")})
        </label>
        <textarea id="followup-note" maxLength={2000} value={note} aria-describedby="followup-note-pupil-data" onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        <PupilDataWarning id="followup-note-pupil-data" text={note} t={t} />
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {t("questions.followup.send")}
        </button>
      </div>
    </form>
  );
}
