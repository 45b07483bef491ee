/**
 * A broker's feed per theme of new leervragen (open or claimed, sub-themes included), so their feed
 * reader or Teams channel shows what waits for an answer. Never public: the URL carries the broker's own
 * token, and the feed shows exactly the questions the broker reads in the API (access.ts), drafts never.
 * The token opens nothing once the person is no broker or is disabled; rotating it stops old URLs.
 * No one's name is in it: a Teams channel may be wider than the colleagues who see names.
 */
import { translate } from "../../../shared/i18n";
import type { FeedFormat } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import { newSecret } from "../../core/ids";
import { isBroker, type SignedInViewer } from "../../core/viewer";
import { brokerFeedToken, brokerOfFeedToken, newQuestionsInThemes, writeBrokerFeedToken } from "../../db/repositories/questions/broker-feed";
import { transaction } from "../../db/statements";
import { signedInViewer } from "../accounts/accounts";
import { feedValidators, type FeedOptions, type PreparedFeed } from "../feeds/feeds";
import { writeFeed, type FeedEntry } from "../feeds/writer";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";
import { questionScope } from "./access";

function requireBroker(viewer: SignedInViewer) {
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) have question feeds. / Alleen makelaars hebben feeds met leervragen.");
}

/** The caller's feed URLs for a theme; the token is made on first request and then kept. */
export function questionFeedUrls(ctx: ServiceContext, viewer: SignedInViewer, theme: string): Record<FeedFormat, string> {
  requireBroker(viewer);
  const slug = requireThemes(ctx, [theme])[0]!;
  const token = transaction(ctx, () => {
    const existing = brokerFeedToken(ctx, viewer.user.id);
    if (existing) return existing;
    const made = newSecret("kpq");
    writeBrokerFeedToken(ctx, viewer.user.id, made, isoNow(ctx));
    return made;
  });
  return ctx.links.questionFeeds(slug, token);
}

/** A new token for all of the caller's question feeds; every URL handed out before stops at once. */
export function rotateQuestionFeedUrls(ctx: ServiceContext, viewer: SignedInViewer, theme: string): Record<FeedFormat, string> {
  requireBroker(viewer);
  const slug = requireThemes(ctx, [theme])[0]!;
  const token = newSecret("kpq");
  writeBrokerFeedToken(ctx, viewer.user.id, token, isoNow(ctx));
  return ctx.links.questionFeeds(slug, token);
}

/** The broker behind a token, as a viewer, while they still act as one; null otherwise. */
function brokerForToken(ctx: ServiceContext, token: string): SignedInViewer | null {
  const person = brokerOfFeedToken(ctx, token);
  if (!person || person.disabled || !person.roles.includes("broker")) return null;
  return signedInViewer(ctx, person, "");
}

export function prepareQuestionFeed(ctx: ServiceContext, slug: string, token: string | undefined, options: FeedOptions): PreparedFeed {
  const index = themeIndex(ctx);
  const theme = index.bySlug.get(slug);
  const broker = token ? brokerForToken(ctx, token) : null;
  // A wrong, rotated or former broker's token is the same 404 as an unknown theme: nothing to learn from it.
  if (!theme || !broker) throw notFound("feed");
  const rows = newQuestionsInThemes(ctx, questionScope(broker), index.withDescendants(slug), options.limit);
  // A handful of short rows: cheap to read on every poll; only a stale copy is written out.
  const { etag, updated, lastModified } = feedValidators(ctx, options, [`questions:${slug}`, theme.name.nl, token!], rows.map((r) => `${r.id}:${r.updatedAt}:${r.schoolName ?? ""}`), rows.map((r) => r.updatedAt));
  return {
    etag,
    lastModified,
    audience: "private",
    render: () => {
      const entries: FeedEntry[] = rows.map((r) => ({
        id: `urn:knooppunt:question:${r.id}`,
        title: r.question,
        url: ctx.links.questionPage(r.id),
        summary: [r.schoolName, r.context.trim()].filter(Boolean).join(" — ") || null,
        categories: (JSON.parse(r.themes) as string[]).map((t) => ({ term: t, label: index.bySlug.get(t)?.name.nl ?? t })),
        authors: [],
        published: r.createdAt,
        updated: r.updatedAt,
        image: null,
        video: null,
      }));
      return writeFeed(
        {
          id: `urn:knooppunt:feed:questions:${slug}`,
          title: translate("nl", "feeds.questions.title", { theme: theme.name.nl }),
          subtitle: translate("nl", "feeds.questions.subtitle", { theme: theme.name.nl }),
          language: "nl",
          homeUrl: ctx.links.home(),
          selfUrls: ctx.links.questionFeeds(slug, token!),
          updated,
          entries,
        },
        options.format,
      );
    },
  };
}
