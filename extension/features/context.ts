/**
 * What every feature needs from the page that mounts it: the shared widgets' UI context plus the signed-in
 * person, their API client and the theme taxonomy, and the few things only the host can do (the
 * extension's side panel tells its background; a web page would do without). Features read it from
 * here and never from `browser.*`, so a plain web page can mount them too.
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Item, Theme } from "../../shared/schemas";
import type { Visibility } from "../../shared/vocabulary";
import type { UiContextValue } from "../components/ui-context";
import type { KnooppuntApi } from "../lib/api";
import type { SaveOutcome } from "../lib/messaging";
import type { Session } from "../lib/storage";

export type { Translate } from "../components/ui-context";

/** The page the person has open beside the features, when the host can see it (the extension can). */
export interface PageInView {
  /** The page's item, clipped first (into `circle`) when the library does not have it yet. */
  clip(circle: Visibility): Promise<SaveOutcome | { status: "unsupported" }>;
}

export interface SessionContextValue extends UiContextValue {
  session: Session;
  api: KnooppuntApi;
  themes: Theme[];
  /** "NT2 › Nieuwkomers" for a sub-theme, the name for a main theme, the slug for an unknown one. */
  themeLabel(slug: string): string;
  /** Just the theme's own name, for the chips on a card. */
  themeName(slug: string): string;
  /** A save was deleted: whatever else shows it (the extension's toolbar mark) must look again. */
  itemDeleted(item: Item): void;
  pageInView: PageInView | null;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside a SessionContext provider");
  return value;
}

export { describeError, errorKind, type ErrorKind } from "../lib/api-error";
