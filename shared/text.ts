/** Lower-case, without diacritics, single-spaced: how people type names into a search box. */
export const foldText = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

/**
 * A broker's plain text as the bundle page and its preview show it: blank lines make paragraphs, single
 * newlines line breaks. Returns the paragraphs, each as its lines.
 */
export const paragraphs = (text: string): string[][] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split("\n"));
