import type { UiLanguage } from "../../shared/i18n";

const CHOSEN = "knooppunt.web.language";

/** The person's choice on this browser, else the browser's language (English for English, else Dutch). */
export function webLanguage(): UiLanguage {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen === "nl" || chosen === "en") return chosen;
  return /^en\b/i.test(navigator.language) ? "en" : "nl";
}

export const chooseLanguage = (language: UiLanguage) => localStorage.setItem(CHOSEN, language);
