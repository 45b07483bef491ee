import { useEffect, useRef, useState } from "preact/hooks";
import type { Question } from "../../../shared/schemas";
import { ITEM_SECTORS, type ItemSector, type Visibility } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { CircleChooser } from "../../components/CircleChooser";
import { PupilDataWarning } from "../../components/PupilDataWarning";
import { ThemePicker } from "../../components/themes/ThemePicker";
import { newIdempotencyKey } from "../../lib/api";
import { describeError, useSession } from "../context";
import { useQuestionText } from "./question-text";
import { Suggestions, type Closer } from "./Suggestions";
import "./questions.css";

const NOT_PUBLIC: readonly Visibility[] = ["public"];

/** A teacher's or coordinator's own circle to start with: the school when there is one. */
const firstCircle = (schools: unknown[]): Visibility => (schools.length > 0 ? "school" : "network");

/**
 * Asking a leervraag: the question, what was tried, themes, sector and circle (private keeps a draft), with
 * the clip form's reminder not to name pupils and, while typing, what the library may already hold.
 */
export function AskForm({ onAsked, onCancel }: { onAsked(question: Question): void; onCancel(): void }) {
  const { api, session, themes, language, announce } = useSession();
  const t = useQuestionText();
  const [question, setQuestion] = useState("");
  const [context, setContext] = useState("");
  const [chosenThemes, setThemes] = useState<string[]>([]);
  const [sector, setSector] = useState<ItemSector[]>([]);
  const [visibility, setVisibility] = useState<Visibility>(firstCircle(session.schools));
  const [schoolId, setSchoolId] = useState<string | null>(session.schools[0]?.id ?? null);
  const [communityId, setCommunityId] = useState<string | null>(session.communities[0]?.id ?? null);
  const [weeks, setWeeks] = useState("6");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const questionField = useRef<HTMLTextAreaElement>(null);
  // One key per question being written, so a retried click does not ask twice.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => questionField.current?.focus(), []);

  const ask = async (closeWith?: Closer) => {
    if (question.trim().length < 3) {
      setError(t("questions.ask.tooShort"));
      questionField.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const followupWeeks = Number.parseInt(weeks, 10);
      const asked = await api.askQuestion(
        {
          question: question.trim(),
          context: context.trim() || undefined,
          themes: chosenThemes,
          sector: sector.length ? sector : undefined,
          visibility: visibility as Exclude<Visibility, "public">,
          schoolId: visibility === "school" ? (schoolId ?? undefined) : undefined,
          communityId: visibility === "community" ? (communityId ?? undefined) : undefined,
          followupWeeks: followupWeeks >= 1 && followupWeeks <= 52 ? followupWeeks : undefined,
        },
        idempotencyKey.current,
      );
      let result: Question = asked.question;
      if (closeWith) {
        // The library held the answer: the question is kept, closed with it, so the network learns what helped.
        const closed = await api.changeQuestion(asked.question.id, { closedWith: "bundleId" in closeWith ? { bundleId: closeWith.bundleId } : { itemId: closeWith.itemId } });
        result = closed.question;
        announce(t("questions.suggest.closed", { title: closeWith.title }));
      } else {
        announce(t(visibility === "private" ? "questions.ask.drafted" : "questions.ask.asked"));
      }
      idempotencyKey.current = newIdempotencyKey();
      onAsked(result);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card ask-form"
      aria-labelledby="ask-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void ask();
      }}
    >
      <h2 id="ask-heading">{t("questions.ask.heading")}</h2>
      <p class="notice warn">{t("questions.ask.pupilReminder")}</p>
      <div class="field">
        <label for="ask-question">{t("questions.ask.question")}</label>
        <textarea
          id="ask-question"
          ref={questionField}
          maxLength={1000}
          value={question}
          aria-describedby="ask-question-hint ask-question-pupil-data"
          onInput={(e) => setQuestion((e.target as HTMLTextAreaElement).value)}
        />
        <p class="hint" id="ask-question-hint">
          {t("questions.ask.questionHint")}
        </p>
        <PupilDataWarning id="ask-question-pupil-data" text={question} t={t} />
      </div>
      <Suggestions text={question} themes={chosenThemes} busy={busy} onClose={(closer) => void ask(closer)} whileTyping />
      <div class="field">
        <label for="ask-context">{t("questions.ask.context")}</label>
        <textarea id="ask-context" maxLength={4000} value={context} aria-describedby="ask-context-pupil-data" onInput={(e) => setContext((e.target as HTMLTextAreaElement).value)} />
        <PupilDataWarning id="ask-context-pupil-data" text={context} t={t} />
      </div>
      <div class="field">
        <label for="ask-themes">{t("questions.ask.themes")}</label>
        <ThemePicker id="ask-themes" themes={themes} selected={chosenThemes} suggested={[]} language={language} onChange={setThemes} />
      </div>
      <div class="field">
        <Choices
          legend={`${t("questions.ask.sector")} (${t("common.optional")})`}
          name="ask-sector"
          options={ITEM_SECTORS}
          label={(s) => s.toUpperCase()}
          value={sector}
          onChange={(s) => setSector(s as ItemSector[])}
        />
      </div>
      <CircleChooser
        id="ask-circle"
        label={t("questions.ask.circle")}
        t={t}
        memberships={session}
        value={visibility}
        onChange={setVisibility}
        hint={t("questions.ask.circleHint")}
        omit={NOT_PUBLIC}
        place={{ communityId, onCommunity: setCommunityId, schoolId, onSchool: setSchoolId, ids: { community: "ask-community", school: "ask-school" }, onlyWhenChoice: true }}
      />
      <div class="field">
        <label for="ask-weeks">{t("questions.ask.followupWeeks")}</label>
        <input id="ask-weeks" type="number" min={1} max={52} inputMode="numeric" value={weeks} onInput={(e) => setWeeks((e.target as HTMLInputElement).value)} />
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t("questions.ask.sending") : visibility === "private" ? t("questions.ask.submitDraft") : t("questions.ask.submit")}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
