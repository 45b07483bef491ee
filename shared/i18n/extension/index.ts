/** The extension's catalogue, by screen; the keys of the four parts do not overlap (each owns its prefixes). */
import type { Language } from "../../vocabulary";
import { bundles } from "./bundles";
import { clipper } from "./clipper";
import { library } from "./library";
import { schools } from "./schools";

export const extension = {
  nl: { ...clipper.nl, ...library.nl, ...bundles.nl, ...schools.nl },
  en: { ...clipper.en, ...library.en, ...bundles.en, ...schools.en },
};

/** "3 collega's" / "3 colleagues": the count in the popup's "already saved" line. */
export function colleagues(language: Language, count: number): string {
  if (language === "en") return count === 1 ? "1 colleague" : `${count} colleagues`;
  return count === 1 ? "1 collega" : `${count} collega's`;
}
