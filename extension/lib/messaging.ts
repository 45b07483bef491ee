/**
 * The popup, the settings page and the side panel's extension host ask the background for everything
 * that touches the clip queue, the page in a tab, the toolbar mark, or signing in and out, through this
 * typed protocol, so the toolbar, context menu and shortcut share one code path and one place starts and
 * ends a session. The side panel's features call the API for library, bundles and subscriptions
 * themselves, with the session's token: those answers are for the panel alone and nothing in the
 * background depends on them.
 */
import { defineExtensionMessaging } from "@webext-core/messaging";
import type { CreateItemRequest, Item, Theme } from "../../shared/schemas";
import type { ExtractedPage } from "../../shared/clip-request";
import type { ApiFailure } from "./api-error";
import type { FailedClip, Session } from "./storage";

export interface CapturedPage {
  tabId: number;
  url: string;
  /** false for browser pages, file:// and the like: nothing to clip there. */
  supported: boolean;
  page: ExtractedPage | null;
  /** The page could not be read (e.g. a PDF viewer); title and URL come from the tab. */
  extractFailed: boolean;
  /** Why it could not be read, in the person's language, when a host knows (the server said why it refused). */
  extractProblem?: string;
  favIconUrl: string | null;
}

export type SaveOutcome =
  | { status: "saved"; item: Item; existing: boolean }
  | { status: "queued"; pending: number }
  | { status: "rejected"; code: string; message: string; retryAfterSeconds: number | null }
  | { status: "signed-out" };

export interface QueueStatus {
  pending: number;
  failed: FailedClip[];
}

export interface SignInRequest {
  serverUrl: string;
  email: string;
  password: string;
  /** How the person will recognise this device among their sessions ("Chrome op Linux"). */
  deviceName: string;
}

export type SignInOutcome =
  | { status: "signed-in"; session: Session }
  /** Nothing at that address answers as Knooppunt does. */
  | { status: "not-knooppunt" }
  | { status: "refused"; failure: ApiFailure };

/** The school-account sign-in's last step: the one-time code the server sent to the extension's redirect address. */
export interface CodeSignInRequest {
  serverUrl: string;
  code: string;
  deviceName: string;
}

interface ProtocolMap {
  capturePage(tabId: number): CapturedPage;
  lookupUrl(url: string): Item | null;
  saveClip(data: { request: CreateItemRequest; title: string }): SaveOutcome;
  queueStatus(): QueueStatus;
  flushQueue(): QueueStatus;
  dismissFailed(id: string): QueueStatus;
  /** Signs in and keeps the session; the password goes to the server only, never to storage. */
  signIn(data: SignInRequest): SignInOutcome;
  /** Trades a one-time code from the school-account sign-in for a token and keeps the session, as signIn does. */
  signInWithCode(data: CodeSignInRequest): SignInOutcome;
  /** Ends the session on the server (when it can be reached) and forgets it here. */
  signOut(): void;
  /** A save was deleted elsewhere (the side panel): the toolbar mark must look again. */
  libraryChanged(data: { itemId: string; url: string }): void;
  /** The theme taxonomy: from the cache, refreshed from the server when older than a day. */
  taxonomy(): Theme[];
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
