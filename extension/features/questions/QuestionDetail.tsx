import { useEffect, useRef, useState } from "preact/hooks";
import type { QuestionKey } from "../../../shared/i18n/extension/questions/question-screens";
import type { Question } from "../../../shared/schemas";
import { PupilDataWarning } from "../../components/PupilDataWarning";
import { ErrorState } from "../../components/StateMessage";
import { newIdempotencyKey } from "../../lib/api";
import { ApiError, isAbort } from "../../lib/api-error";
import { formatDate } from "../../lib/format";
import { describeError, useSession } from "../context";
import { AnswerForm } from "./AnswerForm";
import { FollowupForm } from "./FollowupForm";
import { questionStateKey, stateBadge, type QuestionWithThread, useQuestionText } from "./question-text";
import { Sharpen } from "./Sharpen";
import { Suggestions, type Closer } from "./Suggestions";
import "./questions.css";

type LoadState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; question: QuestionWithThread };

/** One question: its wording and history, the thread, and what this person may do with it now. */
export function QuestionDetail({ questionId, onBack }: { questionId: string; onBack(): void }) {
  const { api, session, language, themeName, announce } = useSession();
  const t = useQuestionText();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answering, setAnswering] = useState(false);
  const [sharpening, setSharpening] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.question(questionId, ctl.signal).then(
      (question) => setState({ status: "ready", question }),
      (err) => !isAbort(err) && setState({ status: "error", error: err }),
    );
    return () => ctl.abort();
  }, [api, questionId, attempt]);

  // Focus follows the person into the question, so a screen reader starts at its heading.
  const ready = state.status === "ready";
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  const back = (
    <button type="button" class="link-button" onClick={onBack}>
      ← {t("questions.detail.back")}
    </button>
  );
  if (state.status === "loading") return <p class="hint">{t("common.loading")}</p>;
  if (state.status === "error") {
    return (
      <>
        {back}
        <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="question-error" />
      </>
    );
  }

  const question = state.question;
  const isBroker = session.user.roles.includes("broker");
  const worksOn = question.brokers.some((b) => b.id === session.user.id);
  const pending = question.status === "open" || question.status === "claimed";
  const shared = question.visibility !== "private";
  const owner = question.brokers.find((b) => b.role === "owner");
  const coordinates = question.school !== null && session.schools.some((s) => s.id === question.school!.id && s.role === "coordinator");
  const mayFollowUp = question.status === "answered" && !question.followup && (question.askedByMe || coordinates);
  const replace = (next: QuestionWithThread) => setState({ status: "ready", question: next });
  // The asker rewrites their question until it is answered; brokers working on it sharpen it with them.
  const maySharpen = pending && (question.askedByMe || worksOn);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(describeError(err, t));
      // Someone else moved first (taken, answered): show the question as it is now.
      if (err instanceof ApiError && err.status === 409) setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const claim = (mode: "own" | "join") =>
    act(async () => {
      replace(await api.claimQuestion(question.id, mode));
      announce(t(mode === "own" ? "questions.claim.owned" : "questions.claim.joinedDone"));
    });

  const closeWith = (closer: Closer) =>
    act(async () => {
      const closed = await api.changeQuestion(question.id, { closedWith: "bundleId" in closer ? { bundleId: closer.bundleId } : { itemId: closer.itemId } });
      replace(closed.question);
      announce(t("questions.suggest.closed", { title: closer.title }));
    });

  return (
    <article class="question-detail" aria-labelledby="question-heading" data-testid="question-detail" data-status={question.status}>
      {back}
      <p class="card-meta">
        <span class={stateBadge(question)} data-testid="question-state">
          {t(questionStateKey(question))}
        </span>
        {question.school && <span>{t("questions.detail.school", { school: question.school.name })}</span>}
        <span>{t("questions.list.askedBy", { name: question.askedBy.name, date: formatDate(language, question.createdAt) })}</span>
      </p>
      <h2 id="question-heading" tabIndex={-1} ref={heading} class="pre-line">
        {question.question}
      </h2>
      {question.context && (
        <>
          <h3>{t("questions.detail.context")}</h3>
          <p class="pre-line">{question.context}</p>
        </>
      )}
      {question.themes.length > 0 && (
        <ul class="chips tags" aria-label={t("questions.ask.themes")}>
          {question.themes.map((slug) => (
            <li class="chip" key={slug}>
              {themeName(slug)}
            </li>
          ))}
        </ul>
      )}
      {question.brokers.length > 0 && (
        <p class="hint" data-testid="question-brokers">
          {t("questions.detail.brokers", {
            names: question.brokers.map((b) => `${b.name} (${t(b.role === "owner" ? "questions.detail.owner" : "questions.detail.joined")})`).join(", "),
          })}
        </p>
      )}
      {question.wordings.length > 1 && (
        <details>
          <summary>{t("questions.detail.wordings", { count: question.wordings.length - 1 })}</summary>
          <ol>
            {question.wordings.slice(0, -1).map((w) => (
              <li key={w.at}>
                <p class="pre-line">{w.question}</p>
                <p class="hint">{t("questions.detail.wordingBy", { name: w.changedBy.name, date: formatDate(language, w.at, true) })}</p>
              </li>
            ))}
          </ol>
        </details>
      )}

      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}

      {maySharpen && !sharpening && (
        <div class="card-actions">
          <button type="button" class="button secondary" onClick={() => setSharpening(true)}>
            {t("questions.sharpen.open")}
          </button>
        </div>
      )}
      {sharpening && (
        <Sharpen
          question={question}
          onCancel={() => setSharpening(false)}
          onSaved={(next) => {
            setSharpening(false);
            replace(next);
          }}
        />
      )}

      {isBroker && shared && pending && (
        <div class="card-actions">
          {!worksOn && (!owner ? (
            <button type="button" class="button" disabled={busy} onClick={() => void claim("own")}>
              {t("questions.claim.own")}
            </button>
          ) : (
            <button type="button" class="button secondary" disabled={busy} onClick={() => void claim("join")}>
              {t("questions.claim.join")}
            </button>
          ))}
          {!answering && (
            <button type="button" class={worksOn ? "button" : "button secondary"} disabled={busy} onClick={() => setAnswering(true)}>
              {t("questions.answer.open")}
            </button>
          )}
        </div>
      )}
      {answering && pending && (
        <AnswerForm
          question={question}
          onCancel={() => setAnswering(false)}
          onAnswered={() => {
            setAnswering(false);
            setAttempt((n) => n + 1);
          }}
        />
      )}

      {question.askedByMe && pending && <Suggestions text={question.question} themes={question.themes} busy={busy} onClose={(closer) => void closeWith(closer)} />}

      {question.answer && <AnswerView question={question} />}
      {question.followup && (
        <p class="notice info" data-testid="question-followup">
          {t("questions.followup.recorded", {
            applied: t(question.followup.applied ? "questions.followup.appliedYes" : "questions.followup.appliedNo"),
            worked: t(`questions.followup.result.${question.followup.worked}` as const satisfies QuestionKey),
          })}
          {question.followup.note && (
            <>
              <br />
              {question.followup.note}
            </>
          )}
        </p>
      )}
      {mayFollowUp && <FollowupForm question={question} onRecorded={replace} />}

      <Thread question={question} onComment={(comment) => replace({ ...question, comments: [...question.comments, comment], commentCount: question.commentCount + 1 })} />

      {shared && (
        <p class="hint">
          <a href={question.kennisrotondeUrl} target="_blank" rel="noopener noreferrer" data-testid="kennisrotonde">
            {t("questions.detail.kennisrotonde")}
            <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
          </a>
          <br />
          {t("questions.detail.kennisrotondeHint")}
        </p>
      )}
    </article>
  );
}

function AnswerView({ question }: { question: Question }) {
  const { api, language } = useSession();
  const t = useQuestionText();
  const answer = question.answer!;
  return (
    <section class="card" aria-labelledby="question-answer-heading" data-testid="question-answer">
      <h3 id="question-answer-heading">{t("questions.answer.heading")}</h3>
      <p class="hint">{t("questions.answer.by", { name: answer.answeredBy.name, date: formatDate(language, answer.answeredAt) })}</p>
      {answer.bundle && (
        <p>
          {answer.bundle.url ? (
            <a href={api.absolute(answer.bundle.url)} target="_blank" rel="noopener noreferrer">
              {answer.bundle.title}
              <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
            </a>
          ) : (
            answer.bundle.title
          )}
          {answer.fromExistingBundle && <span class="hint"> ({t("questions.answer.fromExisting")})</span>}
        </p>
      )}
      {answer.itemIds.length > 0 && <p class="hint">{t("questions.answer.itemsCount", { count: answer.itemIds.length })}</p>}
      {answer.note && <p class="pre-line">{answer.note}</p>}
      {question.followupDueAt && !question.followup && question.askedByMe && <p class="hint">{t("questions.followup.due", { date: formatDate(language, question.followupDueAt) })}</p>}
    </section>
  );
}

function Thread({ question, onComment }: { question: QuestionWithThread; onComment(comment: QuestionWithThread["comments"][number]): void }) {
  const { api, language, announce } = useSession();
  const t = useQuestionText();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());

  const send = async (event: Event) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onComment(await api.commentOnQuestion(question.id, body.trim(), key.current));
      key.current = newIdempotencyKey();
      setBody("");
      announce(t("questions.thread.sent"));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="question-thread-heading" data-testid="question-thread">
      <h3 id="question-thread-heading">{t("questions.thread.heading")}</h3>
      {question.comments.length === 0 ? (
        <p class="hint">{t("questions.thread.empty")}</p>
      ) : (
        <ol class="question-thread">
          {question.comments.map((c) => (
            <li key={c.id} data-testid="question-comment">
              <p class="hint">
                {c.author.name}, {formatDate(language, c.createdAt, true)}
              </p>
              <p class="pre-line">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => void send(e)} noValidate>
        <div class="field">
          <label for="question-comment">{t("questions.thread.label")}</label>
          <textarea id="question-comment" maxLength={4000} value={body} aria-describedby="question-comment-pupil-data" onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
          <PupilDataWarning id="question-comment-pupil-data" text={body} t={t} />
        </div>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" class="button secondary" disabled={busy || !body.trim()}>
            {t("questions.thread.send")}
          </button>
        </div>
      </form>
    </section>
  );
}
