/** Lower-case, without diacritics, single-spaced: how people type names into a search box. */
export const foldText = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
