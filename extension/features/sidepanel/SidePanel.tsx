import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Bundle } from "../../../shared/schemas";
import { translate, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { sendMessage } from "../../lib/messaging";
import { KnooppuntApi } from "../../lib/api";
import { browserLanguage, effectiveSettings, libraryFocusItem, sessionItem, settingsItem, type LibraryFocus, type Session } from "../../lib/storage";
import { themeLabelOf } from "../../components/themes/theme-label";
import { UiContext } from "../../components/ui-context";
import { BundleDraft, MAX_BUNDLE_ITEMS, useDraft } from "../bundles/bundle-draft";
import { Bundles } from "../bundles/Bundles";
import { SessionContext, type SessionContextValue } from "../context";
import { Inbox } from "../inbox/Inbox";
import type { BundleTarget } from "../library/ItemCard";
import { Library } from "../library/Library";
import { Subscriptions } from "../subscriptions/Subscriptions";
import { itemDeleted, openSettings, pageInView } from "./host";
import { Tabs, TabPanel, type TabId } from "./Tabs";

/** A focus request older than this is left alone: the person opened the panel for something else. */
const FOCUS_MAX_AGE_MS = 60_000;

export function SidePanel() {
  const [language, setLanguage] = useState<UiLanguage>(browserLanguage);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [themes, setThemes] = useState<Theme[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [focus, setFocus] = useState<{ itemId: string; nonce: number } | null>(null);
  const [tab, setTab] = useState<TabId>("library");
  const [draftSource, setDraft] = useState<BundleDraft | null>(null);
  const draft = useDraft(draftSource);

  useEffect(() => {
    void settingsItem.getValue().then((s) => setLanguage(effectiveSettings(s).language));
    void sessionItem.getValue().then(setSession);
    const takeFocus = (request: LibraryFocus | null) => {
      if (!request || Date.now() - Date.parse(request.requestedAt) > FOCUS_MAX_AGE_MS) return;
      setFocus({ itemId: request.itemId, nonce: Date.now() });
      setTab("library");
      void libraryFocusItem.setValue(null);
    };
    void libraryFocusItem.getValue().then(takeFocus);
    const unwatch = [
      settingsItem.watch((s) => setLanguage(effectiveSettings(s).language)),
      sessionItem.watch((s) => setSession(s)),
      libraryFocusItem.watch(takeFocus),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  useEffect(() => {
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

  const t = useMemo(() => (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params), [language]);
  const announceTimer = useRef<ReturnType<typeof setTimeout>>();
  const context = useMemo<SessionContextValue | null>(() => {
    if (!session || !api) return null;
    const bySlug = new Map(themes.map((theme) => [theme.slug, theme]));
    return {
      language,
      t,
      session,
      api,
      themes,
      themeLabel: (slug) => themeLabelOf(bySlug, slug, language),
      themeName: (slug) => bySlug.get(slug)?.name[language] ?? slug,
      announce: (message) => {
        // Emptied first, so the same sentence twice is announced twice.
        setAnnouncement("");
        clearTimeout(announceTimer.current);
        announceTimer.current = setTimeout(() => setAnnouncement(message), 50);
      },
      openSignIn: openSettings,
      itemDeleted,
      pageInView,
    };
  }, [language, session, api, themes, t]);

  // A new identity only when the bundle's title or items change, so the library does not re-render on
  // every keystroke in the bundle's texts.
  const draftTitle = draft?.fields.title;
  const draftItems = draft?.items;
  const bundleTarget = useMemo<BundleTarget | null>(
    () =>
      draftSource && context && session?.user.roles.includes("broker")
        ? {
            title: draftSource.fields.title,
            has: (itemId) => draftSource.has(itemId),
            add: (item) => {
              if (draftSource.add(item)) context.announce(t("bundle.items.added", { title: item.title, position: draftSource.items.length }));
              else context.announce(t("bundle.items.full", { max: MAX_BUNDLE_ITEMS }));
            },
          }
        : null,
    [draftSource, draftTitle, draftItems, context],
  );

  // Someone else signed in: the open bundle was theirs.
  useEffect(() => {
    setDraft((current) => {
      current?.dispose();
      return null;
    });
  }, [token]);

  if (session === undefined) {
    return (
      <main class="panel" aria-busy="true">
        <p class="hint">{t("common.loading")}</p>
      </main>
    );
  }

  if (!session || !context) {
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

  const isBroker = session.user.roles.includes("broker");
  const tabs: { id: TabId; label: string }[] = [{ id: "library", label: t("panel.tab.library") }];
  if (session.schools.length > 0) tabs.push({ id: "inbox", label: t("panel.tab.inbox") }, { id: "subscriptions", label: t("panel.tab.subscriptions") });
  if (isBroker) tabs.push({ id: "bundles", label: t("panel.tab.bundles") });
  const tabbed = tabs.length > 1;
  // A tab that went away (another person signed in) falls back to the library.
  const selected = tabs.some((t) => t.id === tab) ? tab : "library";

  const openBundle = (bundle: Bundle) => {
    draftSource?.dispose();
    setDraft(new BundleDraft(context.api, bundle));
    setTab("bundles");
  };

  return (
    <UiContext.Provider value={context}>
      <SessionContext.Provider value={context}>
          {/* Keyed by the token: when someone else signs in, no search, filter or draft carries over. */}
          <main class="panel" key={session.token}>
            <header class="panel-header">
              <div class="row spread">
                <h1>{t("app.name")}</h1>
                <button type="button" class="link-button" onClick={openSettings}>
                  {t("popup.settings")}
                </button>
              </div>
              <Tabs tabs={tabs} selected={selected} onSelect={setTab} />
            </header>
            <TabPanel id="library" label={t("panel.tab.library")} selected={selected} tabbed={tabbed}>
              {bundleTarget && (
                <p class="notice info working-on" data-testid="working-on">
                  {t("bundle.workingOn", { title: bundleTarget.title })}{" "}
                  <button type="button" class="link-button" onClick={() => setTab("bundles")}>
                    {t("bundle.backToBundle")}
                  </button>
                </p>
              )}
              <Library bundle={bundleTarget} focus={focus} />
            </TabPanel>
            {session.schools.length > 0 && (
              <TabPanel id="inbox" label={t("panel.tab.inbox")} selected={selected} tabbed={tabbed}>
                <Inbox />
              </TabPanel>
            )}
            {session.schools.length > 0 && (
              <TabPanel id="subscriptions" label={t("panel.tab.subscriptions")} selected={selected} tabbed={tabbed}>
                <Subscriptions />
              </TabPanel>
            )}
            {isBroker && (
              <TabPanel id="bundles" label={t("panel.tab.bundles")} selected={selected} tabbed={tabbed}>
                <Bundles
                  draft={draft}
                  onOpen={openBundle}
                  onClose={() => {
                    draftSource?.dispose();
                    setDraft(null);
                  }}
                  onShowLibrary={() => {
                    setTab("library");
                    setTimeout(() => document.getElementById("library-q")?.focus(), 0);
                  }}
                />
              </TabPanel>
            )}
            <div class="visually-hidden" aria-live="polite" data-testid="announcer">
              {announcement}
            </div>
          </main>
      </SessionContext.Provider>
    </UiContext.Provider>
  );
}
