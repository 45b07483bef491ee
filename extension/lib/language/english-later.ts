/**
 * The extension's screens ship their Dutch texts in the first load and the English ones in a chunk of
 * their own (see englishLater in wxt.config.ts): half the catalogue is not read by a person reading
 * Dutch. A screen that will show English waits for that chunk before it first paints; every other screen
 * fetches it right after, so a switch to English in the settings finds it there.
 */
import { addTexts } from "../../../shared/i18n/translate";
import { effectiveSettings, settingsItem } from "../storage";

let english: Promise<void> | undefined;

export function loadEnglish(): Promise<void> {
  english ??= import("virtual:knooppunt-english").then((m) => addTexts("en", m.default));
  return english;
}

/** Before a screen's first render: English is there if the screen will be in English. */
export async function textsBeforeFirstPaint(): Promise<void> {
  const language = effectiveSettings(await settingsItem.getValue()).language;
  if (language === "en") return loadEnglish();
  setTimeout(() => void loadEnglish(), 0);
}
