import { useEffect, useState } from "preact/hooks";
import type { Bundle, Question } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { describeError, useSession } from "../context";
import { useQuestionText } from "./question-text";

const DEBOUNCE_MS = 300;

/**
 * A broker's answer: one of their published bundles and/or library items, a short note, and the similar
 * questions of other schools that the same answer serves (003:283). Each asking school is offered the
 * bundle in its inbox by the server.
 */
export function AnswerForm({ question, onAnswered, onCancel }: { question: Question; onAnswered(): void; onCancel(): void }) {
  const { api, announce } = useSession();
  const t = useQuestionText();
  const [bundles, setBundles] = useState<Bundle[] | null>(null);
  const [bundleId, setBundleId] = useState("");
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ id: string; title: string }[]>([]);
  const [items, setItems] = useState<Map<string, string>>(new Map());
  const [similar, setSimilar] = useState<Question[]>([]);
  const [linked, setLinked] = useState<Set<string>>(new Set());
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    api.bundles(null, ctl.signal).then(
      (page) => setBundles(page.list.filter((b) => b.status === "published")),
      (err) => !isAbort(err) && setBundles([]),
    );
    // Open questions in the same theme: the ones one answer may serve as well.
    api.questions({ theme: question.themes[0] }, null, ctl.signal).then(
      (page) => setSimilar(page.list.filter((other) => other.id !== question.id && other.visibility !== "private" && (other.status === "open" || other.status === "claimed"))),
      () => undefined,
    );
    return () => ctl.abort();
  }, [api, question.id]);

  useEffect(() => {
    if (!q.trim()) {
      setFound([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api.searchItems({ q: q.trim() }, { limit: 8 }, ctl.signal).then(
        (page) => setFound(page.list.map((item) => ({ id: item.id, title: item.title }))),
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [api, q]);

  const toggleItem = (id: string, title: string) => {
    const next = new Map(items);
    if (next.has(id)) next.delete(id);
    else next.set(id, title);
    setItems(next);
  };
  const toggleLinked = (id: string) => {
    const next = new Set(linked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setLinked(next);
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (!bundleId && items.size === 0) {
      setError(t("questions.answer.needsSomething"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answered = await api.answerQuestion(question.id, {
        bundleId: bundleId || undefined,
        itemIds: items.size ? [...items.keys()] : undefined,
        note: note.trim(),
        questionIds: linked.size ? [...linked] : undefined,
      });
      const offered = answered.offers.length;
      announce(offered === 0 ? t("questions.answer.doneNoOffer") : offered === 1 ? t("questions.answer.doneOne") : t("questions.answer.done", { count: offered }));
      onAnswered();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const shown = [...new Map([...[...items].map(([id, title]) => [id, { id, title }] as const), ...found.map((f) => [f.id, f] as const)]).values()];
  return (
    <form class="card answer-form" aria-labelledby="answer-heading" onSubmit={(e) => void send(e)} noValidate data-testid="answer-form">
      <h3 id="answer-heading">{t("questions.answer.heading")}</h3>
      <div class="field">
        <label for="answer-bundle">{t("questions.answer.bundle")}</label>
        <select id="answer-bundle" value={bundleId} disabled={bundles === null} onChange={(e) => setBundleId((e.target as HTMLSelectElement).value)}>
          <option value="">{bundles === null ? t("common.loading") : t("questions.answer.noBundle")}</option>
          {(bundles ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.title}
            </option>
          ))}
        </select>
        {bundles !== null && bundles.length === 0 && <p class="hint">{t("questions.answer.noBundles")}</p>}
      </div>
      <fieldset class="field">
        <legend>{t("questions.answer.items")}</legend>
        <label for="answer-item-search" class="visually-hidden">
          {t("questions.answer.itemSearch")}
        </label>
        <input id="answer-item-search" type="search" placeholder={t("questions.answer.itemSearch")} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        {shown.map((item) => (
          <label class="check" key={item.id}>
            <input type="checkbox" checked={items.has(item.id)} onChange={() => toggleItem(item.id, item.title)} />
            <span>{item.title}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>{t("questions.answer.similar")}</legend>
        {similar.length === 0 && <p class="hint">{t("questions.answer.similarNone")}</p>}
        {similar.map((other) => (
          <label class="check" key={other.id}>
            <input type="checkbox" checked={linked.has(other.id)} onChange={() => toggleLinked(other.id)} />
            <span>
              {other.question}
              {other.school && <span class="hint"> — {other.school.name}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="answer-note">{t("questions.answer.note")}</label>
        <textarea id="answer-note" maxLength={4000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {t("questions.answer.send")}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
