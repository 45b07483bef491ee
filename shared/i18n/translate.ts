/**
 * The one `translate` over the one catalogue (./catalogue). The extension's pages start with an empty one
 * and receive each script's texts as the script loads (see ./catalogue); a text that is not there yet
 * falls back to Dutch, and one that never came to its key, so a screen shows a word out of place rather
 * than nothing at all.
 */
import type { ItemKind, ItemSector, Language, Visibility } from "../vocabulary";
import { CATALOGUE, type CatalogueKey } from "./catalogue";

const CATALOGUES: Record<Language, Record<string, string>> = CATALOGUE;
const nl = CATALOGUES.nl;

/**
 * The extension's older names for texts that now live once in ./common. Kept so the extension's screens
 * need no change while they are being moved; a screen that switches to the common key lets its alias go.
 */
const ALIASES = {
  "popup.note": "bundle.use",
  "bundle.field.use": "bundle.use",
  "bundle.field.about": "bundle.about",
  "bundle.preview.kicker": "bundle.kicker",
  "bundle.preview.curatedBy": "bundle.curatedBy",
  "bundle.preview.items": "bundle.itemsCounted",
} as const satisfies Record<string, CatalogueKey>;

export type MessageKey = CatalogueKey | keyof typeof ALIASES;

const isAlias = (key: MessageKey): key is keyof typeof ALIASES => Object.hasOwn(ALIASES, key);

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry = isAlias(key) ? ALIASES[key] : key;
  const template = CATALOGUES[language][entry] ?? CATALOGUES.nl[entry] ?? entry;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `translate` that also knows a screen's own keys (see {@link screenTexts}). */
export type ScreenTranslate<K extends string> = (language: Language, key: K | MessageKey, params?: Record<string, string | number>) => string;

/**
 * The texts of a screen that is loaded on demand (the questions tab, the import screens), kept out of the
 * one catalogue so that no first screen carries them: they join it when the screen's script loads, and
 * the one `translate` reads them from there, typed with the screen's keys.
 */
export function screenTexts<K extends string>(texts: Record<Language, Record<K, string>>): ScreenTranslate<K> {
  addTexts("nl", texts.nl);
  addTexts("en", texts.en);
  return (language, key, params) => translate(language, key as MessageKey, params);
}

/** The catalogue's sentence for an API error code, when it has one: the server's own messages are English. */
export function apiErrorKey(code: string): MessageKey | null {
  const key = `apiError.${code}`;
  return key in nl ? (key as MessageKey) : null;
}

export const kindKey = (kind: ItemKind) => `kind.${kind}` as const satisfies MessageKey;
export const visibilityKey = (visibility: Visibility) => `visibility.${visibility}` as const satisfies MessageKey;
export const sectorKey = (sector: ItemSector) => `sector.${sector}` as const satisfies MessageKey;

/**
 * Adds texts that arrive after start: the extension's build leaves texts out of a screen's first load and
 * adds them here, the Dutch with each script that names them (./catalogue), the English in one go
 * (extension/lib/language/english-later.ts). Until then a text shows in Dutch.
 */
export function addTexts(language: Language, texts: Readonly<Record<string, string>>): void {
  Object.assign(CATALOGUES[language], texts);
}
