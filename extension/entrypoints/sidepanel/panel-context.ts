/**
 * What every part of the side panel needs: the person's language, session and API client, the theme
 * taxonomy, and a polite live region for announcements.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import type { Translate } from "../../lib/api-error";
import type { PanelApi } from "../../lib/panel-api";
import type { Session } from "../../lib/storage";

export type { Translate };

export interface PanelContextValue {
  language: UiLanguage;
  t: Translate;
  session: Session;
  api: PanelApi;
  themes: Theme[];
  /** "NT2 › Nieuwkomers" for a sub-theme, the name for a main theme, the slug for an unknown one. */
  themeLabel(slug: string): string;
  /** Just the theme's own name, for the chips on a card. */
  themeName(slug: string): string;
  /** Says something to screen-reader users without moving focus. */
  announce(message: string): void;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error("usePanel outside the side panel");
  return value;
}

export { describeError, errorKind, type ErrorKind } from "../../lib/api-error";

export function formatDate(language: string, iso: string | null, withTime = false): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(language === "en" ? "en-GB" : "nl-NL", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
}
