/**
 * The signed-in person's workspace: library, inbox, subscriptions and bundles under one set of tabs. The
 * extension's side panel and the web app both mount it; each brings what only it can give (where the
 * settings are, what to do when a save is deleted, the page in view) through `WorkspaceHost`, and its own
 * header actions.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { translate, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import type { Bundle, Item, Theme } from "../../../shared/schemas";
import { themeLabelOf } from "../../components/themes/theme-label";
import { UiContext } from "../../components/ui-context";
import type { KnooppuntApi } from "../../lib/api";
import type { Session } from "../../lib/storage";
import { BundleDraft, MAX_BUNDLE_ITEMS, useDraft } from "../bundles/bundle-draft";
import { SessionContext, type PageInView, type SessionContextValue } from "../context";
import type { BundleTarget } from "../library/ItemCard";
import { Library } from "../library/Library";
import { LazyQuestions } from "../questions/LazyQuestions";
import { Tabs, TabPanel, type TabId } from "./Tabs";
import { later } from "../../components/lazy/later";

// The library is the first screen; the other tabs are fetched after it has painted (see the effect below).
const Inbox = later(() => import("../inbox/Inbox").then((m) => m.Inbox));
const Subscriptions = later(() => import("../subscriptions/Subscriptions").then((m) => m.Subscriptions));
const Bundles = later(() => import("../bundles/Bundles").then((m) => m.Bundles));

export interface WorkspaceHost {
  /** Where the person signs in again and changes settings. */
  openSettings(): void;
  /** A save was deleted: whatever else shows it must look again. */
  itemDeleted(item: Item): void;
  pageInView: PageInView | null;
}

export interface WorkspaceProps {
  session: Session;
  api: KnooppuntApi;
  language: UiLanguage;
  themes: Theme[];
  host: WorkspaceHost;
  /** An item to show in the library (from a clip just made); a new nonce asks again for the same item. */
  focus?: { itemId: string; nonce: number } | null;
  /** The tab to open with, when the host knows (the web app's address). */
  initialTab?: TabId;
  onTabChange?(tab: TabId): void;
  /** The header's actions beside the name. */
  actions?: ComponentChildren;
  /** Shown above the tabs' content, for a host's own notices. */
  notice?: ComponentChildren;
}

export function Workspace({ session, api, language, themes, host, focus = null, initialTab = "library", onTabChange, actions, notice }: WorkspaceProps) {
  const [announcement, setAnnouncement] = useState("");
  const [tab, setTabState] = useState<TabId>(initialTab);
  const [draftSource, setDraft] = useState<BundleDraft | null>(null);
  const draft = useDraft(draftSource);
  const setTab = (next: TabId) => {
    setTabState(next);
    onTabChange?.(next);
  };

  useEffect(() => {
    if (focus) setTab("library");
  }, [focus?.nonce]);

  const t = useMemo(() => (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params), [language]);
  const announceTimer = useRef<ReturnType<typeof setTimeout>>();
  const context = useMemo<SessionContextValue>(() => {
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
      openSignIn: host.openSettings,
      itemDeleted: host.itemDeleted,
      pageInView: host.pageInView,
    };
  }, [language, session, api, themes, t, host]);

  // A new identity only when the bundle's title or items change, so the library does not re-render on
  // every keystroke in the bundle's texts.
  const draftTitle = draft?.fields.title;
  const draftItems = draft?.items;
  const bundleTarget = useMemo<BundleTarget | null>(
    () =>
      draftSource && session.user.roles.includes("broker")
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

  // The host keys the workspace by who is signed in: when it goes, so does the open bundle (it was theirs).
  const openDraft = useRef<BundleDraft | null>(null);
  openDraft.current = draftSource;
  useEffect(() => () => openDraft.current?.dispose(), []);

  const isBroker = session.user.roles.includes("broker");
  useEffect(() => {
    const prefetch = setTimeout(() => {
      if (session.schools.length > 0) void Promise.all([Inbox.prefetch(), Subscriptions.prefetch()]);
      if (isBroker) void Bundles.prefetch();
    }, 0);
    return () => clearTimeout(prefetch);
  }, []);
  const tabs: { id: TabId; label: string }[] = [{ id: "library", label: t("panel.tab.library") }];
  if (session.schools.length > 0) tabs.push({ id: "inbox", label: t("panel.tab.inbox") }, { id: "subscriptions", label: t("panel.tab.subscriptions") });
  if (isBroker) tabs.push({ id: "bundles", label: t("panel.tab.bundles") });
  // Leervragen are asked from a school or community and answered by brokers: someone in none of these has no questions to see.
  const asksOrAnswers = isBroker || session.user.roles.includes("admin") || session.schools.length > 0 || session.communities.length > 0;
  if (asksOrAnswers) tabs.push({ id: "questions", label: t("panel.tab.questions") });
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
        <main class="panel">
          <header class="panel-header">
            <div class="row spread">
              <h1>{t("app.name")}</h1>
              <div class="row header-actions">{actions}</div>
            </div>
            <Tabs tabs={tabs} selected={selected} onSelect={setTab} />
          </header>
          {notice}
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
          {asksOrAnswers && (
            <TabPanel id="questions" label={t("panel.tab.questions")} selected={selected} tabbed={tabbed}>
              <LazyQuestions />
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

/** What a host shows while it finds out who is signed in. */
export function WorkspaceLoading({ language }: { language: UiLanguage }) {
  return (
    <main class="panel" aria-busy="true">
      <p class="hint">{translate(language, "common.loading")}</p>
    </main>
  );
}
