/**
 * A school's or network's IT department sets the extension through managed storage (Google Admin, Intune,
 * Firefox's policies.json). These tests fill WXT's fake browser's storage.managed as the browser would
 * and prove what a teacher on a managed device then gets: the school's server, its sign-in, its default
 * circle, and a bad value ignored rather than the extension broken.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { CapturedPage } from "../../extension/lib/messaging";
import { parseManagedPolicy, readManagedPolicy, watchManagedPolicy, type ManagedPolicy } from "../../extension/lib/managed/policy";
import { readSettings, sessionItem, settingsItem, type Session, type StoredSettings } from "../../extension/lib/storage";
import { quickRequest } from "../../extension/lib/clipper";
import { startingPoint } from "../../extension/features/clipper/start-form";
import { schoolSignInUrl } from "../../extension/features/options/school-sign-in";
import { signIn, signInWithCode, signOut } from "../../extension/entrypoints/background/account";
import { applyManagedPolicy, followManagedPolicy } from "../../extension/entrypoints/background/policy";

const SCHOOL_SERVER = "https://knooppunt.regenboog.example";
/** Nothing listens here: a sign-out that tries to tell the server fails at once, on this machine. */
const LOCAL_SERVER = "http://127.0.0.1:9";

const mine: StoredSettings = { serverUrl: "http://127.0.0.1:8787", language: "nl", defaultVisibility: "private", defaultCommunityId: null };

const anna: Session = {
  serverUrl: LOCAL_SERVER,
  token: "t-anna",
  user: { id: "u-anna", name: "Anna de Vries", email: "anna@regenboog.example", roles: [] },
  schools: [{ id: "s-regenboog", name: "De Regenboog", role: "member" }],
  communities: [{ id: "c-nt2", name: "PLG NT2", role: "member" }],
};

const page = (url: string): CapturedPage => ({ tabId: 7, url, supported: true, page: null, extractFailed: true, favIconUrl: null });

let warnings: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((message: string) => void warnings.push(message));
  await settingsItem.setValue(mine);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The policy as an administrator's console delivers it to the browser. */
const pushPolicy = (policy: Record<string, unknown>) => fakeBrowser.storage.managed.set(policy);

describe("reading the school's policy", () => {
  it("reads every setting an administrator can give", async () => {
    await pushPolicy({ serverUrl: SCHOOL_SERVER, signIn: "schoolAccountOnly", schoolAccountProvider: "entree", defaultCircle: "school" });

    expect(await readManagedPolicy()).toEqual({ serverUrl: SCHOOL_SERVER, signIn: "schoolAccountOnly", schoolAccountProvider: "entree", defaultCircle: "school" });
    expect(warnings).toEqual([]);
  });

  it("keeps only the address's origin, as a person's typed address is kept", async () => {
    await pushPolicy({ serverUrl: "https://knooppunt.regenboog.example/api/v1/" });

    expect(await readManagedPolicy()).toEqual({ serverUrl: SCHOOL_SERVER });
  });

  it("is no policy when the browser has none: Chrome answers {}", async () => {
    expect(await readManagedPolicy()).toEqual({});
    expect(await readSettings()).toEqual(mine);
  });

  it("is no policy when reading it fails: Firefox without policies.json rejects", async () => {
    vi.spyOn(fakeBrowser.storage.managed, "get").mockRejectedValue(new Error("Managed storage manifest not found"));

    expect(await readManagedPolicy()).toEqual({});
    expect(await readSettings()).toEqual(mine);
    expect(warnings).toEqual([]);
  });

  it("ignores each bad value with a warning and still applies the good ones", async () => {
    await pushPolicy({
      serverUrl: "ftp://knooppunt.regenboog.example",
      signIn: "passwordOnly",
      schoolAccountProvider: "Entree Federatie",
      defaultCircle: "school",
      lockServerUrl: true,
    });

    expect(await readManagedPolicy()).toEqual({ defaultCircle: "school" });
    expect(warnings).toEqual([
      'managed policy: "serverUrl" has a value the extension cannot use ("ftp://knooppunt.regenboog.example"); ignored',
      'managed policy: "signIn" has a value the extension cannot use ("passwordOnly"); ignored',
      'managed policy: "schoolAccountProvider" has a value the extension cannot use ("Entree Federatie"); ignored',
      'managed policy: unknown setting "lockServerUrl" ignored',
    ].map((w) => `[knooppunt] ${w}`));
  });

  it("refuses the public circle as a default: widening stays the person's own act", async () => {
    await pushPolicy({ defaultCircle: "public" });

    expect(await readManagedPolicy()).toEqual({});
    expect(warnings).toEqual(['[knooppunt] managed policy: "defaultCircle" has a value the extension cannot use ("public"); ignored']);
  });

  it("ignores values of the wrong type and a policy that is not an object", () => {
    expect(parseManagedPolicy({ serverUrl: 42, signIn: null, schoolAccountProvider: ["entree"], defaultCircle: { circle: "school" } })).toEqual({});
    expect(parseManagedPolicy("https://knooppunt.regenboog.example")).toEqual({});
    expect(warnings).toHaveLength(5);
    expect(warnings[4]).toBe("[knooppunt] managed policy: not an object; ignored");
  });
});

describe("managed values win over the person's own settings", () => {
  it("sends everything to the school's server, whatever address the person had", async () => {
    await pushPolicy({ serverUrl: SCHOOL_SERVER });

    expect(await readSettings()).toEqual({ ...mine, serverUrl: SCHOOL_SERVER });
    // What the person chose stays stored: it applies again once the school lifts its policy.
    expect(await settingsItem.getValue()).toEqual(mine);
  });

  it("makes the school's circle the default and leaves the person's language and community alone", async () => {
    await settingsItem.setValue({ ...mine, language: "en", defaultCommunityId: "c-nt2" });
    await pushPolicy({ defaultCircle: "community" });

    expect(await readSettings()).toEqual({ ...mine, language: "en", defaultCommunityId: "c-nt2", defaultVisibility: "community" });
  });

  it("leaves the person's own default circle when the policy sets none", async () => {
    await settingsItem.setValue({ ...mine, defaultVisibility: "network" });
    await pushPolicy({ serverUrl: SCHOOL_SERVER, signIn: "any" });

    expect((await readSettings()).defaultVisibility).toBe("network");
  });
});

describe("the clipper's default circle", () => {
  it("starts the clip form in the school's circle, with the person's last circle one click away", async () => {
    await pushPolicy({ defaultCircle: "school" });
    const settings = await readSettings();

    const start = startingPoint(
      { settings, session: anna, lastUsed: { themes: [], visibility: "private", communityId: null } },
      { captured: page("https://example.org/nt2-in-de-klas"), title: "NT2 in de klas" },
      null,
      [],
    );

    expect(start.form.visibility).toBe("school");
    expect(start.lastCircle).toEqual({ visibility: "private", communityId: "c-nt2" });
  });

  it("saves a quick clip (context menu, shortcut) in the school's circle", async () => {
    await pushPolicy({ defaultCircle: "network" });

    const request = await quickRequest(page("https://example.org/meertaligheid"), "Meertaligheid");

    expect(request).toEqual({ url: "https://example.org/meertaligheid", title: "Meertaligheid", kind: "artikel", visibility: "network", communityId: undefined });
  });

  it("takes the person's community with a managed community circle", async () => {
    await settingsItem.setValue({ ...mine, defaultCommunityId: "c-nt2" });
    await pushPolicy({ defaultCircle: "community" });

    const request = await quickRequest(page("https://example.org/taalbewust"), "Taalbewust lesgeven");

    expect(request.visibility).toBe("community");
    expect(request.communityId).toBe("c-nt2");
  });
});

describe("signing in under the policy", () => {
  it("refuses a password sign-in when the school allows only its school account, before anything is sent", async () => {
    await pushPolicy({ serverUrl: LOCAL_SERVER, signIn: "schoolAccountOnly" });

    const outcome = await signIn({ serverUrl: LOCAL_SERVER, email: "anna@regenboog.example", password: "geheim-wachtwoord", deviceName: "Chrome op Linux" });

    expect(outcome).toEqual({
      status: "refused",
      failure: { kind: "http", status: 403, code: "managed_policy", message: "This is set by your school's policy.", retryAfterSeconds: null, body: null },
    });
    expect(await sessionItem.getValue()).toBe(null);
  });

  it("refuses a sign-in on another server than the school's", async () => {
    await pushPolicy({ serverUrl: SCHOOL_SERVER });

    const outcome = await signInWithCode({ serverUrl: LOCAL_SERVER, code: "one-time-code", deviceName: "Chrome op Linux" });

    expect(outcome.status).toBe("refused");
    expect(outcome.status === "refused" && outcome.failure.code).toBe("managed_policy");
  });

  it("opens the school's provider straight away, coming back to the extension's confirmation page", () => {
    const redirect = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";

    expect(schoolSignInUrl(SCHOOL_SERVER, redirect, "st4te", "nl", "entree")).toBe(
      `${SCHOOL_SERVER}/auth/oidc/entree/start?lang=nl&returnTo=%2Fauth%2Fdevice%3Fredirect_uri%3Dhttps%253A%252F%252Fabcdefghijklmnopabcdefghijklmnop.chromiumapp.org%252F%26state%3Dst4te%26lang%3Dnl`,
    );
    expect(schoolSignInUrl(SCHOOL_SERVER, redirect, "st4te", "en")).toBe(
      `${SCHOOL_SERVER}/auth/device?redirect_uri=https%3A%2F%2Fabcdefghijklmnopabcdefghijklmnop.chromiumapp.org%2F&state=st4te&lang=en`,
    );
  });
});

describe("a policy pushed later", () => {
  it("reaches whoever watches, as the whole policy", async () => {
    const seen: ManagedPolicy[] = [];
    const arrived = new Promise<void>((done) => {
      watchManagedPolicy((policy) => {
        seen.push(policy);
        done();
      });
    });

    await pushPolicy({ serverUrl: SCHOOL_SERVER, defaultCircle: "school", signIn: "nonsense" });
    await arrived;

    expect(seen).toEqual([{ serverUrl: SCHOOL_SERVER, defaultCircle: "school" }]);
    expect(await readSettings()).toEqual({ ...mine, serverUrl: SCHOOL_SERVER, defaultVisibility: "school" });
  });

  it("ends a sign-in on another server than the one the policy now names", async () => {
    await sessionItem.setValue(anna);
    const signedOut = new Promise<void>((done) => sessionItem.watch((session) => session === null && done()));
    followManagedPolicy(signOut);

    await pushPolicy({ serverUrl: SCHOOL_SERVER });
    await signedOut;

    expect(await sessionItem.getValue()).toBe(null);
  });

  it("keeps a sign-in on the server the policy names", async () => {
    await sessionItem.setValue({ ...anna, serverUrl: SCHOOL_SERVER });
    await pushPolicy({ serverUrl: SCHOOL_SERVER, defaultCircle: "school" });

    await applyManagedPolicy(await readManagedPolicy(), signOut);

    expect((await sessionItem.getValue())?.serverUrl).toBe(SCHOOL_SERVER);
  });
});
