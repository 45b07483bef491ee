import { useEffect, useState } from "preact/hooks";
import type { QuestionSuggestions } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { siteOf } from "../../lib/format";
import { useSession } from "../context";
import { useQuestionText } from "./question-text";

/** Long enough that a teacher typing a sentence does not send a search per letter. */
const DEBOUNCE_MS = 400;

export type Closer = { bundleId: string; title: string } | { itemId: string; title: string };

/**
 * "Misschien helpt dit al": what the library already holds for the question being typed (only what the
 * asker may read; the server decides), each with a way to close the question with it.
 */
export function Suggestions({ text, themes, busy, onClose, whileTyping = false }: { text: string; themes: string[]; busy: boolean; onClose(with_: Closer): void; whileTyping?: boolean }) {
  const { api, announce } = useSession();
  const t = useQuestionText();
  const [found, setFound] = useState<QuestionSuggestions | null>(null);
  const [searching, setSearching] = useState(false);
  const q = text.trim();
  const themeKey = themes.join(",");

  useEffect(() => {
    if (q.length < 3 && themes.length === 0) {
      setFound(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      api.questionSuggestions(q, themes, ctl.signal).then(
        (answer) => {
          setSearching(false);
          setFound(answer);
          const count = answer.bundles.length + answer.items.length;
          // While typing, said once per settled search (not per keystroke); under a question already asked, the list just sits there.
          if (count > 0 && whileTyping) announce(t("questions.suggest.found", { count }));
        },
        (error) => {
          if (isAbort(error)) return;
          setSearching(false);
          setFound(null);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [api, q, themeKey]);

  if (!found && !searching) return null;
  const count = (found?.bundles.length ?? 0) + (found?.items.length ?? 0);
  return (
    <section class="notice info" aria-labelledby="question-suggestions-heading" data-testid="question-suggestions">
      <h3 id="question-suggestions-heading">{t("questions.suggest.heading")}</h3>
      {searching && !found && <p class="hint">{t("questions.suggest.searching")}</p>}
      {found && count === 0 && <p class="hint">{t("questions.suggest.none")}</p>}
      {found && count > 0 && (
        <ul class="question-suggestions">
          {found.bundles.map((bundle) => (
            <li key={`b-${bundle.id}`} class="card" data-testid="suggestion" data-kind="bundle">
              <p class="card-meta">
                <span class="badge">{t("questions.suggest.bundle")}</span>
              </p>
              <p class="card-title">
                <a href={api.absolute(bundle.url)} target="_blank" rel="noopener noreferrer">
                  {bundle.title}
                  <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
                </a>
              </p>
              {bundle.about && <p class="card-excerpt">{bundle.about}</p>}
              <button type="button" class="button secondary" disabled={busy} aria-label={`${t("questions.suggest.closeWith")}: ${bundle.title}`} onClick={() => onClose({ bundleId: bundle.id, title: bundle.title })}>
                {t("questions.suggest.closeWith")}
              </button>
            </li>
          ))}
          {found.items.map((item) => (
            <li key={`i-${item.id}`} class="card" data-testid="suggestion" data-kind="item">
              <p class="card-meta">
                <span>{siteOf(item)}</span>
              </p>
              <p class="card-title">
                <a href={item.url} target="_blank" rel="noopener noreferrer">
                  {item.title}
                  <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
                </a>
              </p>
              {item.excerpt && <p class="card-excerpt">{item.excerpt}</p>}
              <button type="button" class="button secondary" disabled={busy} aria-label={`${t("questions.suggest.closeWith")}: ${item.title}`} onClick={() => onClose({ itemId: item.id, title: item.title })}>
                {t("questions.suggest.closeWith")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
