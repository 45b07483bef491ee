import type { MessageKey } from "../../../shared/i18n";
import type { ImportKey } from "../../../shared/i18n/extension/imports/import-screens";

/** The import screens' translate: their own texts, and every other text of the catalogue. */
export type ImportTranslate = (key: ImportKey | MessageKey, params?: Record<string, string | number>) => string;
