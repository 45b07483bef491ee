/** A school's answered leervragen for its private feed, newest answer first, with the offer that brought the answer bundle. */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { queryAll } from "../../statements";

export interface AnsweredQuestionRow {
  id: string;
  question: string;
  themes: string;
  answeredAt: string;
  updatedAt: string;
  note: string;
  bundleId: string | null;
  slug: string | null;
  capabilityKey: string | null;
  keyIssuedAt: string | null;
  keyRevokedAt: string | null;
  offeredAt: string | null;
  /** When the school was reminded "Toegepast? Werkte het?"; null before. */
  remindedAt: string | null;
  /** 1 once the follow-up is recorded. */
  followedUp: number;
}

/** Only questions in circles the school's channel may read (school, network), as for its webhooks. */
export const answeredQuestionsOfSchool = (ctx: ServiceContext, schoolId: string, limit: number) =>
  queryAll<AnsweredQuestionRow>(
    ctx,
    sql`SELECT q.id AS id, q.question AS question, q.themes AS themes, q.answered_at AS answeredAt, q.updated_at AS updatedAt,
          a.note AS note, a.bundle_id AS bundleId, b.slug AS slug,
          o.capability_key AS capabilityKey, o.key_issued_at AS keyIssuedAt, o.key_revoked_at AS keyRevokedAt, o.offered_at AS offeredAt,
          q.followup_reminded_at AS remindedAt, EXISTS (SELECT 1 FROM question_followups f WHERE f.question_id = q.id) AS followedUp
        FROM questions q JOIN question_answers a ON a.id = q.answer_id
        LEFT JOIN bundles b ON b.id = a.bundle_id AND b.status = 'published'
        LEFT JOIN offers o ON o.id = (SELECT o2.id FROM offers o2 WHERE o2.bundle_id = a.bundle_id AND o2.school_id = q.school_id ORDER BY o2.offered_at DESC, o2.id DESC LIMIT 1)
        WHERE q.school_id = ${schoolId} AND q.visibility IN ('school', 'network') AND q.status = 'answered'
        ORDER BY q.answered_at DESC, q.id DESC LIMIT ${limit}`,
  );
