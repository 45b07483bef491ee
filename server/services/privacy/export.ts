/**
 * A person's export (AVG art. 15 and 20): everything stored about them, as JSON, and their saves as CSV
 * or as the Netscape bookmark file that browsers, Raindrop, Karakeep and Linkwarden import. Secrets
 * (password hash, token and webhook secrets, offers' keys) are never part of it.
 */
import { itemRows } from "../../db/repositories/library/items";
import { tokensOf, userById } from "../../db/repositories/accounts";
import { identitiesOf } from "../../db/repositories/sign-in/identities";
import { communitiesOf, institutesOf, schoolsOf } from "../../db/repositories/memberships";
import { bundleItemsOf, curatedBundlesOf, offersOf, savesOf, webhooksCreatedBy } from "../../db/repositories/personal-data/export";
import { questionDataOf } from "../../db/repositories/questions/questions";
import { isoNow, type ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";

export interface ExportedItem {
  id: string;
  url: string;
  title: string;
}

/**
 * The items themselves (id and normalised URL), titled as the person's own save of them has it: page facts
 * belong to each save, and another person's title is not this person's data.
 */
function itemsBySeq(ctx: ServiceContext, seqs: number[], ownTitles: Map<number, string>): Map<number, ExportedItem> {
  const unique = [...new Set(seqs)];
  return new Map(unique.length ? itemRows(ctx, unique).map((r) => [r.seq, { id: r.id, url: r.url, title: ownTitles.get(r.seq) ?? "" }]) : []);
}

export function exportedSaves(ctx: ServiceContext, userId: string, saves = savesOf(ctx, userId)) {
  const items = itemsBySeq(ctx, saves.map((s) => s.itemSeq), new Map());
  return saves.map(({ itemSeq, communityId, schoolId, url, title, ...save }) => ({
    item: items.has(itemSeq) ? { id: items.get(itemSeq)!.id, url: url || items.get(itemSeq)!.url, title } : null,
    ...save,
    circle: { visibility: save.visibility, schoolId, communityId },
  }));
}
export type ExportedSave = ReturnType<typeof exportedSaves>[number];

export function exportPersonalData(ctx: ServiceContext, userId: string) {
  const user = userById(ctx, userId);
  if (!user) throw notFound("user");
  const bundles = curatedBundlesOf(ctx, userId);
  const bundleItems = bundleItemsOf(ctx, bundles.map((b) => b.id));
  const own = savesOf(ctx, userId);
  const ownTitles = new Map(own.map((s) => [s.itemSeq, s.title]));
  const items = itemsBySeq(ctx, bundleItems.map((i) => i.itemSeq), ownTitles);
  return {
    exportedAt: isoNow(ctx),
    profile: {
      id: user.id,
      name: user.name,
      displayName: user.displayName,
      email: user.email,
      roles: user.roles,
      disabled: user.disabled,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    // The school accounts the person signs in with; password sign-in has none.
    identities: identitiesOf(ctx, userId).map(({ userId: _owner, ...identity }) => identity),
    memberships: { schools: schoolsOf(ctx, userId), institutes: institutesOf(ctx, userId), communities: communitiesOf(ctx, userId) },
    saves: exportedSaves(ctx, userId, own),
    bundles: bundles.map((b) => ({
      ...b,
      themes: JSON.parse(b.themes) as string[],
      items: bundleItems.filter((i) => i.bundleId === b.id).map((i) => ({ position: i.position, note: i.note, item: items.get(i.itemSeq) ?? null })),
    })),
    tokens: tokensOf(ctx, userId).map((t) => ({ id: t.id, name: t.name, kind: t.kind, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt })),
    webhooks: webhooksCreatedBy(ctx, userId).map((w) => ({ ...w, events: JSON.parse(w.events) as string[] })),
    offers: offersOf(ctx, userId).map(({ offeredByMe, answeredByMe, ...o }) => ({ ...o, offeredByMe: Boolean(offeredByMe), answeredByMe: Boolean(answeredByMe) })),
    questions: questionDataOf(ctx, userId),
  };
}
