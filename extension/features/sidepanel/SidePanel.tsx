import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { translate, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { textsFor } from "../../lib/language/english-later";
import { sendMessage } from "../../lib/messaging";
import { KnooppuntApi } from "../../lib/api";
import { browserLanguage, effectiveSettings, libraryFocusItem, sessionItem, settingsItem, type LibraryFocus, type Session } from "../../lib/storage";
import { Workspace, WorkspaceLoading, type WorkspaceHost } from "../workspace/Workspace";
import { itemDeleted, openSettings, pageInView } from "./host";

/** A focus request older than this is left alone: the person opened the panel for something else. */
const FOCUS_MAX_AGE_MS = 60_000;

const host: WorkspaceHost = { openSettings, itemDeleted, pageInView };

/** The workspace in the extension's side panel: the session and settings come from the extension's storage. */
export function SidePanel() {
  const [language, setLanguage] = useState<UiLanguage>(browserLanguage);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [themes, setThemes] = useState<Theme[]>([]);
  const [focus, setFocus] = useState<{ itemId: string; nonce: number } | null>(null);

  useEffect(() => {
    // A language is shown once its texts are there (English is fetched when first asked for).
    const switchTo = (next: UiLanguage) =>
      void textsFor(next)
        .catch(() => undefined)
        .then(() => setLanguage(next));
    void settingsItem.getValue().then((s) => switchTo(effectiveSettings(s).language));
    void sessionItem.getValue().then(setSession);
    const takeFocus = (request: LibraryFocus | null) => {
      if (!request || Date.now() - Date.parse(request.requestedAt) > FOCUS_MAX_AGE_MS) return;
      setFocus({ itemId: request.itemId, nonce: Date.now() });
      void libraryFocusItem.setValue(null);
    };
    void libraryFocusItem.getValue().then(takeFocus);
    const unwatch = [
      settingsItem.watch((s) => switchTo(effectiveSettings(s).language)),
      sessionItem.watch((s) => setSession(s)),
      libraryFocusItem.watch(takeFocus),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  // In the same task as the texts it names: a screen reader never meets Dutch texts under lang="en".
  useLayoutEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const token = session?.token ?? null;
  const api = useMemo(() => (session ? new KnooppuntApi(session.serverUrl, session.token) : null), [session?.serverUrl, token]);

  // The taxonomy (cached by the background), and who the person is now: roles and schools change.
  useEffect(() => {
    if (!api || !session) return;
    void sendMessage("taxonomy").then(setThemes, () => undefined);
    const ctl = new AbortController();
    api.me(ctl.signal).then(
      async (me) => {
        const current = await sessionItem.getValue();
        if (!current || current.token !== session.token) return;
        const next = { ...current, ...me };
        if (JSON.stringify(next) !== JSON.stringify(current)) await sessionItem.setValue(next);
      },
      () => undefined, // each view shows its own failure
    );
    return () => ctl.abort();
  }, [api]);

  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  if (session === undefined) return <WorkspaceLoading language={language} />;

  if (!session || !api) {
    return (
      <main class="panel">
        <header class="panel-header">
          <h1>{t("app.name")}</h1>
        </header>
        <div class="panel-body">
          <div class="state state-warn" role="status" data-testid="signed-out">
            <p class="state-title">{t("panel.signedOutTitle")}</p>
            <p>{t("panel.signedOut")}</p>
            <button class="button" type="button" onClick={openSettings}>
              {t("popup.openOptions")}
            </button>
          </div>
        </div>
      </main>
    );
  }

  return (
    // Keyed by the token: when someone else signs in, no search, filter or draft carries over.
    <Workspace
      key={session.token}
      session={session}
      api={api}
      language={language}
      themes={themes}
      host={host}
      focus={focus}
      actions={
        <button type="button" class="link-button" onClick={openSettings}>
          {t("popup.settings")}
        </button>
      }
    />
  );
}
