/**
 * Every visible text, Dutch first and English beside it, in catalogues by surface (extension, pages,
 * feeds, webhooks) behind one `translate`. The names the extension imports from `shared/i18n` stay.
 */
import type { Language } from "../vocabulary";

export { apiErrorKey, kindKey, sectorKey, translate, visibilityKey, type MessageKey } from "./translate";
export { savedByKey, type SavedByKey } from "./saved-by";
export { pickLanguage } from "./language";
export type { Language };
/** The extension's name for {@link Language}. */
export type UiLanguage = Language;
