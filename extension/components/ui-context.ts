/**
 * What the shared widgets need from whatever page mounts them: the person's language, a translate
 * function, a polite live region, and a way to the sign-in screen. The extension's side panel provides it;
 * a web page mounting the same features provides its own, so no widget reaches for `browser.*`.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { UiLanguage } from "../../shared/i18n";
import type { Translate } from "../lib/api-error";

export type { Translate };

export interface UiContextValue {
  language: UiLanguage;
  t: Translate;
  /** Says something to screen-reader users without moving focus. */
  announce(message: string): void;
  /** Where a person whose session ended signs in again. */
  openSignIn(): void;
}

export const UiContext = createContext<UiContextValue | null>(null);

export function useUi(): UiContextValue {
  const value = useContext(UiContext);
  if (!value) throw new Error("useUi outside a UiContext provider");
  return value;
}
