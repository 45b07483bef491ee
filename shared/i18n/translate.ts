/**
 * The one catalogue and the one `translate`: every surface's texts (./common, ./extension, ./pages,
 * ./feeds, ./webhooks) joined under keys that never repeat across surfaces.
 */
import type { ItemKind, ItemSector, Language, Visibility } from "../vocabulary";
import { common } from "./common";
import { extension } from "./extension";
import { feeds } from "./feeds";
import { pages } from "./pages";
import { webhooks } from "./webhooks";

// The spreads below would let a key repeated in a later surface win silently; this makes a repeat a type error.
type Keys<T extends { nl: object }> = keyof T["nl"];
type Unique<T extends never> = T;
export type CataloguesDoNotOverlap = Unique<
  | Extract<Keys<typeof common>, Keys<typeof extension> | Keys<typeof pages> | Keys<typeof feeds> | Keys<typeof webhooks>>
  | Extract<Keys<typeof extension>, Keys<typeof pages> | Keys<typeof feeds> | Keys<typeof webhooks>>
  | Extract<Keys<typeof pages>, Keys<typeof feeds> | Keys<typeof webhooks>>
  | Extract<Keys<typeof feeds>, Keys<typeof webhooks>>
>;

const nl = { ...common.nl, ...extension.nl, ...pages.nl, ...feeds.nl, ...webhooks.nl };
type CatalogueKey = keyof typeof nl;

const CATALOGUES: Record<Language, Record<CatalogueKey, string>> = {
  nl,
  en: { ...common.en, ...extension.en, ...pages.en, ...feeds.en, ...webhooks.en },
};

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
  const template = CATALOGUES[language][entry] ?? CATALOGUES.nl[entry];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
 * Adds texts that arrive after start: the extension's build leaves a language's texts out of a screen's
 * first load and adds them here (extension/lib/language/english-later.ts). Until then a text shows in Dutch.
 */
export function addTexts(language: Language, texts: Readonly<Record<string, string>>): void {
  Object.assign(CATALOGUES[language], texts);
}
