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
  publishedAt: string;
}
