/** Feed entries: items as the feed's audience sees them, and published bundles from their snapshots. */
import { translate } from "../../../shared/i18n";
import type { Item } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import type { BundleCandidate } from "../../db/repositories/feeds";
import type { ServiceContext } from "../../core/context";
import { renamed } from "../accounts/public-name";
import { themeIndex } from "../taxonomy/theme-index";
import type { FeedEntry } from "./writer";

const itemEntryId = (itemId: string) => `urn:knooppunt:item:${itemId}`;
const bundleEntryId = (bundleId: string) => `urn:knooppunt:bundle:${bundleId}`;

function categoriesFor(ctx: ServiceContext, slugs: string[]) {
  const index = themeIndex(ctx);
  return slugs.map((slug) => ({ term: slug, label: index.bySlug.get(slug)?.name.nl ?? slug }));
}

const videoOf = (kind: string, title: string, url: string, embedUrl: string | null | undefined) =>
  kind === "kennisclip" ? { url: embedUrl || url, title } : null;

/** An item as the feed's audience sees it: `item` was shaped for that audience, so notes stay in their circles. */
export function itemEntry(ctx: ServiceContext, item: Item, updated: string): FeedEntry {
  const notes = item.notes.map((n) => n.note.trim()).filter(Boolean);
  return {
    id: itemEntryId(item.id),
    title: item.title,
    url: item.url,
    summary: notes.length ? notes.join("\n\n") : item.excerpt,
    categories: categoriesFor(ctx, item.themes),
    authors: item.author ? [item.author] : [],
    published: item.createdAt,
    updated,
    image: item.imageUrl,
    video: videoOf(item.kind, item.title, item.url, item.video?.embedUrl),
  };
}

/** The bundle's "Waar gaat dit over?" and "Wat kan ik ermee?", as one plain-text summary. */
export function bundleSummary(snapshot: Pick<BundleSnapshot, "about" | "use">): string | null {
  const about = (snapshot.about ?? "").trim();
  const use = (snapshot.use ?? "").trim();
  const parts = [about, use ? `${translate("nl", "bundle.use")} ${use}` : ""].filter(Boolean);
  return parts.length ? parts.join("\n\n") : null;
}

export function bundleEntry(ctx: ServiceContext, c: BundleCandidate, snapshot: BundleSnapshot): FeedEntry {
  return {
    id: bundleEntryId(c.bundleId),
    title: snapshot.title,
    url: ctx.links.bundleLink(c.slug, c.key),
    summary: bundleSummary(snapshot),
    categories: categoriesFor(ctx, snapshot.themes ?? []),
    authors: renamed(ctx, snapshot.curators ?? [], "public").map((curator) => curator.name),
    published: c.firstPublished < c.at ? c.firstPublished : c.at,
    updated: c.at,
    image: (snapshot.entries ?? []).find((e) => e.imageUrl)?.imageUrl ?? null,
    video: null,
  };
}

/** A published bundle's entries, in the broker's order, with the broker's notes and nobody else's. */
export function snapshotEntries(ctx: ServiceContext, snapshot: BundleSnapshot, updated: string): FeedEntry[] {
  return (snapshot.entries ?? []).map((e) => ({
    id: itemEntryId(e.itemId),
    title: e.title,
    url: e.url,
    // Feeds are written in Dutch, as their documents say (language "nl").
    summary: [e.note.trim() || e.excerpt, e.noLongerShared ? `(${translate("nl", "bundle.noLongerShared")})` : null].filter(Boolean).join("\n\n") || null,
    categories: categoriesFor(ctx, e.themes),
    authors: e.author ? [e.author] : [],
    published: snapshot.publishedAt,
    updated,
    image: e.imageUrl,
    video: videoOf(e.kind, e.title, e.url, e.video?.embedUrl),
  }));
}
