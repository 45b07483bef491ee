import { Hono } from "hono";
import { z } from "zod";
import {
  AnswerRequest,
  AnswerResponse,
  ClaimRequest,
  CommentRequest,
  CommentResponse,
  CreateQuestionRequest,
  FollowupRequest,
  Id,
  QuestionDetailResponse,
  QuestionFeedUrlQuery,
  QuestionFeedUrls,
  QuestionsQuery,
  QuestionsResponse,
  QuestionStatsQuery,
  QuestionStatsResponse,
  QuestionSuggestions,
  QuestionSuggestionsQuery,
  SavedQuestionResponse,
  UpdateQuestionRequest,
} from "../../../shared/schemas";
import { findPupilData } from "../../../shared/privacy/pupil-data";
import { requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { idempotent } from "../../http/requests";
import { valid } from "../../http/validate";
import { answerQuestion, claimQuestion, recordFollowup } from "../../services/questions/answering";
import { askQuestion, changeQuestion, commentOnQuestion, getQuestion, listQuestions } from "../../services/questions/asking";
import { questionFeedUrls, rotateQuestionFeedUrls } from "../../services/questions/broker-feed";
import { questionStats } from "../../services/questions/stats";
import { suggestAnswers } from "../../services/questions/suggestions";

const tag = "questions";
const IdParam = z.object({ id: Id });
/** The form reminds people not to name pupils, as the clip form does; the API says where it looks like it happened. */
function withPupilDataWarnings<Q extends { question: string; context: string }>(question: Q) {
  const warnings = (["question", "context"] as const).flatMap((field) => findPupilData(question[field]).map(({ kind, start, end }) => ({ field, kind, start, end })));
  return warnings.length ? { question, warnings } : { question };
}

const notVisible = { description: "No such question, or not one the caller may see (a draft, another school's or community's)" };

// Leervragen: services/questions/access.ts says who sees and who acts. Static paths come before /:id.
export const questionRoutes = new Hono<AppEnv>()
  .get(
    "/questions/stats",
    doc({
      tag,
      summary: "The network overview for a period: asked, answered (within 30 days), median days to the answer, answered from an existing bundle, follow-ups and whether it worked (brokers, administrators)",
      responses: { 200: { description: "The figures", schema: QuestionStatsResponse }, 403: { description: "Not a broker or administrator" } },
    }),
    requireUser,
    valid("query", QuestionStatsQuery),
    (c) => c.json({ stats: questionStats(c.var.ctx, c.var.viewer, c.req.valid("query")) }),
  )
  .get(
    "/questions/suggestions",
    doc({
      tag,
      summary: "Misschien helpt dit al: published bundles and library items the caller may read that may already answer a question being typed (full text and themes)",
      responses: { 200: { description: "Up to five bundles and five items", schema: QuestionSuggestions } },
    }),
    requireUser,
    valid("query", QuestionSuggestionsQuery),
    (c) => c.json(suggestAnswers(c.var.ctx, c.var.viewer, c.req.valid("query"))),
  )
  .get(
    "/questions/feed-url",
    doc({
      tag,
      summary: "A broker's private feed URLs (Atom, RSS, JSON Feed) of new questions in a theme and its sub-themes, for a feed reader or a Teams channel; the token is the broker's own (brokers)",
      responses: { 200: { description: "Feed URLs", schema: QuestionFeedUrls }, 400: { description: "Unknown theme" }, 403: { description: "Not a broker" } },
    }),
    requireUser,
    valid("query", QuestionFeedUrlQuery),
    (c) => c.json(questionFeedUrls(c.var.ctx, c.var.viewer, c.req.valid("query").theme)),
  )
  .post(
    "/questions/feed-url/rotate",
    doc({
      tag,
      summary: "Replace the broker's question-feed token: every question-feed URL handed out before stops at once; answers this theme's new URLs (brokers)",
      responses: { 200: { description: "New feed URLs", schema: QuestionFeedUrls }, 400: { description: "Unknown theme" }, 403: { description: "Not a broker" } },
    }),
    requireUser,
    valid("query", QuestionFeedUrlQuery),
    (c) => c.json(rotateQuestionFeedUrls(c.var.ctx, c.var.viewer, c.req.valid("query").theme)),
  )
  .post(
    "/questions",
    doc({
      tag,
      summary: "Ask a question in a circle (private is a draft; school, community or network); the first wording is kept in its history",
      responses: { 201: { description: "The question; `warnings` when its wording or context looks like pupil data", schema: SavedQuestionResponse }, 403: { description: "Not a member of the named school or community" } },
    }),
    requireUser,
    idempotent,
    valid("json", CreateQuestionRequest),
    (c) => c.json(withPupilDataWarnings(askQuestion(c.var.ctx, c.var.viewer, c.req.valid("json"))), 201),
  )
  .get(
    "/questions",
    doc({ tag, summary: "The questions the caller may see, newest first, by state, theme (with sub-themes), school, community, their own, or those whose follow-up is due (`followup=due`)", responses: { 200: { description: "Questions", schema: QuestionsResponse } } }),
    requireUser,
    valid("query", QuestionsQuery),
    (c) => c.json(listQuestions(c.var.ctx, c.var.viewer, c.req.valid("query"))),
  )
  .get(
    "/questions/:id",
    doc({ tag, summary: "A question with its thread and every wording it had", responses: { 200: { description: "The question", schema: QuestionDetailResponse }, 404: notVisible } }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json({ question: getQuestion(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .patch(
    "/questions/:id",
    doc({
      tag,
      summary: "Change a question (the asker), sharpen its wording (brokers working on it), or close it with a bundle or item that already answers it (the asker)",
      responses: {
        200: { description: "The question; `warnings` when its wording or context looks like pupil data", schema: SavedQuestionResponse },
        403: { description: "Neither the asker nor a broker working on it" },
        404: notVisible,
        409: { description: "Already answered" },
      },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", UpdateQuestionRequest),
    (c) => c.json(withPupilDataWarnings(changeQuestion(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")))),
  )
  .post(
    "/questions/:id/comments",
    doc({ tag, summary: "Add to the question's thread (everyone who sees the question)", responses: { 201: { description: "The comment", schema: CommentResponse }, 404: notVisible } }),
    requireUser,
    idempotent,
    valid("param", IdParam),
    valid("json", CommentRequest),
    (c) => c.json({ comment: commentOnQuestion(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json").body) }, 201),
  )
  .post(
    "/questions/:id/claim",
    doc({
      tag,
      summary: "Take the question (`own`, one owner at a time) or work on it beside the owner (`join`) (brokers)",
      responses: { 200: { description: "The question", schema: QuestionDetailResponse }, 403: { description: "Not a broker" }, 404: notVisible, 409: { description: "Another broker owns it, or it is answered or closed" } },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", ClaimRequest),
    (c) => c.json({ question: claimQuestion(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json").mode) }),
  )
  .post(
    "/questions/:id/answer",
    doc({
      tag,
      summary: "Answer with a published bundle and/or library items and a note, for this and similar questions; each asking school is offered the bundle (brokers; offering needs the bundle's curator)",
      responses: {
        200: { description: "The answered questions and the offers made", schema: AnswerResponse },
        403: { description: "Not a broker, or not a curator of the bundle" },
        404: notVisible,
        409: { description: "Answered or closed already, or the bundle is not published" },
      },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", AnswerRequest),
    (c) => c.json(answerQuestion(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json"))),
  )
  .post(
    "/questions/:id/followup",
    doc({
      tag,
      summary: "Toegepast? Werkte het? — the asker (or the school's coordinator) records whether the answer was applied and worked",
      responses: { 200: { description: "The question", schema: QuestionDetailResponse }, 403: { description: "Neither the asker nor a coordinator of the school" }, 404: notVisible, 409: { description: "Not answered yet" } },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", FollowupRequest),
    (c) => c.json({ question: recordFollowup(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }),
  );
