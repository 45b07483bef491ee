/**
 * What an export holds, gathered once and written in any of the four formats (formats.ts): a person's own
 * saves, one bundle for its curators (or its readers), a school's accepted bundles and subscriptions for
 * its coordinators. Every path goes through services/access first, so whatever the caller may not see is
 * a 404 here as everywhere else, and other people's saves never enter a file.
 */
import { EXPORT_FORMAT, type ExportedBundle, type ExportedCircle, type ExportedFeed, type ExportedSave, type KnooppuntExport } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { acceptedBundleCandidates } from "../../db/repositories/feeds";
import { communityById, schoolById } from "../../db/repositories/organisations";
import { isoNow, type ServiceContext } from "../../core/context";
import { forbidden } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { bundleForRead } from "../access/bundles";
import { schoolAsCoordinator } from "../access/schools";
import { bundleView } from "../bundles/view";
import { shownSnapshot } from "../bundles/still-shared";
import { exportedSaves } from "../privacy/export";
import { getFeedUrls, getSubscriptions } from "../schools/subscriptions";
import { themeIndex } from "../taxonomy/theme-index";

/** A school accepts bundles one by one; no school accepts more than this many in a lifetime of use. */
const ACCEPTED_BUNDLES_LIMIT = 10_000;

function emptyExport(ctx: ServiceContext, scope: KnooppuntExport["scope"]): KnooppuntExport {
  return { format: EXPORT_FORMAT, exportedAt: isoNow(ctx), scope, saves: [], bundles: [], school: null, feeds: [] };
}

/** The public feeds of these themes, in the taxonomy's order: what following a theme means without an account. */
function themeFeeds(ctx: ServiceContext, slugs: readonly string[]): ExportedFeed[] {
  const index = themeIndex(ctx);
  return [...new Set(slugs)]
    .filter((slug) => index.bySlug.has(slug))
    .sort(index.compare)
    .map((slug) => ({ title: index.bySlug.get(slug)!.name.nl, url: ctx.links.themeFeeds(slug).atom, kind: "theme" as const, carriesSecret: false }));
}

/**
 * Names beside the ids, so the circle can be found again on another installation; each school and
 * community looked up once however many saves sit in it.
 */
function circleNamer(ctx: ServiceContext) {
  const names = new Map<string, string | null>();
  const named = (key: string, find: () => string | null) => {
    if (!names.has(key)) names.set(key, find());
    return names.get(key)!;
  };
  return (circle: { visibility: ExportedCircle["visibility"]; schoolId: string | null; communityId: string | null }): ExportedCircle => {
    const { schoolId, communityId } = circle;
    const schoolName = schoolId ? named(`school:${schoolId}`, () => schoolById(ctx, schoolId)?.name ?? null) : null;
    const communityName = communityId ? named(`community:${communityId}`, () => communityById(ctx, communityId)?.name ?? null) : null;
    return { visibility: circle.visibility, schoolId, schoolName, communityId, communityName };
  };
}

/**
 * The caller's own saves in every circle, private ones included (they are theirs), with the page facts
 * as their own save captured them. The feeds they follow are their themes' public feeds.
 */
export function exportOwnSaves(ctx: ServiceContext, viewer: SignedInViewer): KnooppuntExport {
  const saves: ExportedSave[] = [];
  const namedCircle = circleNamer(ctx);
  for (const save of exportedSaves(ctx, viewer.user.id)) {
    if (!save.item) continue;
    saves.push({
      url: save.item.url,
      title: save.item.title,
      kind: save.kind,
      note: save.note,
      quote: save.quote,
      tags: save.tags,
      themes: save.themes,
      sector: save.sector,
      circle: namedCircle(save.circle),
      applied: Boolean(save.applied),
      worked: save.worked,
      createdAt: save.createdAt,
      updatedAt: save.updatedAt,
    });
  }
  return { ...emptyExport(ctx, "saves"), saves, feeds: themeFeeds(ctx, saves.flatMap((s) => s.themes)) };
}

function snapshotExport(ctx: ServiceContext, id: string, version: number, publicUrl: string | null, snapshot: BundleSnapshot): ExportedBundle {
  return {
    id,
    title: snapshot.title,
    about: snapshot.about,
    use: snapshot.use,
    themes: snapshot.themes,
    sector: snapshot.sector,
    audience: snapshot.audience,
    copy: "published",
    version,
    publishedAt: snapshot.publishedAt,
    publicUrl,
    items: snapshot.entries.map((entry, position) => ({ position, url: entry.url, title: entry.title, kind: entry.kind, themes: entry.themes, note: entry.note })),
  };
}

/**
 * One bundle. A published bundle is exported as its published snapshot by default: that is what schools
 * received and what its page shows, so any reader may take it along. Curators may also export their
 * working copy (`copy=working`, the default for a draft): it is theirs to hand over or keep before they
 * publish, and it holds each item as the exporting curator may see it, leaving out what they may not.
 */
export function exportBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string, copy: "published" | "working" | undefined): KnooppuntExport {
  const access = bundleForRead(ctx, viewer, id);
  const published = access.row.status === "published" && access.row.publishedVersion !== null;
  const wanted = copy ?? (published ? "published" : "working");
  const bundle = bundleView(ctx, viewer, access);
  const feeds: ExportedFeed[] = [];
  if (bundle.slug && published) {
    feeds.push({ title: bundle.title, url: ctx.links.bundleFeeds(bundle.slug, null).atom, kind: "bundle", carriesSecret: false });
  }
  if (wanted === "published") {
    // A draft has nothing published: to its curators it simply has no such copy.
    const snapshot = published ? shownSnapshot(ctx, id, access.row.publishedVersion!) : null;
    if (!snapshot) throw forbidden("not_published", "Deze bundel is nog niet gepubliceerd; exporteer de werkversie (copy=working). / This bundle is not published yet; export the working copy (copy=working).");
    const exported = snapshotExport(ctx, id, access.row.publishedVersion!, bundle.publicUrl, snapshot);
    return { ...emptyExport(ctx, "bundle"), bundles: [exported], feeds: [...feeds, ...themeFeeds(ctx, exported.themes)] };
  }
  if (!access.curator) throw forbidden("not_a_curator", "Alleen de samenstellers van de bundel kunnen de werkversie exporteren. / Only the bundle's curators may export its working copy.");
  const items: ExportedBundle["items"] = [];
  for (const entry of bundle.items) {
    if (!entry.item) continue;
    items.push({ position: items.length, url: entry.item.url, title: entry.item.title, kind: entry.item.kind, themes: entry.item.themes, note: entry.note });
  }
  const working: ExportedBundle = {
    id,
    title: bundle.title,
    about: bundle.about,
    use: bundle.use,
    themes: bundle.themes,
    sector: bundle.sector,
    audience: bundle.audience,
    copy: "working",
    version: null,
    publishedAt: bundle.publishedAt,
    publicUrl: bundle.publicUrl,
    items,
  };
  return { ...emptyExport(ctx, "bundle"), bundles: [working], feeds: [...feeds, ...themeFeeds(ctx, working.themes)] };
}

/**
 * A school's accepted bundles, each at the version the school accepted (what it judged), its theme
 * subscriptions, and the feeds it follows: its own private feed (whose address carries the school's feed
 * token, marked as such) and the public feed of every subscribed theme. Coordinators only: the file holds
 * that token.
 */
export function exportSchool(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string): KnooppuntExport {
  const school = schoolAsCoordinator(ctx, viewer, schoolId);
  const subscriptions = getSubscriptions(ctx, school);
  const bundles: ExportedBundle[] = [];
  for (const accepted of acceptedBundleCandidates(ctx, school.id, ACCEPTED_BUNDLES_LIMIT)) {
    const snapshot = shownSnapshot(ctx, accepted.bundleId, accepted.version);
    if (snapshot) bundles.push(snapshotExport(ctx, accepted.bundleId, accepted.version, ctx.links.bundlePage(accepted.slug), snapshot));
  }
  const own: ExportedFeed = { title: school.name, url: getFeedUrls(ctx, school).atom, kind: "school", carriesSecret: true };
  return {
    ...emptyExport(ctx, "school"),
    bundles,
    school: { id: school.id, name: school.name, subscriptions: { themes: subscriptions.themes, sector: subscriptions.sector ?? [] } },
    feeds: [own, ...themeFeeds(ctx, subscriptions.themes)],
  };
}
