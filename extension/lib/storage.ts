/**
 * Everything the extension keeps, as typed storage items in one module. The password is never stored:
 * only the token the server gave this device.
 */
import { browser, storage } from "#imports";
import type { CreateItemRequest, MeResponse, Theme, Visibility } from "../../shared/schemas";
import type { UiLanguage } from "../../shared/i18n";
import { readManagedPolicy, type ManagedPolicy } from "./managed/policy";

const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

/** The settings as stored: the language only once the person chose one in the options. */
export interface StoredSettings {
  serverUrl: string;
  /** null until the person chooses: until then the browser's language applies. */
  language: UiLanguage | null;
  defaultVisibility: Visibility;
  defaultCommunityId: string | null;
}

/** The settings as they apply: the language chosen, or else the browser's. */
export interface Settings extends StoredSettings {
  language: UiLanguage;
}

export const settingsItem = storage.defineItem<StoredSettings>("local:settings", {
  fallback: { serverUrl: DEFAULT_SERVER_URL, language: null, defaultVisibility: "private", defaultCommunityId: null },
});

/** The browser's own language as one of ours: English for an English browser ("en-GB" too), Dutch for every other. */
export const browserLanguage = (): UiLanguage => (/^en\b/i.test(browser.i18n.getUILanguage()) ? "en" : "nl");

/** What the school's policy sets wins over the person's own choice; what it leaves open stays theirs. */
export const withPolicy = (settings: StoredSettings, policy: ManagedPolicy): StoredSettings => ({
  ...settings,
  ...(policy.serverUrl ? { serverUrl: policy.serverUrl } : {}),
  ...(policy.defaultCircle ? { defaultVisibility: policy.defaultCircle } : {}),
});

export const effectiveSettings = (settings: StoredSettings, policy: ManagedPolicy = {}): Settings => {
  const applied = withPolicy(settings, policy);
  return { ...applied, language: applied.language ?? browserLanguage() };
};

/** The settings as they apply now: the person's, under the managed policy, in the browser's language unless chosen. */
export const readSettings = async () => {
  const [settings, policy] = await Promise.all([settingsItem.getValue(), readManagedPolicy()]);
  return effectiveSettings(settings, policy);
};

export interface Session extends MeResponse {
  serverUrl: string;
  token: string;
}

export const sessionItem = storage.defineItem<Session | null>("local:session", { fallback: null });

/** What the person chose before: the popup offers it (never applies it unasked). */
export interface LastUsed {
  /** Recent themes, most recent first. */
  themes: string[];
  visibility: Visibility | null;
  communityId: string | null;
}

export const lastUsedItem = storage.defineItem<LastUsed>("local:lastUsed", {
  fallback: { themes: [], visibility: null, communityId: null },
});

/** The taxonomy, cached so theme chips work offline. */
export const taxonomyItem = storage.defineItem<{ themes: Theme[]; fetchedAt: string } | null>("local:taxonomy", {
  fallback: null,
});

/** The person's earlier tags, most recent first, for suggestions. */
export const tagHistoryItem = storage.defineItem<string[]>("local:tagHistory", { fallback: [] });

/** Whose clip it is: delivered only while this person is signed in to this server. */
export interface ClipOwner {
  serverUrl: string;
  userId: string;
}

export const ownerOf = (session: Session): ClipOwner => ({ serverUrl: session.serverUrl, userId: session.user.id });

export interface QueuedClip {
  /** Also the Idempotency-Key: a clip retried after a lost answer is stored once. */
  id: string;
  /** Absent on clips queued by earlier versions. */
  owner?: ClipOwner;
  request: CreateItemRequest;
  title: string;
  queuedAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export const queueItem = storage.defineItem<QueuedClip[]>("local:queue", { fallback: [] });

/** Clips the server refused (4xx): shown to the person once, never retried. */
export interface FailedClip {
  id: string;
  /** Absent on clips that failed in earlier versions. */
  owner?: ClipOwner;
  title: string;
  url: string;
  /** The server's error code, for a sentence in the person's language; the message is the server's own. */
  code?: string;
  message: string;
  failedAt: string;
}

export const failedItem = storage.defineItem<FailedClip[]>("local:failed", { fallback: [] });

/**
 * The item the side panel should show when it opens: set by the popup's "Open in bibliotheek", taken
 * (and cleared) by the panel. Storage rather than a message, because the panel may not be running yet.
 */
export interface LibraryFocus {
  itemId: string;
  requestedAt: string;
}

export const libraryFocusItem = storage.defineItem<LibraryFocus | null>("local:libraryFocus", { fallback: null });
