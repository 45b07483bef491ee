/**
 * Handing over a person's shared work when they leave (disabled by an administrator, or deleted): what
 * would pass to whom (the preview an administrator sees before confirming), the administrator's choices,
 * and what was done.
 */
import { z } from "zod";
import { Id } from "../common";
import { AdminUserDetails, SharedWork } from "../accounts";

/** An administrator's pick of the next owner of a community the leaving person owns: one of its members. */
export const CommunityOwnerChoice = z.object({ communityId: Id, userId: Id });
export type CommunityOwnerChoice = z.infer<typeof CommunityOwnerChoice>;

export const HandOverChoices = z.object({
  /** Saves in community, school and wider circles: kept for the circle as "oud-collega" (default) or removed. Private saves are never handed over. */
  sharedWork: SharedWork.optional(),
  /** A broker who receives the bundles nobody else curates and the leervragen nobody else works on. */
  handOverTo: Id.optional(),
  /** Per community the person owns, who owns it next (else another owner keeps it, or its longest-standing member takes it). */
  communityOwners: z.array(CommunityOwnerChoice).max(200).optional(),
});
export type HandOverChoices = z.infer<typeof HandOverChoices>;

/** The preview's query: the broker picked so far, so the preview names them. */
export const HandOverPreviewQuery = z.object({ handOverTo: Id.optional() });

const Person = z.object({ id: z.string(), name: z.string() });

export const HandOverPreview = z.object({
  user: z.object({ id: z.string(), name: z.string(), disabled: z.boolean() }),
  /** The person's saves per circle. All but `private` are handed over (or removed, as chosen); private ones never are. */
  saves: z.object({ private: z.number().int(), community: z.number().int(), school: z.number().int(), network: z.number().int(), public: z.number().int() }),
  /** Each bundle the person curates and who owns it next: a co-curator, the broker picked, or "oud-collega". */
  bundles: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(["draft", "published"]),
      to: Person,
      /** A draft nobody else curates goes when shared work is removed. */
      removedWhenRemoving: z.boolean(),
    }),
  ),
  /** Each community the person owns: who owns it next (null: another owner keeps it, or it has no other member) and who could. */
  communities: z.array(z.object({ id: z.string(), name: z.string(), otherOwners: z.number().int(), to: Person.nullable(), candidates: z.array(Person) })),
  /** Each leervraag the person owns as broker and not yet answered: who takes it (null: released, open to every broker again). */
  questions: z.array(z.object({ id: z.string(), question: z.string(), to: Person.nullable() })),
});
export type HandOverPreview = z.infer<typeof HandOverPreview>;
export const HandOverPreviewResponse = z.object({ handOver: HandOverPreview });

export const HandOverCounts = z.object({
  savesHandedOver: z.number().int(),
  savesRemoved: z.number().int(),
  /** Private saves stay with the disabled account, never handed over (they go with the account when it is deleted). */
  privateSavesKept: z.number().int(),
  bundlesHandedOver: z.number().int(),
  bundlesRemoved: z.number().int(),
  communitiesHandedOver: z.number().int(),
  questionsHandedOver: z.number().int(),
  questionsReleased: z.number().int(),
});
export type HandOverCounts = z.infer<typeof HandOverCounts>;

export const HandOverResponse = z.object({ user: AdminUserDetails, handedOver: HandOverCounts });
