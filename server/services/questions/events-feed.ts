/**
 * The school's feed shows its answered leervragen (school and network circles only, as its webhooks do):
 * the question as the title, linking to the answer bundle with the school's offer key while that key opens
 * it, else to the question. Read on every poll, like the accepted bundles: a key expires without any write,
 * and the stamps go into the feed's validators so an answer moves the ETag. Once the follow-up reminder
 * went out (reminders.ts), the question comes again as "Toegepast? Werkte het?", linking to the
 * question, until someone records how it went.
 */
import { translate } from "../../../shared/i18n";
import type { ServiceContext } from "../../core/context";
import { answeredQuestionsOfSchool } from "../../db/repositories/questions/feed";
import { usableKey } from "../offers/keys";
import { themeIndex } from "../taxonomy/theme-index";
import type { FeedEntry } from "../feeds/writer";

export interface AnsweredQuestionsInFeed {
  /** What changes the feed's ETag. */
  stamps: string[];
  /** For Last-Modified. */
  times: string[];
  entries: FeedEntry[];
}

export function answeredQuestionsInFeed(ctx: ServiceContext, schoolId: string, limit: number): AnsweredQuestionsInFeed {
  const rows = answeredQuestionsOfSchool(ctx, schoolId, limit);
  const index = themeIndex(ctx);
  const shaped = rows.flatMap((row) => {
    const key = row.capabilityKey && row.offeredAt ? usableKey(ctx, { capabilityKey: row.capabilityKey, keyIssuedAt: row.keyIssuedAt, keyRevokedAt: row.keyRevokedAt, offeredAt: row.offeredAt }) : null;
    const url = row.slug ? ctx.links.bundleLink(row.slug, key) : ctx.links.questionPage(row.id);
    const themes = JSON.parse(row.themes) as string[];
    const entry: FeedEntry = {
      id: `urn:knooppunt:question:${row.id}`,
      title: row.question,
      url,
      summary: row.note.trim() || null,
      categories: themes.map((slug) => ({ term: slug, label: index.bySlug.get(slug)?.name.nl ?? slug })),
      authors: [],
      published: row.answeredAt,
      updated: row.updatedAt > row.answeredAt ? row.updatedAt : row.answeredAt,
      image: null,
      video: null,
    };
    const shown = [{ entry, stamp: `${row.id}:${row.updatedAt}:${url}` }];
    if (row.remindedAt && !row.followedUp) {
      shown.push({
        entry: {
          ...entry,
          id: `urn:knooppunt:question:${row.id}:followup`,
          title: translate("nl", "webhook.question.followupDueTitle", { question: row.question }),
          url: ctx.links.questionPage(row.id),
          summary: translate("nl", "webhook.question.followupDueHint"),
          published: row.remindedAt,
          updated: row.remindedAt,
        },
        stamp: `${row.id}:followup:${row.remindedAt}`,
      });
    }
    return shown;
  });
  return { stamps: shaped.map((s) => s.stamp), times: shaped.map((s) => s.entry.updated), entries: shaped.map((s) => s.entry) };
}

/** The feed's entries and the answered questions together, newest first, cut to the limit. */
export const withAnsweredQuestions = (entries: FeedEntry[], answered: AnsweredQuestionsInFeed, limit: number) =>
  [...entries, ...answered.entries].sort((a, b) => (a.updated === b.updated ? 0 : a.updated > b.updated ? -1 : 1)).slice(0, limit);
