/** Leervragen: a question from a school or teacher, a broker's answer, and whether it worked (API.md "Added in wave 2"). */
import { z } from "zod";
import { PUPIL_DATA_KINDS } from "../vocabulary";
import { Id, ItemSector, Outcome, PageQuery, ThemeSlug, Visibility, trimmed } from "./common";

export const QuestionStatus = z.enum(["open", "claimed", "answered", "closed"]);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** A question is shared at most with the network: it is about a school's practice, never for the public feeds. */
export const QuestionVisibility = Visibility.exclude(["public"]);

const QuestionFields = {
  question: trimmed(1000).min(3, "ask a question of at least a few words"),
  /** "Wat hebben we al geprobeerd?" */
  context: trimmed(4000).optional(),
  themes: z.array(ThemeSlug).max(20),
  sector: z.array(ItemSector).max(6).optional(),
  visibility: QuestionVisibility,
  schoolId: Id.optional(),
  communityId: Id.optional(),
  /** Weeks after the answer at which the asker is asked "Toegepast? Werkte het?" (default 6). */
  followupWeeks: z.number().int().min(1).max(52).optional(),
};

export const CreateQuestionRequest = z.object(QuestionFields);
export type CreateQuestionInput = z.output<typeof CreateQuestionRequest>;

/** What the library already held that answered the question ("Misschien helpt dit al"). */
export const ClosedWith = z.union([z.object({ bundleId: Id }).strict(), z.object({ itemId: Id }).strict()]);

export const UpdateQuestionRequest = z.object({
  question: QuestionFields.question.optional(),
  context: QuestionFields.context,
  themes: QuestionFields.themes.optional(),
  sector: QuestionFields.sector,
  visibility: QuestionVisibility.optional(),
  schoolId: Id.optional(),
  communityId: Id.optional(),
  followupWeeks: QuestionFields.followupWeeks,
  /** The asker closes the question with a bundle or item that already answers it. */
  closedWith: ClosedWith.optional(),
});
export type UpdateQuestionInput = z.output<typeof UpdateQuestionRequest>;

export const QuestionsQuery = PageQuery.extend({
  status: QuestionStatus.optional(),
  /** Includes the theme's sub-themes. */
  theme: ThemeSlug.optional(),
  schoolId: Id.optional(),
  communityId: Id.optional(),
  /** `me`: the caller's own questions; `claimed`: those the caller works on as a broker. */
  mine: z.enum(["asked", "claimed"]).optional(),
  /** `due`: answered questions whose follow-up fell due and is not recorded yet ("Toegepast? Werkte het?"). */
  followup: z.enum(["due"]).optional(),
});
export type QuestionsQuery = z.output<typeof QuestionsQuery>;

export const CommentRequest = z.object({ body: trimmed(4000).min(1, "write a comment") });
/** `own` takes the question (one owner at a time); `join` works on it beside the owner. */
export const ClaimRequest = z.object({ mode: z.enum(["own", "join"]).default("own") });
export const AnswerRequest = z
  .object({
    bundleId: Id.optional(),
    itemIds: z.array(Id).max(50).optional(),
    note: trimmed(4000).default(""),
    /** Similar questions (of other schools) that this one answer serves too. */
    questionIds: z.array(Id).max(50).optional(),
  })
  .refine((a) => a.bundleId !== undefined || (a.itemIds?.length ?? 0) > 0, "answer with a bundle (bundleId) or library items (itemIds)");
export type AnswerInput = z.output<typeof AnswerRequest>;
export const FollowupRequest = z.object({ applied: z.boolean(), worked: Outcome, note: trimmed(2000).default("") });
export type FollowupInput = z.output<typeof FollowupRequest>;

const Person = z.object({ id: z.string(), name: z.string() });

export const QuestionComment = z.object({ id: z.string(), author: Person, body: z.string(), createdAt: z.string() });
export const QuestionWording = z.object({ question: z.string(), context: z.string(), changedBy: Person, at: z.string() });

export const QuestionAnswer = z.object({
  id: z.string(),
  bundle: z.object({ id: z.string(), title: z.string(), url: z.string().nullable() }).nullable(),
  /** Only the items the caller may see. */
  itemIds: z.array(z.string()),
  note: z.string(),
  fromExistingBundle: z.boolean(),
  answeredBy: Person,
  answeredAt: z.string(),
});

export const Question = z.object({
  id: z.string(),
  question: z.string(),
  context: z.string(),
  themes: z.array(z.string()),
  sector: z.array(ItemSector),
  visibility: QuestionVisibility,
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  communityId: z.string().nullable(),
  status: QuestionStatus,
  askedBy: Person,
  askedByMe: z.boolean(),
  brokers: z.array(Person.extend({ role: z.enum(["owner", "joined"]) })),
  answer: QuestionAnswer.nullable(),
  followupWeeks: z.number().int(),
  /** When the asker is asked "Toegepast? Werkte het?"; null until answered. */
  followupDueAt: z.string().nullable(),
  followup: z.object({ applied: z.boolean(), worked: Outcome, note: z.string(), recordedAt: z.string() }).nullable(),
  /** The follow-up fell due and nobody recorded it yet: the asker is asked "Toegepast? Werkte het?". */
  followupDue: z.boolean(),
  /** When the asking school was reminded through its webhooks and feed; null until then (sent once). */
  followupRemindedAt: z.string().nullable(),
  closedWith: z.object({ bundleId: z.string().optional(), itemId: z.string().optional() }).nullable(),
  commentCount: z.number().int(),
  /** NRO's Kennisrotonde question form with this question filled in, for what no local expert can answer. */
  kennisrotondeUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type Question = z.infer<typeof Question>;

export const QuestionResponse = z.object({ question: Question });
export const QuestionDetailResponse = z.object({
  question: Question.extend({ comments: z.array(QuestionComment), wordings: z.array(QuestionWording) }),
});
/** Where the question or its context looks like a pupil's personal data: the asker is warned, never refused. */
export const QuestionPupilDataWarning = z.object({
  field: z.enum(["question", "context"]),
  kind: z.enum(PUPIL_DATA_KINDS),
  /** Offsets in the field as stored, in UTF-16 code units, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
/** Asking or changing a question: `warnings` only when something looks like pupil data. */
export const SavedQuestionResponse = QuestionDetailResponse.extend({ warnings: z.array(QuestionPupilDataWarning).optional() });
export const QuestionsResponse = z.object({ questions: z.array(Question), nextCursor: z.string().nullable() });
export const CommentResponse = z.object({ comment: QuestionComment });
export const AnswerResponse = z.object({
  /** Every question the answer serves, this one first. */
  questions: z.array(Question),
  /** The offers made to the asking schools (one per school; repeating returns the existing one). */
  offers: z.array(z.object({ id: z.string(), schoolId: z.string(), status: z.string(), existing: z.boolean() })),
});

export const QuestionStatsQuery = z.object({
  /** Questions asked from (inclusive) … to (exclusive), ISO dates or times; the last 365 days by default. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export const QuestionStats = z.object({
  from: z.string(),
  to: z.string(),
  asked: z.number().int(),
  answered: z.number().int(),
  answeredWithin30Days: z.number().int(),
  /** Days from asking to the answer, the median over answered questions, to one decimal; null when none. */
  medianDaysToAnswer: z.number().nullable(),
  answeredFromExistingBundle: z.number().int(),
  followupsReturned: z.number().int(),
  worked: z.object({ yes: z.number().int(), no: z.number().int(), untested: z.number().int() }),
});
export const QuestionStatsResponse = z.object({ stats: QuestionStats });

/** "Misschien helpt dit al": what the library already holds for a question being typed. */
export const QuestionSuggestionsQuery = z.object({
  q: z.string().max(1000).default(""),
  /** Theme slugs, comma-separated or repeated; sub-themes are included. */
  themes: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(ThemeSlug).max(20))
    .optional(),
});
export const QuestionSuggestions = z.object({
  bundles: z.array(z.object({ id: z.string(), title: z.string(), about: z.string(), themes: z.array(z.string()), url: z.string() })),
  items: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), kind: z.string(), siteName: z.string().nullable(), excerpt: z.string().nullable() })),
});
export type QuestionSuggestions = z.infer<typeof QuestionSuggestions>;

/** A broker's private feed of new leervragen in a theme: `GET /questions/feed-url?theme=`. */
export const QuestionFeedUrlQuery = z.object({ theme: ThemeSlug });
/** The feed's three formats; each URL carries the broker's token (rotate replaces it for every theme). */
export const QuestionFeedUrls = z.object({ atom: z.string(), rss: z.string(), json: z.string() });
