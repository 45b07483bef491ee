/**
 * Who sees and who acts on a leervraag. A question lives in a circle exactly like a save, and is read
 * through the same rule (services/access/visibility.ts → db/visibility.ts), with one widening for brokers:
 *
 * - private: a draft; only the asker sees it — brokers and coordinators do not.
 * - school: the members of that school see it all (wording, context, thread, answer, follow-up). Brokers
 *   (makelaars) act for the network and see the same: the question, its context, the school's name, who
 *   asked (their name as colleagues see it), the thread, answer and follow-up. Another school sees nothing:
 *   not in lists, not by id (404), not in suggestions, stats count it only as a number.
 * - community: the community's members see it all; brokers too, for the same reason; people outside it
 *   see nothing.
 * - network: every signed-in member. A question is never public (it is about a school's practice).
 *
 * Acting: the asker edits wording, circle, themes and follow-up period, closes it with what the library
 * already held and records the follow-up; a coordinator of the question's school may record the
 * follow-up too, for an asker who cannot. Brokers claim (one owner at a time) or join,
 * sharpen the wording, and answer. Everyone who reads the question may comment on it.
 */
import type { ServiceContext } from "../../core/context";
import { forbidden, notFound } from "../../core/errors";
import { isBroker, type SignedInViewer } from "../../core/viewer";
import { brokersOf, questionById, visibleQuestionById, type QuestionRow, type QuestionScope } from "../../db/repositories/questions/questions";
import { saveScope } from "../access/visibility";

export function questionScope(viewer: SignedInViewer): QuestionScope {
  return { ...saveScope(viewer), brokerCircles: isBroker(viewer) };
}

/** The question if the viewer may read it; 404 otherwise, so a private or other school's question does not show it exists. */
export function questionForRead(ctx: ServiceContext, viewer: SignedInViewer, id: string): QuestionRow {
  const row = visibleQuestionById(ctx, questionScope(viewer), id) ? questionById(ctx, id) : undefined;
  if (!row) throw notFound("question");
  return row;
}

export const askedBy = (viewer: SignedInViewer, row: QuestionRow) => row.userId === viewer.user.id;

const coordinatesSchoolOf = (viewer: SignedInViewer, row: QuestionRow) =>
  row.schoolId !== null && viewer.schools.some((s) => s.id === row.schoolId && s.role === "coordinator");

/** The asker, or a coordinator of the question's school: who answers "Toegepast? Werkte het?". */
export function questionForAsker(ctx: ServiceContext, viewer: SignedInViewer, id: string, allowCoordinator: boolean): QuestionRow {
  const row = questionForRead(ctx, viewer, id);
  if (askedBy(viewer, row) || (allowCoordinator && coordinatesSchoolOf(viewer, row))) return row;
  throw forbidden("not_the_asker", "Only the person who asked (or a coordinator of the school) may do this. / Alleen wie de vraag stelde (of de schoolcoördinator) mag dit.");
}

/** A broker who reads the question. */
export function questionForBroker(ctx: ServiceContext, viewer: SignedInViewer, id: string): QuestionRow {
  const row = questionForRead(ctx, viewer, id);
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) take and answer questions. / Alleen makelaars nemen en beantwoorden vragen.");
  return row;
}

/** Whether the viewer is one of the brokers working on the question. */
export const worksOn = (ctx: ServiceContext, viewer: SignedInViewer, row: QuestionRow) =>
  brokersOf(ctx, [row.id]).some((b) => b.userId === viewer.user.id);
