/**
 * Opening the library beside the page: Chrome's side panel, Firefox's sidebar. Both browsers only allow
 * it inside a user action (a click, a menu item, a shortcut), so callers must not await anything first.
 */
import { browser } from "#imports";
import { libraryFocusItem } from "./storage";

interface FirefoxSidebar {
  sidebarAction: { open(): Promise<void> };
}

export function openSidePanel(windowId: number | undefined): Promise<void> {
  if (import.meta.env.BROWSER === "firefox") return (browser as unknown as FirefoxSidebar).sidebarAction.open();
  if (windowId === undefined) return Promise.reject(new Error("no window to open the side panel in"));
  return browser.sidePanel.open({ windowId });
}

/** Opens the library showing one item (the popup's "Open in bibliotheek"). */
export async function showInLibrary(itemId: string, windowId: number | undefined): Promise<void> {
  // Both start inside the click; the panel picks the item up on start or through its storage watch.
  const remembered = libraryFocusItem.setValue({ itemId, requestedAt: new Date().toISOString() });
  const opened = openSidePanel(windowId);
  await remembered;
  await opened;
}
