/**
 * Publishing freezes the working copy into a snapshot (bundle_versions) that the page, feeds and offers
 * read, so later changes in the library cannot break what schools were offered.
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Audience, Bundle, BundleEntry, PublishRequest } from "../../../shared/schemas";
import { VISIBILITIES, type Visibility } from "../../../shared/schemas";
import { themeSlug } from "../../../shared/themes";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { curatorsOf, insertSnapshot, slugTaken, updateBundleRow, workingItems, type WorkingItem } from "../../db/repositories/bundles";
import { visibleCircles, visibleItemSeqs, visibleTitles } from "../../db/repositories/library/items";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict } from "../../core/errors";
import { audienceViewer, type SignedInViewer } from "../../core/viewer";
import { bundleForChange } from "../access/bundles";
import { saveScope } from "../access/visibility";
import { shapeItemsWithSources } from "../library/item-view";
import { versionConflict } from "./editing";
import { getBundle, snapshotDigest, workingDigest } from "./view";
import { renamed } from "../accounts/public-name";

type PublishInput = z.output<typeof PublishRequest>;

const CIRCLE_WORDS: Record<Visibility, string> = {
  private: "privately",
  community: "within a community",
  school: "within a school",
  network: "with the network",
  public: "publicly",
};

function blockReason(widest: Visibility | null, audience: Audience): string {
  if (widest === null) return "You can no longer see this item; remove it from the bundle.";
  const needed = audience === "public" ? "a public save" : "a save shared with the network or publicly";
  return `Shared only ${CIRCLE_WORDS[widest]}; a ${audience} bundle needs ${needed}. Ask whoever saved it to widen the circle, or remove it.`;
}

/** The 409 that names every item whose circles are smaller than the bundle's audience, and why. */
function publishBlocked(ctx: ServiceContext, curator: SignedInViewer, audience: Audience, blocked: WorkingItem[]) {
  const seqs = blocked.map((b) => b.seq);
  // Reasons are told from the curator's point of view: only saves and titles they may see are used.
  const scope = saveScope(curator);
  const circles = visibleCircles(ctx, scope, seqs);
  const titles = new Map(visibleTitles(ctx, scope, seqs).map((r) => [r.seq, r.title]));
  const widestOf = (seq: number) =>
    circles.filter((c) => c.seq === seq).reduce<Visibility | null>((widest, c) => (widest === null || VISIBILITIES.indexOf(c.visibility) > VISIBILITIES.indexOf(widest) ? c.visibility : widest), null);
  const list = blocked.map((b) => {
    const widest = widestOf(b.seq);
    return { itemId: b.itemId, title: titles.get(b.seq) ?? "", reason: blockReason(widest, audience), widestCircle: widest };
  });
  const names = list.map((i) => (i.title ? `"${i.title}"` : i.itemId)).join(", ");
  return conflict("items_not_visible", `Not every item may be seen by the bundle's audience (${audience}): ${names}.`, { items: list });
}

const SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** kebab-case title without diacritics plus a short random suffix, so equal titles never collide or guess each other. */
function newSlug(ctx: ServiceContext, title: string): string {
  const base = themeSlug(title).slice(0, 60).replace(/-+$/, "") || "bundel";
  for (;;) {
    const suffix = [...randomBytes(6)].map((byte) => SLUG_ALPHABET[byte % SLUG_ALPHABET.length]).join("");
    const slug = `${base}-${suffix}`;
    if (!slugTaken(ctx, slug)) return slug;
  }
}

/**
 * Items as the bundle's audience sees them: page metadata and themes from saves in that audience, the
 * broker's note, no one else's; and per item the save whose page facts were used (see still-shared.ts).
 */
function snapshotEntries(ctx: ServiceContext, audience: Audience, working: WorkingItem[]): Pick<BundleSnapshot, "entries" | "factsSaves"> {
  const shaped = new Map(shapeItemsWithSources(ctx, audienceViewer(audience), working.map((w) => w.seq)).map((s) => [s.item.id, s]));
  const factsSaves: Record<string, number> = {};
  const entries = working.map((w): BundleEntry => {
    const { item, factsSave } = shaped.get(w.itemId)!;
    factsSaves[item.id] = factsSave;
    return {
      itemId: item.id,
      url: item.url,
      title: item.title,
      kind: item.kind,
      siteName: item.siteName,
      author: item.author,
      publishedAt: item.publishedAt,
      imageUrl: item.imageUrl,
      excerpt: item.excerpt,
      video: item.video,
      themes: item.themes,
      note: w.note,
    };
  });
  return { entries, factsSaves };
}

/**
 * Publishes the working copy as a new snapshot. Every item must be visible to the bundle's audience
 * through some save; the slug is made once and kept across versions. Publishing an unchanged bundle
 * again creates no new version. Offers are not sent here: re-offering is the broker's choice.
 */
export function publishBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: PublishInput): Bundle {
  transaction(ctx, () => {
    const { row, snapshot } = bundleForChange(ctx, viewer, id);
    if (input.version !== undefined && input.version !== row.version) throw versionConflict(row.version);
    const working = workingItems(ctx, [row.id]).get(row.id)!;
    if (working.length === 0) throw conflict("bundle_empty", "Add at least one item before publishing.");
    const visible = new Set(visibleItemSeqs(ctx, saveScope(audienceViewer(row.audience)), working.map((w) => w.seq)));
    const blocked = working.filter((w) => !visible.has(w.seq));
    if (blocked.length) throw publishBlocked(ctx, viewer, row.audience, blocked);

    const curators = curatorsOf(ctx, [row.id]).get(row.id)!;
    if (snapshot && workingDigest(row, working, curators) === snapshotDigest(snapshot)) return;
    const now = isoNow(ctx);
    const number = (row.publishedVersion ?? 0) + 1;
    const content: BundleSnapshot = {
      title: row.title,
      about: row.about,
      use: row.use,
      themes: row.themes,
      sector: row.sector,
      audience: row.audience,
      // Published snapshots are read by anyone the audience reaches: curators named as the public sees them.
      curators: renamed(ctx, curators, "public"),
      ...snapshotEntries(ctx, row.audience, working),
      publishedAt: now,
    };
    insertSnapshot(ctx, { bundleId: row.id, number, content, publishedBy: viewer.user.id, publishedAt: now });
    updateBundleRow(ctx, row.id, { status: "published", slug: row.slug ?? newSlug(ctx, row.title), publishedVersion: number, updatedAt: now });
  });
  return getBundle(ctx, viewer, id);
}
