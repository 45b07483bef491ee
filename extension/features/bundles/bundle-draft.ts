/**
 * The bundle a broker has open, with autosave: edits are kept locally and sent after a pause (PATCH for
 * the texts, PUT for the ordered items), one request at a time, each carrying the version it was based
 * on. A 409 version_conflict stops saving until the broker reloads: never overwrite someone else's change.
 */
import { useEffect, useState } from "preact/hooks";
import type { Audience, Bundle } from "../../../shared/schemas";
import type { Item } from "../../../shared/schemas";
import type { ItemSector } from "../../../shared/vocabulary";
import { ApiError } from "../../lib/api-error";
import type { KnooppuntApi } from "../../lib/api";

const AUTOSAVE_DELAY_MS = 800;
export const MAX_BUNDLE_ITEMS = 100;

export interface BundleFields {
  title: string;
  about: string;
  use: string;
  themes: string[];
  sector: ItemSector[];
  audience: Audience;
}

export interface DraftItem {
  itemId: string;
  note: string;
  /** The item as the broker may see it; null when it is no longer visible to them. */
  item: Item | null;
  /** What the published page shows, when the item itself is out of sight. */
  fallbackTitle: string;
}

export type SaveStatus = "saved" | "pending" | "saving" | "error" | "conflict";

const fieldsOf = (bundle: Bundle): BundleFields => ({
  title: bundle.title,
  about: bundle.about,
  use: bundle.use,
  themes: bundle.themes,
  sector: bundle.sector,
  audience: bundle.audience,
});

const itemsOf = (bundle: Bundle): DraftItem[] =>
  bundle.items.map((entry) => ({ itemId: entry.itemId, note: entry.note, item: entry.item, fallbackTitle: entry.entry?.title ?? entry.item?.title ?? entry.itemId }));

export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === "version_conflict";

export class BundleDraft {
  bundle: Bundle;
  fields: BundleFields;
  items: DraftItem[];
  status: SaveStatus = "saved";
  error: unknown = null;
  private dirty = { fields: false, items: false };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<boolean> = Promise.resolve(true);
  private listeners = new Set<() => void>();

  constructor(
    private readonly api: KnooppuntApi,
    bundle: Bundle,
  ) {
    this.bundle = bundle;
    this.fields = fieldsOf(bundle);
    this.items = itemsOf(bundle);
  }

  get id() {
    return this.bundle.id;
  }

  get hasUnsavedChanges() {
    return this.dirty.fields || this.dirty.items;
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  update(patch: Partial<BundleFields>) {
    this.fields = { ...this.fields, ...patch };
    this.dirty.fields = true;
    this.schedule();
  }

  setItems(items: DraftItem[]) {
    this.items = items;
    this.dirty.items = true;
    this.schedule();
  }

  has(itemId: string) {
    return this.items.some((i) => i.itemId === itemId);
  }

  /** Adds an item at the end; false when it is already there or the bundle is full. */
  add(item: Item): boolean {
    if (this.has(item.id) || this.items.length >= MAX_BUNDLE_ITEMS) return false;
    this.setItems([...this.items, { itemId: item.id, note: "", item, fallbackTitle: item.title }]);
    return true;
  }

  /** After publishing: the server's view of status, slug and version. */
  replaceBundle(bundle: Bundle) {
    this.bundle = bundle;
    this.emit();
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.status !== "conflict") {
      this.status = "pending";
      this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
    }
    this.emit();
  }

  /** Sends what is not saved yet, now; resolves true when everything is saved. */
  flush(): Promise<boolean> {
    clearTimeout(this.timer);
    this.chain = this.chain.then(() => this.saveAll());
    return this.chain;
  }

  private async saveAll(): Promise<boolean> {
    while (this.hasUnsavedChanges) {
      if (this.status === "conflict") return false;
      this.status = "saving";
      this.emit();
      try {
        if (this.dirty.fields) {
          const sent = this.fields;
          this.dirty.fields = false;
          try {
            this.bundle = await this.api.updateBundle(this.id, { ...sent, version: this.bundle.version });
          } catch (error) {
            this.dirty.fields = true;
            throw error;
          }
        }
        if (this.dirty.items) {
          const sent = this.items.map((i) => ({ itemId: i.itemId, note: i.note }));
          this.dirty.items = false;
          try {
            this.bundle = await this.api.setBundleItems(this.id, { version: this.bundle.version, items: sent });
          } catch (error) {
            this.dirty.items = true;
            throw error;
          }
        }
        this.error = null;
        this.status = this.hasUnsavedChanges ? "pending" : "saved";
      } catch (error) {
        this.error = error;
        this.status = isVersionConflict(error) ? "conflict" : "error";
        this.emit();
        return false;
      }
      this.emit();
    }
    return this.status !== "conflict";
  }

  /** The newest version from the server; local changes that were not saved are dropped. */
  async reload() {
    clearTimeout(this.timer);
    const bundle = await this.api.bundle(this.id);
    this.bundle = bundle;
    this.fields = fieldsOf(bundle);
    this.items = itemsOf(bundle);
    this.dirty = { fields: false, items: false };
    this.status = "saved";
    this.error = null;
    this.emit();
  }

  dispose() {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}

/** Re-renders the caller whenever the draft changes. */
export function useDraft(draft: BundleDraft | null) {
  const [, setTick] = useState(0);
  useEffect(() => draft?.subscribe(() => setTick((n) => n + 1)), [draft]);
  return draft;
}
