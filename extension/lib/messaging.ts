/**
 * Popup and options pages ask the background for everything that touches the network or the queue,
 * through this typed protocol, so the toolbar, context menu and shortcut share one code path.
 */
import { defineExtensionMessaging } from "@webext-core/messaging";
import type { CreateItemRequest, Item, Theme } from "../../shared/schemas";
import type { ExtractedPage } from "../../shared/clip-request";
import type { FailedClip } from "./storage";

export interface CapturedPage {
  tabId: number;
  url: string;
  /** false for browser pages, file:// and the like: nothing to clip there. */
  supported: boolean;
  page: ExtractedPage | null;
  /** The page could not be read (e.g. a PDF viewer); title and URL come from the tab. */
  extractFailed: boolean;
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

interface ProtocolMap {
  capturePage(tabId: number): CapturedPage;
  lookupUrl(url: string): Item | null;
  saveClip(data: { request: CreateItemRequest; title: string }): SaveOutcome;
  queueStatus(): QueueStatus;
  flushQueue(): QueueStatus;
  dismissFailed(id: string): QueueStatus;
  sessionChanged(): void;
  /** A save was deleted elsewhere (the side panel): the toolbar mark must look again. */
  libraryChanged(data: { itemId: string; url: string }): void;
  /** The theme taxonomy: from the cache, refreshed from the server when older than a day. */
  taxonomy(): Theme[];
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
