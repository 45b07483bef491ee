/**
 * The extension's screens ship their Dutch texts in the first load and the English ones in a chunk of
 * their own (see englishLater in wxt.config.ts): a person reading Dutch never needs them, so the chunk is
 * fetched only when a screen is about to show English — before its first paint, or before it switches
 * when the person chooses English in the settings.
 */
import { addTexts } from "../../../shared/i18n/translate";
import type { UiLanguage } from "../../../shared/i18n";
import { effectiveSettings, settingsItem } from "../storage";

let english: Promise<void> | undefined;

function loadEnglish(): Promise<void> {
  english ??= import("virtual:knooppunt-english").then(
    (m) => addTexts("en", m.default),
    (error: unknown) => {
      // Tried again the next time English is asked for.
      english = undefined;
      throw error;
    },
  );
  return english;
}

/** Resolves when a screen may show `language`; a failed fetch rejects, and the screen shows Dutch. */
export const textsFor = (language: UiLanguage): Promise<void> => (language === "en" ? loadEnglish() : Promise.resolve());

/** Before a screen's first render: English is there if the screen will be in English. */
export async function textsBeforeFirstPaint(): Promise<void> {
  await textsFor(effectiveSettings(await settingsItem.getValue()).language);
}
