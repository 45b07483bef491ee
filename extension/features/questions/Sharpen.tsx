import { useEffect, useRef, useState } from "preact/hooks";
import { PupilDataWarning } from "../../components/PupilDataWarning";
import { describeError, useSession } from "../context";
import { useQuestionText, type QuestionWithThread } from "./question-text";

/**
 * Sharpening the wording (vraagarticulatie, 002:773): the asker or a broker working on the question
 * rewrites it; the server keeps every earlier wording.
 */
export function Sharpen({ question, onSaved, onCancel }: { question: QuestionWithThread; onSaved(question: QuestionWithThread): void; onCancel(): void }) {
  const { api, announce } = useSession();
  const t = useQuestionText();
  const [text, setText] = useState(question.question);
  const [context, setContext] = useState(question.context);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (text.trim().length < 3) {
      setError(t("questions.ask.tooShort"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved((await api.changeQuestion(question.id, { question: text.trim(), context: context.trim() })).question);
      announce(t("questions.sharpen.saved"));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="sharpen-heading" onSubmit={(e) => void save(e)} noValidate data-testid="sharpen-form">
      <h3 id="sharpen-heading">{t("questions.sharpen.open")}</h3>
      <div class="field">
        <label for="sharpen-question">{t("questions.ask.question")}</label>
        <textarea id="sharpen-question" ref={field} maxLength={1000} value={text} aria-describedby="sharpen-question-pupil-data" onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <PupilDataWarning id="sharpen-question-pupil-data" text={text} t={t} />
      </div>
      <div class="field">
        <label for="sharpen-context">{t("questions.ask.context")}</label>
        <textarea id="sharpen-context" maxLength={4000} value={context} aria-describedby="sharpen-context-pupil-data" onInput={(e) => setContext((e.target as HTMLTextAreaElement).value)} />
        <PupilDataWarning id="sharpen-context-pupil-data" text={context} t={t} />
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {t("questions.sharpen.save")}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
