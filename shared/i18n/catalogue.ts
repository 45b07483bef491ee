/**
 * The one catalogue: every surface's texts (./common, ./extension, ./pages, ./feeds, ./webhooks) joined
 * under keys that never repeat across surfaces. The server reads it whole; the extension's pages are built
 * without it and carry, in each script, the Dutch texts that script names (textsWithTheirScreens in
 * wxt.config.ts), so a first screen does not load every other screen's words.
 */
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
export type CatalogueKey = keyof typeof nl;

export const CATALOGUE: { nl: Record<CatalogueKey, string>; en: Record<CatalogueKey, string> } = {
  nl,
  en: { ...common.en, ...extension.en, ...pages.en, ...feeds.en, ...webhooks.en },
};
