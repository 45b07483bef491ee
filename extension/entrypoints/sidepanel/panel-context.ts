/**
 * What every part of the side panel needs: the person's language, session and API client, the theme
 * taxonomy, and a polite live region for announcements.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { apiErrorKey, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { ApiError } from "../../lib/api-error";
import type { PanelApi } from "../../lib/panel-api";
import type { Session } from "../../lib/storage";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

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

export type ErrorKind = "offline" | "unreachable" | "signed-out" | "forbidden" | "server" | "refused";

export function errorKind(error: unknown): ErrorKind {
  if (!(error instanceof ApiError)) return "server";
  if (error.kind === "network") return navigator.onLine === false ? "offline" : "unreachable";
  if (error.status === 401) return "signed-out";
  if (error.status === 403) return "forbidden";
  if (error.status >= 500 || error.code === "not_knooppunt") return "server";
  return "refused";
}

/** One sentence a person can act on, for any failure. */
export function describeError(error: unknown, t: Translate): string {
  const kind = errorKind(error);
  if (kind === "offline") return t("panel.error.offline");
  if (kind === "unreachable") return t("error.network");
  if (kind === "signed-out") return t("error.sessionExpired");
  if (error instanceof ApiError && error.status === 429) return t("error.rate_limited", { seconds: error.retryAfterSeconds ?? 60 });
  if (kind === "server") return t("error.server");
  // The server explains itself in English; a code the catalogue knows gets its own Dutch/English sentence.
  const known = error instanceof ApiError ? apiErrorKey(error.code) : null;
  if (known) return t(known);
  if (kind === "forbidden") return t("error.forbidden");
  return t("error.invalid", { message: (error as Error).message });
}

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
