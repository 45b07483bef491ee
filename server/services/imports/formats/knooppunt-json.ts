/**
 * Knooppunt's own JSON export (`GET /api/v1/exports/…`, `format: "knooppunt-export/1"`) read back: a
 * person's saves with their kind, themes, note, tags, date and circle, and a bundle's items with the
 * curator's notes (in a folder named after the bundle). Read leniently like the other tools' exports: an
 * odd entry is skipped, not the file refused.
 */
import { z } from "zod";
import { EXPORT_FORMAT, ItemKind, Visibility } from "../../../../shared/schemas";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, pushLink, unreadableFile, type ImportedLink, type OwnSaveFacts, type ParsedImport } from "./links";

const loose = <T extends z.ZodTypeAny>(schema: T) => schema.optional().nullable().catch(null);
const slugs = z.array(z.string().max(100)).max(50).catch([]).default([]);

const ExportedCircle = z.object({
  visibility: Visibility,
  schoolId: loose(z.string()),
  schoolName: loose(z.string()),
  communityId: loose(z.string()),
  communityName: loose(z.string()),
});

const KnooppuntFile = z.object({
  format: z.string().refine((f) => f.startsWith("knooppunt-export/")),
  saves: z
    .array(
      z.object({
        url: z.string().catch(""),
        title: loose(z.string()),
        kind: loose(ItemKind),
        note: loose(z.string()),
        tags: z.array(z.unknown()).catch([]).default([]),
        themes: slugs,
        circle: loose(ExportedCircle),
        createdAt: loose(z.string()),
      }),
    )
    .catch([])
    .default([]),
  bundles: z
    .array(
      z.object({
        title: z.string().catch(""),
        items: z.array(z.object({ url: z.string().catch(""), title: loose(z.string()), kind: loose(ItemKind), themes: slugs, note: loose(z.string()) })).catch([]).default([]),
      }),
    )
    .catch([])
    .default([]),
});

/** True for a parsed JSON value that names itself as one of our exports. */
export function looksLikeKnooppunt(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { format?: unknown }).format === "string" && (value as { format: string }).format.startsWith("knooppunt-export/");
}

export function parseKnooppunt(parsed: unknown): ParsedImport {
  const file = KnooppuntFile.safeParse(parsed);
  if (!file.success) {
    throw unreadableFile("import_unrecognised", `Dit is geen Knooppunt-export (${EXPORT_FORMAT}).`, `This is not a Knooppunt export (${EXPORT_FORMAT}).`);
  }
  const links: ImportedLink[] = [];
  for (const save of file.data.saves) {
    const own: OwnSaveFacts = {
      kind: save.kind ?? null,
      themes: save.themes,
      circle: save.circle
        ? { visibility: save.circle.visibility, schoolId: save.circle.schoolId ?? null, schoolName: save.circle.schoolName ?? null, communityId: save.circle.communityId ?? null, communityName: save.circle.communityName ?? null }
        : null,
    };
    pushLink(links, {
      url: save.url.trim(),
      title: cleanText(save.title, IMPORT_LIMITS.titleChars),
      folder: [],
      tags: cleanTags(save.tags),
      note: cleanText(save.note, IMPORT_LIMITS.noteChars),
      addedAt: dateFrom(save.createdAt),
      own,
    });
  }
  // A bundle's items have no circle of their own: the import's circle applies, their themes stay.
  for (const bundle of file.data.bundles) {
    const folder = cleanFolder([bundle.title]);
    for (const item of bundle.items) {
      pushLink(links, {
        url: item.url.trim(),
        title: cleanText(item.title, IMPORT_LIMITS.titleChars),
        folder,
        tags: [],
        note: cleanText(item.note, IMPORT_LIMITS.noteChars),
        addedAt: null,
        own: { kind: item.kind ?? null, themes: item.themes, circle: null },
      });
    }
  }
  return { format: "knooppunt-json", links, files: [] };
}
