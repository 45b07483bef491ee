/**
 * "Misschien helpt dit al": while someone types a question, the bundles and items that may already answer
 * it. Only what the asker may read: items through the library's own search (the one visibility rule),
 * bundles in the asker's audience. A question is a sentence, and the library's search wants every word,
 * so the search uses the few longest words that are not question words, then widens.
 */
import type { QuestionSuggestions } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { bundlesMatching } from "../../db/repositories/questions/questions";
import { audiencesReadBy } from "../access/visibility";
import { listItems } from "../library/search";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";

const LIMIT = 5;
/**
 * Suggestions rank the newest 200 matches of each search, not the library's 2000: five suggestions
 * while someone types need the best recent matches, not the best of the whole library, and a theme
 * that few of a common word's matches carry made the wider window cost ~60 ms (p50, busy machine) at
 * 100k items; 18 ms with 200.
 */
const RANK_CAP = 200;
/** Dutch and English words that say "this is a question" rather than what it is about. */
const QUESTION_WORDS = new Set(
  "hoe wat welke welk waarom wanneer waar wie kunnen kan kunnen moeten moet willen wil zijn is wordt worden hebben heeft onze ons onze wij jullie deze dit die dat voor met zonder over naar door tussen bij een het de en of ook nog niet meer goed goede beter manier manieren leerlingen klas school onze how what which why when where who can could should would does have with for from about into this that these those the and our".split(
    " ",
  ),
);

/** The most telling words of a question: not question words, longest first, at most `n`. */
export function tellingWords(text: string, n = 3): string[] {
  const words = (text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !QUESTION_WORDS.has(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, n);
}

export function suggestAnswers(ctx: ServiceContext, viewer: SignedInViewer, query: { q: string; themes?: string[] }): QuestionSuggestions {
  const chosen = query.themes?.length ? requireThemes(ctx, query.themes) : [];
  const index = themeIndex(ctx);
  const themes = [...new Set(chosen.flatMap((slug) => index.withDescendants(slug)))];
  const words = tellingWords(query.q);

  const items = new Map<string, QuestionSuggestions["items"][number]>();
  const add = (found: ReturnType<typeof listItems>["items"]) => {
    for (const item of found) {
      if (items.size >= LIMIT) return;
      items.set(item.id, { id: item.id, title: item.title, url: item.url, kind: item.kind, siteName: item.siteName, excerpt: item.excerpt });
    }
  };
  const search = (q: string | undefined, theme: string[] | undefined) =>
    add(listItems(ctx, viewer, { q, theme, limit: LIMIT, sort: q ? "relevance" : "recent" }, { rankCap: RANK_CAP }).items);
  // Narrow to wide: the words within the themes, the words anywhere, the most telling word anywhere, the themes alone.
  if (words.length) search(words.join(" "), chosen.length ? chosen : undefined);
  if (words.length && chosen.length && items.size < LIMIT) search(words.join(" "), undefined);
  if (words.length > 1 && items.size < LIMIT) search(words[0], undefined);
  if (chosen.length && items.size < LIMIT) search(undefined, chosen);

  const bundles = bundlesMatching(ctx, audiencesReadBy(viewer), themes, words, LIMIT).map((b) => ({
    id: b.id,
    title: b.title,
    about: b.about,
    themes: JSON.parse(b.themes) as string[],
    url: ctx.links.bundlePage(b.slug),
  }));
  return { bundles, items: [...items.values()] };
}
