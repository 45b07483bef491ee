import { browser } from "#imports";
import { useEffect, useState } from "preact/hooks";
import { translate, visibilityKey, type MessageKey, type UiLanguage } from "../../../shared/i18n";
import { CircleChooser } from "../../components/CircleChooser";
import { isKnooppunt, normaliseServerUrl } from "../../lib/api";
import { ApiError, describeError, errorOf, type Translate } from "../../lib/api-error";
import { passwordSignInAllowed, readManagedPolicy, watchManagedPolicy, type ManagedPolicy } from "../../lib/managed/policy";
import { textsFor } from "../../lib/language/english-later";
import { sendMessage } from "../../lib/messaging";
import { askForSignInCode } from "./school-sign-in";
import { MyData } from "./MyData";
import { MyPlaces } from "./MyPlaces";
import { browserLanguage, sessionItem, settingsItem, type Session, type StoredSettings } from "../../lib/storage";

function deviceName() {
  const browserName = import.meta.env.BROWSER === "firefox" ? "Firefox" : "Chrome";
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform || navigator.platform || "computer";
  return `${browserName} op ${platform}`;
}

/**
 * A server reached over plain http beyond this computer: the password and then the device's token would
 * cross the network readable by anyone on it. Allowed (a school's test server), but said.
 */
function unencrypted(address: string): boolean {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== "http:") return false;
    return !(url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname));
  } catch {
    return false;
  }
}

function errorMessage(error: unknown, t: Translate) {
  // Signing in, a 401 is a wrong password and an answer that is not Knooppunt's means a wrong address.
  if (error instanceof ApiError && error.status === 401) return t("error.unauthenticated");
  if (error instanceof ApiError && error.code === "not_knooppunt") return t("error.notKnooppunt");
  return describeError(error, t);
}

/** Beside a field the school's policy sets: the person sees why it does not change. */
function SetBySchool({ t, id, detail }: { t: (key: MessageKey) => string; id: string; detail: MessageKey }) {
  return (
    <p class="notice info" id={id} data-testid={id}>
      <strong>{t("managed.setBySchool")}</strong>. {t(detail)}
    </p>
  );
}

export function Options() {
  const [settings, setSettings] = useState<StoredSettings | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [server, setServer] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState<"password" | "school" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [schoolError, setSchoolError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [accountDeleted, setAccountDeleted] = useState(false);
  const [policy, setPolicy] = useState<ManagedPolicy>({});

  useEffect(() => {
    // A policy pushed while the page is open applies at once; the background ends a sign-in on another
    // server, and the page shows that too.
    const stopPolicy = watchManagedPolicy((next) => {
      setPolicy(next);
      if (next.serverUrl) setServer(next.serverUrl);
    });
    const stopSession = sessionItem.watch((next) => {
      if (!next) setSession(null);
    });
    void (async () => {
      const [s, current, commands, managed] = await Promise.all([
        settingsItem.getValue(),
        sessionItem.getValue(),
        browser.commands.getAll().catch(() => []),
        readManagedPolicy(),
      ]);
      setPolicy(managed);
      setSettings(s);
      setSession(current);
      setServer(managed.serverUrl ?? current?.serverUrl ?? s.serverUrl);
      setShortcut(commands.find((c) => c.name === "save-page")?.shortcut || null);
      document.documentElement.lang = s.language ?? browserLanguage();
    })();
    return () => {
      stopPolicy();
      stopSession();
    };
  }, []);

  if (!settings) return null;
  // Until the person chooses, the browser's language; choosing here overrides it.
  const language: UiLanguage = settings.language ?? browserLanguage();
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);

  const change = async (patch: Partial<StoredSettings>) => {
    // The page switches once the chosen language's texts are there (English is fetched when first chosen).
    if (patch.language) await textsFor(patch.language).catch(() => undefined);
    const next = { ...settings, ...patch };
    setSettings(next);
    await settingsItem.setValue(next);
    if (patch.language) document.documentElement.lang = patch.language;
    setSaved(true);
    setTimeout(() => setSaved(false), 1500);
  };

  const passwordAllowed = passwordSignInAllowed(policy);
  const serverFor = () => policy.serverUrl ?? normaliseServerUrl(server);

  const signIn = async (event: Event) => {
    event.preventDefault();
    setError(null);
    // Enter in the address field submits the form even when the school allows only its school account.
    if (!passwordAllowed) return;
    const serverUrl = serverFor();
    if (!serverUrl) return setError(t("error.invalidServer"));
    setBusy("password");
    try {
      const outcome = await sendMessage("signIn", { serverUrl, email: email.trim(), password, deviceName: deviceName() });
      if (outcome.status === "not-knooppunt") return setError(t("error.notKnooppunt"));
      if (outcome.status === "refused") return setError(errorMessage(errorOf(outcome.failure), t));
      setSettings({ ...settings, serverUrl });
      setSession(outcome.session);
      setPassword("");
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  const signInWithSchool = async () => {
    setError(null);
    setSchoolError(null);
    const serverUrl = serverFor();
    if (!serverUrl) return setSchoolError(t("error.invalidServer"));
    setBusy("school");
    try {
      if (!(await isKnooppunt(serverUrl))) return setSchoolError(t("error.notKnooppunt"));
      const answer = await askForSignInCode(serverUrl, language, policy.schoolAccountProvider);
      if (answer.status !== "code") return setSchoolError(t(answer.status === "cancelled" ? "schoolSignIn.cancelled" : "schoolSignIn.mismatch"));
      const outcome = await sendMessage("signInWithCode", { serverUrl, code: answer.code, deviceName: deviceName() });
      if (outcome.status === "not-knooppunt") return setSchoolError(t("error.notKnooppunt"));
      if (outcome.status === "refused") {
        const failure = errorOf(outcome.failure);
        // Here a 401 means the code: it came too late or twice, not a wrong password.
        return setSchoolError(failure.status === 401 ? t("schoolSignIn.expired") : errorMessage(failure, t));
      }
      setSettings({ ...settings, serverUrl });
      setSession(outcome.session);
    } catch (err) {
      setSchoolError(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  const signOut = async () => {
    // Should the background not answer, the session is still forgotten here: signing out must work.
    await sendMessage("signOut").catch(() => sessionItem.setValue(null));
    setSession(null);
  };

  return (
    <main class="options">
      <h1>{t("options.title")}</h1>

      <section aria-labelledby="account">
        {accountDeleted && !session && (
          <p class="notice info" role="status" data-testid="account-deleted">
            {t("myData.deleted")}
          </p>
        )}
        <h2 id="account">{session ? (session.user.email ? t("options.signedInAs", { name: session.user.name, email: session.user.email }) : t("options.signedInAsName", { name: session.user.name })) : t("options.signIn")}</h2>
        {session ? (
          <div>
            <p class="hint">{session.serverUrl}</p>
            <button class="button secondary" type="button" onClick={signOut} data-testid="sign-out">
              {t("options.signOut")}
            </button>
          </div>
        ) : (
          <form onSubmit={signIn} noValidate>
            <div class="field">
              <label for="server">{t("options.server")}</label>
              {policy.serverUrl ? (
                <>
                  <input id="server" type="url" value={policy.serverUrl} readOnly aria-describedby="managed-server" />
                  <SetBySchool t={t} id="managed-server" detail="managed.serverSet" />
                </>
              ) : (
                <>
                  <input id="server" type="url" value={server} onInput={(e) => setServer((e.target as HTMLInputElement).value)} required />
                  <p class="hint">{t("options.serverHint")}</p>
                </>
              )}
              {unencrypted(server) && (
                <p class="notice warn" role="status" data-testid="server-unencrypted">
                  {t("options.serverUnencrypted")}
                </p>
              )}
            </div>
            <div class="field school-sign-in">
              <button class="button" type="button" onClick={() => void signInWithSchool()} disabled={busy !== null} aria-describedby="school-sign-in-hint" data-testid="school-sign-in">
                {busy === "school" ? t("schoolSignIn.busy") : t("schoolSignIn.button")}
              </button>
              <p class="hint" id="school-sign-in-hint">
                {t("schoolSignIn.hint")}
              </p>
              {schoolError && (
                <p class="notice error" role="alert" data-testid="school-sign-in-error">
                  {schoolError}
                </p>
              )}
            </div>
            {passwordAllowed ? (
              <>
                <p class="hint">{t("schoolSignIn.or")}</p>
                <div class="field">
                  <label for="email">{t("options.email")}</label>
                  <input id="email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} required />
                </div>
                <div class="field">
                  <label for="password">{t("options.password")}</label>
                  <input id="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required />
                  <p class="hint">{t("options.passwordNotStored")}</p>
                </div>
                {error && (
                  <p class="notice error" role="alert" data-testid="sign-in-error">
                    {error}
                  </p>
                )}
                <div class="field">
                  <button class="button" type="submit" disabled={busy !== null}>
                    {busy === "password" ? t("options.signingIn") : t("options.signIn")}
                  </button>
                </div>
              </>
            ) : (
              <SetBySchool t={t} id="managed-sign-in" detail="managed.schoolAccountOnly" />
            )}
          </form>
        )}
      </section>

      <section aria-labelledby="preferences">
        <h2 id="preferences">{t("popup.settings")}</h2>
        <div class="field">
          <label for="language">{t("options.language")}</label>
          <select id="language" value={language} onChange={(e) => void change({ language: (e.target as HTMLSelectElement).value as UiLanguage })}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </div>
        {policy.defaultCircle ? (
          <div class="field">
            <label for="default-visibility">{t("options.defaultVisibility")}</label>
            <select id="default-visibility" value={policy.defaultCircle} disabled aria-describedby="managed-circle">
              <option value={policy.defaultCircle}>{t(visibilityKey(policy.defaultCircle))}</option>
            </select>
            <SetBySchool t={t} id="managed-circle" detail="managed.circleSet" />
          </div>
        ) : (
          <CircleChooser
            id="default-visibility"
            label={t("options.defaultVisibility")}
            t={t}
            memberships={session}
            value={settings.defaultVisibility}
            onChange={(defaultVisibility) => void change({ defaultVisibility })}
          />
        )}
        {session && session.communities.length > 0 && (
          <div class="field">
            <label for="default-community">{t("options.defaultCommunity")}</label>
            <select
              id="default-community"
              value={settings.defaultCommunityId ?? ""}
              onChange={(e) => void change({ defaultCommunityId: (e.target as HTMLSelectElement).value || null })}
            >
              <option value="">{t("options.noCommunity")}</option>
              {session.communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {shortcut && <p class="hint">{t("options.shortcut", { shortcut })}</p>}
        {saved && (
          <p class="notice info" role="status">
            {t("options.saved")}
          </p>
        )}
      </section>

      {session && <MyPlaces session={session} t={t} />}

      {session && (
        <MyData
          key={session.token}
          session={session}
          t={t}
          onDeleted={async () => {
            // The account and its token are gone: signing out through the background also forgets what it
            // learnt for this person (the toolbar's saved marks, the cached themes); the server's refusal of the
            // dead token is ignored there.
            await sendMessage("signOut").catch(() => sessionItem.setValue(null));
            setSession(null);
            setAccountDeleted(true);
          }}
        />
      )}
    </main>
  );
}
