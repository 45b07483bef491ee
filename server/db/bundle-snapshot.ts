import type { Audience, BundleEntry } from "../../shared/schemas";
import type { ItemSector } from "../../shared/schemas";

/**
 * What `bundle_versions.content` holds: the bundle exactly as published, so pages, feeds and offers keep
 * working when a save behind one of its items is deleted later.
 */
export interface BundleSnapshot {
  title: string;
  about: string;
  use: string;
  themes: string[];
  sector: ItemSector[];
  audience: Audience;
  curators: { id: string; name: string; role: "owner" | "curator" }[];
  entries: BundleEntry[];
  /**
   * Per item id, the save whose page facts the entry shows (the one that spoke for the item to the
   * bundle's audience at publication), so a render can tell whether it is still shared. Snapshots
   * published before saves kept their own facts have none.
   */
  factsSaves?: Record<string, number>;
  publishedAt: string;
}
