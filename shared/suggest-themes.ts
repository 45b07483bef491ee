/**
 * Themes suggested from the page itself: its title, keywords, headings and readable text, matched against
 * the taxonomy's names and synonyms in Dutch and English. Pure: the popup gives it what the extractor read
 * and the taxonomy it has; tests give it fixtures.
 *
 * Matching folds case and diacritics (`foldText`) and the commonest word forms, so "thuistaal" finds
 * Thuistalen, "nieuwkomer" Nieuwkomers and "responsieve" responsief. Short all-capital synonyms ("ISK",
 * "PLG") match only as capitals, so the Dutch word "plg" or a stray "sen" does not count.
 */
import type { ExtractedPage } from "./clip-request";
import { foldText } from "./text";

/** The parts of a theme the matcher reads: the API's `Theme` and the seed taxonomy both fit. */
export interface MatchableTheme {
  slug: string;
  name: { nl: string; en: string };
  parent: string | null;
  synonyms: readonly string[];
}

/** What the page says about itself. Every part is optional: a page read by title alone still gets its chance. */
export interface PageSignals {
  title?: string | null;
  keywords?: readonly string[];
  headings?: readonly string[];
  /** The readable text (and the excerpt, if it is not part of the text). */
  text?: string | null;
}

/** What an extracted page gives the matcher: title, keywords, headings, and the excerpt with the text. */
export function pageSignals(page: Pick<ExtractedPage, "title" | "keywords" | "headings" | "text" | "meta">): PageSignals {
  const excerpt = page.meta.excerpt ?? "";
  const text = page.text ?? "";
  return {
    title: page.title,
    // Pages read by an older extractor (a clip queued before an update) have neither.
    keywords: page.keywords ?? [],
    headings: page.headings ?? [],
    text: excerpt && !text.includes(excerpt) ? `${excerpt} ${text}` : text,
  };
}

export interface ThemeSuggestions {
  /** Strong matches, to start the form with: named in the title, keywords or headings, or repeated in the text. */
  preselected: string[];
  /** Weaker matches, offered as one-click chips: named in the text once or twice. */
  offered: string[];
}

/** How often a theme must be named in the text alone to count as strong. */
export const REPEATED_IN_TEXT = 3;
const MAX_PRESELECTED = 4;
const MAX_OFFERED = 4;
/** Words shorter than this are too common to match on their own (acronyms aside). */
const MIN_WORD = 3;

interface Term {
  slug: string;
  /** The word forms of each word of the term, or the exact words of an acronym. */
  words: string[][];
  acronym: boolean;
}

const ACRONYM = /^[A-Z0-9&-]{2,6}$/;
const SUFFIXES = ["'s", "es", "en", "s", "e"];

const splitWords = (value: string) => value.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);

/** Dutch spelling doubles a vowel in an open syllable (taal, talen) and a consonant before -en (les, lessen). */
const canonical = (word: string) => word.replace(/([aeou])\1/g, "$1").replace(/([^aeiou])\1$/, "$1");

/** A word's forms: itself and itself without a plural or inflection ending ("thuistalen" → "thuistal"). */
function wordForms(word: string): string[] {
  const folded = foldText(word);
  const forms = new Set([canonical(folded)]);
  for (const suffix of SUFFIXES) {
    if (!folded.endsWith(suffix) || folded.length - suffix.length < MIN_WORD) continue;
    // responsieve → responsief, huizen → huis
    const stem = folded.slice(0, -suffix.length).replace(/v$/, "f").replace(/z$/, "s");
    forms.add(canonical(stem));
  }
  return [...forms];
}

/** Every way a theme is named: names in both languages, with and without their bracketed part, and synonyms. */
function namesOf(theme: MatchableTheme): string[] {
  const names = [theme.name.nl, theme.name.en].flatMap((name) => {
    // "NT2 (Nederlands als tweede taal)" is named by either part; "(Hoog)begaafdheid" by both spellings, not by "hoog".
    const explained = /^(.*\S)\s+\(([^)]+)\)$/.exec(name.trim());
    return explained ? [explained[1]!, explained[2]!] : [name.replace(/\([^)]*\)/g, ""), name.replace(/[()]/g, "")];
  });
  return [...names, ...theme.synonyms];
}

function termsOf(taxonomy: readonly MatchableTheme[]): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  for (const theme of taxonomy) {
    for (const name of namesOf(theme)) {
      const raw = name.trim();
      const acronym = ACRONYM.test(raw) && /[A-Z]/.test(raw);
      const words = splitWords(raw);
      if (words.length === 0) continue;
      if (!acronym && words.length === 1 && foldText(words[0]!).length < MIN_WORD) continue;
      const key = `${theme.slug}|${acronym ? raw : foldText(raw)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push({ slug: theme.slug, acronym, words: words.map((word) => (acronym ? [word] : wordForms(word))) });
    }
  }
  return terms;
}

/** The terms indexed by the forms of their first word, so a long text is read once. */
function indexOf(terms: Term[]): Map<string, Term[]> {
  const index = new Map<string, Term[]>();
  for (const term of terms) {
    for (const form of term.words[0]!) {
      const key = term.acronym ? `A:${form}` : form;
      index.set(key, [...(index.get(key) ?? []), term]);
    }
  }
  return index;
}

/** How many times each theme is named in a piece of text. */
function countIn(text: string, index: Map<string, Term[]>): Map<string, number> {
  const words = splitWords(text);
  const forms = words.map(wordForms);
  const counts = new Map<string, number>();
  const sameWord = (term: Term, position: number, at: number) => {
    const expected = term.words[position]!;
    return term.acronym ? words[at] === expected[0] : forms[at]!.some((form) => expected.includes(form));
  };
  for (let at = 0; at < words.length; at++) {
    const candidates = new Set([...forms[at]!.flatMap((form) => index.get(form) ?? []), ...(index.get(`A:${words[at]}`) ?? [])]);
    const named = new Set<string>();
    for (const term of candidates) {
      if (named.has(term.slug) || at + term.words.length > words.length) continue;
      if (term.words.every((_, position) => sameWord(term, position, at + position))) named.add(term.slug);
    }
    for (const slug of named) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  return counts;
}

/**
 * The themes a page is about. A sub-theme's match also suggests its parent, as strongly. A page that names
 * no theme gets none: nothing is carried over from elsewhere.
 */
export function suggestThemes(page: PageSignals, taxonomy: readonly MatchableTheme[]): ThemeSuggestions {
  const index = indexOf(termsOf(taxonomy));
  const prominent = [page.title ?? "", ...(page.keywords ?? []), ...(page.headings ?? [])];
  const inProminent = new Map<string, number>();
  for (const text of prominent) for (const [slug, count] of countIn(text, index)) inProminent.set(slug, (inProminent.get(slug) ?? 0) + count);
  const inText = countIn(page.text ?? "", index);

  // A score per theme: prominent mentions weigh far more than mentions in the text.
  const score = new Map<string, { strong: boolean; points: number }>();
  for (const theme of taxonomy) {
    const prominentCount = inProminent.get(theme.slug) ?? 0;
    const textCount = inText.get(theme.slug) ?? 0;
    if (prominentCount + textCount === 0) continue;
    score.set(theme.slug, { strong: prominentCount > 0 || textCount >= REPEATED_IN_TEXT, points: prominentCount * 10 + textCount });
  }
  const bySlug = new Map(taxonomy.map((theme) => [theme.slug, theme]));
  for (const [slug, child] of [...score]) {
    const parent = bySlug.get(slug)?.parent;
    if (!parent || !bySlug.has(parent)) continue;
    const own = score.get(parent);
    score.set(parent, { strong: (own?.strong ?? false) || child.strong, points: Math.max(own?.points ?? 0, child.points) });
  }

  // The best few of each kind, shown in the taxonomy's order (a parent before its sub-themes).
  const order = new Map(taxonomy.map((theme, position) => [theme.slug, position]));
  const best = (strong: boolean, max: number) =>
    [...score]
      .filter(([, s]) => s.strong === strong)
      .sort(([a, sa], [b, sb]) => sb.points - sa.points || order.get(a)! - order.get(b)!)
      .slice(0, max)
      .map(([slug]) => slug)
      .sort((a, b) => order.get(a)! - order.get(b)!);
  return { preselected: best(true, MAX_PRESELECTED), offered: best(false, MAX_OFFERED) };
}
