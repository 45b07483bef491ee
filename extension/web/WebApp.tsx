/**
 * The web app at /app: the same workspace as the extension's side panel, for a browser signed in with the
 * server's session cookie. Its pages are chosen by the address (/app, /app/clip, /app/help), so a link, a
 * share from a phone or the bookmarklet lands on the right one.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { translate, type MessageKey, type UiLanguage } from "../../shared/i18n";
import type { Theme } from "../../shared/schemas";
import type { TabId } from "../features/workspace/Tabs";
import { Workspace, WorkspaceLoading, type WorkspaceHost } from "../features/workspace/Workspace";
import { ClipPage } from "./clip/ClipPage";
import { HelpPage } from "./help/HelpPage";
import { chooseLanguage, webLanguage } from "./language";
import { deliverWhenOnline, registerServiceWorker } from "./pwa/offline-app";
import { startWebApp, type WebStart } from "./session";
import { WebHeader } from "./WebHeader";
import { LazyImportPage } from "./import/LazyImportPage";

const TABS: readonly TabId[] = ["library", "inbox", "subscriptions", "bundles", "questions"];

export type WebRoute = "library" | "clip" | "help" | "import" | "questions" | "unknown";

export function routeOf(pathname: string): WebRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path === "/app") return "library";
  if (path === "/app/clip") return "clip";
  if (path === "/app/help") return "help";
  if (path === "/app/import") return "import";
  if (path === "/app/questions") return "questions";
  return "unknown";
}

const host: WorkspaceHost = {
  // The features ask for this when the session has ended (a 401): sign in again and come back here.
  openSettings: () => location.assign(signInAddress(webLanguage())),
  // Nothing else on a web page shows the save.
  itemDeleted: () => undefined,
  pageInView: null,
};

const tabFromAddress = (): TabId => {
  // /app/questions is the questions tab's own address, for a link in a mail or a Teams post.
  if (routeOf(location.pathname) === "questions") return "questions";
  const asked = new URLSearchParams(location.search).get("tab");
  return TABS.find((tab) => tab === asked) ?? "library";
};

/** `?item=<id>`: the clip form's "open in library" shows the item just saved. */
const focusFromAddress = () => {
  const itemId = new URLSearchParams(location.search).get("item");
  return itemId ? { itemId, nonce: 1 } : null;
};

/** The tab in the address, so a reload or a shared link opens the same one. */
function rememberTab(tab: TabId) {
  const url = new URL(location.href);
  if (tab === "library") url.searchParams.delete("tab");
  else url.searchParams.set("tab", tab);
  history.replaceState(null, "", url);
}

export function WebApp() {
  const [language, setLanguage] = useState<UiLanguage>(webLanguage);
  const [start, setStart] = useState<WebStart | null>(null);
  const [themes, setThemes] = useState<Theme[]>([]);
  const [delivered, setDelivered] = useState(0);
  const focus = useMemo(focusFromAddress, []);
  const route = routeOf(location.pathname);
  const t = useMemo(() => (key: MessageKey) => translate(language, key), [language]);

  const load = () => {
    setStart(null);
    void startWebApp().then(setStart);
  };
  useEffect(load, []);
  useEffect(registerServiceWorker, []);
  // Clips saved without a connection go as soon as there is one, on whichever page of the app is open.
  useEffect(() => {
    if (start?.status !== "signed-in") return;
    return deliverWhenOnline(start.api, start.session, setDelivered);
  }, [start]);
  // In the same task as the texts it names: a screen reader (or a test) never meets Dutch texts under lang="en".
  useLayoutEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    if (start?.status === "signed-in" && !start.offline) void start.api.themes().then(setThemes, () => undefined);
  }, [start]);
  // Signed out: to the sign-in page, which comes back here (with a shared link's fields kept).
  useEffect(() => {
    if (start?.status === "signed-out") location.replace(signInAddress(language));
  }, [start]);

  const switchLanguage = (next: UiLanguage) => {
    chooseLanguage(next);
    setLanguage(next);
  };

  if (!start) return <WorkspaceLoading language={language} />;
  if (start.status === "signed-out") {
    return (
      <StateScreen title={t("web.signedOut.title")} body={t("web.signedOut.body")}>
        <a class="button" href={signInAddress(language)}>
          {t("web.signedOut.action")}
        </a>
      </StateScreen>
    );
  }
  if (start.status === "unreachable") {
    return (
      <StateScreen title={t("web.unreachable.title")} body={t("web.unreachable.body")}>
        <button type="button" class="button" onClick={load}>
          {t("web.unreachable.retry")}
        </button>
      </StateScreen>
    );
  }

  const header = (current: "library" | "clip" | "help" | "import") => <WebHeader language={language} csrfToken={start.csrfToken} onLanguage={switchLanguage} current={current} />;
  const offline = (
    <>
      {start.offline && (
        <p class="notice warn" role="status">
          {t("web.offline.notice")}
        </p>
      )}
      {delivered > 0 && (
        <p class="notice info web-delivered" role="status" data-testid="delivered">
          {translate(language, "webClip.delivered", { count: delivered })}
        </p>
      )}
    </>
  );

  if (route === "library" || route === "questions") {
    return (
      <Workspace
        key={start.session.user.id}
        session={start.session}
        api={start.api}
        language={language}
        themes={themes}
        host={host}
        initialTab={tabFromAddress()}
        focus={focus}
        onTabChange={rememberTab}
        actions={header("library")}
        notice={offline}
      />
    );
  }
  if (route === "clip") return <ClipPage session={start.session} api={start.api} language={language} nav={header("clip")} notice={offline} />;
  if (route === "help") return <HelpPage language={language} nav={header("help")} />;
  if (route === "import") return <LazyImportPage session={start.session} api={start.api} language={language} themes={themes} nav={header("import")} notice={offline} />;
  return (
    <StateScreen title={t("web.notFound.title")}>
      <a class="button" href="/app">
        {t("web.notFound.back")}
      </a>
    </StateScreen>
  );
}

const signInAddress = (language: UiLanguage) => `/login?lang=${language}&next=${encodeURIComponent(location.pathname + location.search)}`;

function StateScreen({ title, body, children }: { title: string; body?: string; children: ComponentChildren }) {
  return (
    <main class="panel">
      <div class="panel-body">
        <div class="state state-warn" role="status">
          <h1 class="state-title">{title}</h1>
          {body && <p>{body}</p>}
          {children}
        </div>
      </div>
    </main>
  );
}
