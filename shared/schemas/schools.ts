/**
 * How a school receives knowledge (API.md "Schools: … subscriptions, feeds" and "Feeds and pages"):
 * its subscriptions, its private feed addresses and the feed paths. Webhooks are in ./webhooks.
 */
import { z } from "zod";
import { FEED_FORMATS, type FeedFormat as FeedFormatValue } from "../feeds";
import { ItemSector, ThemeSlug } from "./common";

// ---------------------------------------------------------------------------------------------------
// Subscriptions

/** A school's subscriptions: themes (sub-themes included) and, optionally, the sectors to narrow to. */
export const SubscriptionsRequest = z.object({
  themes: z.array(ThemeSlug).max(100),
  /** Empty or absent: every sector. */
  sector: z.array(ItemSector).max(6).optional(),
});
export type SubscriptionsRequest = z.input<typeof SubscriptionsRequest>;

export const Subscriptions = z.object({ themes: z.array(z.string()), sector: z.array(ItemSector) });
export type Subscriptions = z.infer<typeof Subscriptions>;

// ---------------------------------------------------------------------------------------------------
// Feeds

export { FEED_FORMATS };
export const FeedFormat = z.enum(FEED_FORMATS);
export type FeedFormat = FeedFormatValue;

/** The school's private feed in each format; the token inside them is revocable (rotate). */
export const FeedUrlsResponse = z.object({ atom: z.string(), rss: z.string(), json: z.string() });
export type FeedUrlsResponse = z.infer<typeof FeedUrlsResponse>;

const feedFile = (pattern: RegExp) =>
  z.object({
    file: z
      .string()
      .regex(pattern, "not a feed file name")
      .transform((file) => {
        const dot = file.lastIndexOf(".");
        return { name: file.slice(0, dot), format: file.slice(dot + 1) as FeedFormat };
      }),
  });
export const ThemeFeedPath = feedFile(/^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:atom|rss|json)$/);
export const SchoolFeedPath = feedFile(/^[A-Za-z0-9_-]{1,64}\.(?:atom|rss|json)$/);
export const BundleFeedPath = feedFile(/^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:atom|rss|json)$/);

export const FeedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The school feed's token. */
  token: z.string().max(200).optional(),
  /** An offer's capability key, for a network bundle's feed. */
  key: z.string().max(200).optional(),
});
export type FeedQuery = z.output<typeof FeedQuery>;

