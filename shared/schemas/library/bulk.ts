/**
 * Many saves at once (`POST /api/v1/saves/bulk`): the library's selection, changed in one request that
 * either changes every named save or none. The items are named by id; each must hold a save of the caller's.
 */
import { z } from "zod";
import { Bundle } from "../bundles";
import { Id, ThemeSlug, Visibility, LIMITS } from "../common";
import { Item } from "./items";

/** As many as a library page can show selected, several times over; more is a script's job, in several requests. */
export const BULK_LIMIT = 500;

const ThemeChange = z
  .object({
    type: z.literal("themes"),
    add: z.array(ThemeSlug).max(LIMITS.themes).default([]),
    remove: z.array(ThemeSlug).max(LIMITS.themes).default([]),
  })
  .refine((change) => change.add.length + change.remove.length > 0, { message: "name at least one theme to add or remove", path: ["add"] });

const CircleChange = z.object({
  type: z.literal("circle"),
  visibility: Visibility,
  schoolId: Id.nullable().optional(),
  communityId: Id.nullable().optional(),
  /** Widening (more people will see the saves) is refused with 409 `widening_needs_confirmation` until this is true. */
  confirmWidening: z.boolean().optional(),
});

const BundleChange = z.object({
  type: z.literal("bundle"),
  bundleId: Id,
  /** The bundle version the person looked at; another curator's change in between is a 409 `version_conflict`. */
  version: z.number().int().min(1).optional(),
});

const DeleteChange = z.object({ type: z.literal("delete") });

export const BulkSavesRequest = z.object({
  itemIds: z
    .array(Id)
    .min(1)
    .max(BULK_LIMIT)
    .refine((ids) => new Set(ids).size === ids.length, { message: "each item once" }),
  change: z.discriminatedUnion("type", [ThemeChange, CircleChange, BundleChange, DeleteChange]),
});
export type BulkSavesRequest = z.input<typeof BulkSavesRequest>;
export type BulkChange = z.output<typeof BulkSavesRequest>["change"];

export const BulkSavesResponse = z.object({
  /** How many saves the change altered (a theme already there, or a circle already set, alters nothing). */
  changed: z.number().int(),
  /** The items as the caller now sees them, in the order named; empty after a delete. */
  items: z.array(Item),
  /** The bundle the items were added to, for `bundle`. */
  bundle: Bundle.optional(),
});
export type BulkSavesResponse = z.output<typeof BulkSavesResponse>;

/** The details of 409 `widening_needs_confirmation`: what to tell the person before they confirm. */
export const WideningDetails = z.object({
  /** Saves that more people would see. */
  widenedSaves: z.number().int(),
  /** People with an account who could not see at least one of them before and would now. */
  newlyVisibleTo: z.number().int(),
  /** Whether the saves would be on the open web (anyone, without an account). */
  public: z.boolean(),
});
export type WideningDetails = z.output<typeof WideningDetails>;
