/**
 * What the clipper needs from the page that mounts it. The extension's popup reads the tab and asks its
 * background (extension-host.ts); another host, a web page, can clip what it has in view its own way.
 */
import type { CreateItemRequest, Item, Theme } from "../../../shared/schemas";
import type { CapturedPage, QueueStatus, SaveOutcome } from "../../lib/messaging";
import type { LastUsed, Session, Settings } from "../../lib/storage";

export interface ClipperStart {
  settings: Settings;
  session: Session | null;
  /** The person's last circle and recent themes: the form offers them. */
  lastUsed: LastUsed;
  /** Earlier tags, most recent first, for suggestions. */
  tagHistory: string[];
}

export interface ClipperHost {
  start(): Promise<ClipperStart>;
  /** The page to clip, with the title the browser gives it; null when its tab is gone (closed, or never there). */
  capture(): Promise<{ captured: CapturedPage; title: string | undefined } | null>;
  /** The page's title as it is now: a page may change it while the person fills in the form. */
  currentTitle(captured: CapturedPage): Promise<string | undefined>;
  lookup(url: string): Promise<Item | null>;
  save(request: CreateItemRequest, title: string): Promise<SaveOutcome>;
  taxonomy(): Promise<Theme[]>;
  /** Delivers what waited for a connection, and says what still waits or failed. */
  deliverQueue(): Promise<QueueStatus>;
  dismissFailed(id: string): Promise<QueueStatus>;
  openSettings(): void;
  /** Opens the library on the saved item; called straight from the click, which some hosts need. */
  showInLibrary(item: Item): void;
}
