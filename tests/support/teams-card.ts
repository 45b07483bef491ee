import { z } from "zod";

/**
 * The required fields of the Adaptive Card 1.4 schema (adaptive-card.json) for the elements Knooppunt's
 * Teams cards use; strict, so a misspelt property (which Teams silently ignores) fails too.
 */
const TextBlock = z
  .object({
    type: z.literal("TextBlock"),
    text: z.string().min(1),
    wrap: z.boolean().optional(),
    size: z.enum(["Default", "Small", "Medium", "Large", "ExtraLarge"]).optional(),
    weight: z.enum(["Default", "Lighter", "Bolder"]).optional(),
    isSubtle: z.boolean().optional(),
    spacing: z.enum(["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"]).optional(),
  })
  .strict();
const OpenUrl = z.object({ type: z.literal("Action.OpenUrl"), url: z.url(), title: z.string().min(1) }).strict();
const AdaptiveCard = z
  .object({
    $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json"),
    type: z.literal("AdaptiveCard"),
    version: z.literal("1.4"),
    body: z.array(TextBlock).min(1),
    actions: z.array(OpenUrl).min(1),
    msteams: z.object({ width: z.literal("Full") }).strict().optional(),
  })
  .strict();

/** A Teams incoming-webhook message carrying one Adaptive Card. */
export const TeamsMessage = z
  .object({
    type: z.literal("message"),
    attachments: z.array(z.object({ contentType: z.literal("application/vnd.microsoft.card.adaptive"), content: AdaptiveCard }).strict()).length(1),
  })
  .strict();
