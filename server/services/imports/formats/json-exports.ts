/**
 * The JSON exports of Karakeep and Linkwarden, read with the same zod that guards every other boundary,
 * but leniently: unknown fields pass, a single odd entry does not refuse the file.
 *
 * - Karakeep (Settings → Import/Export → Export): `{bookmarks: [{createdAt (seconds), title, tags: [name],
 *   content: {type: "link", url} | {type: "text", text} | null, note, archived?}]}`.
 * - Linkwarden (Settings → Data → Export data): `{collections: [{id, name, parentId, links: [{name, url,
 *   description, createdAt, tags: [{name}]}]}]}`; nested collections become the folder path.
 */
import { z } from "zod";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, pushLink, unreadableFile, type ImportedLink, type ParsedImport } from "./links";

const loose = <T extends z.ZodTypeAny>(schema: T) => schema.optional().nullable().catch(null);

const KarakeepExport = z.object({
  bookmarks: z.array(
    z.object({
      createdAt: loose(z.union([z.number(), z.string()])),
      title: loose(z.string()),
      tags: z.array(z.unknown()).catch([]).default([]),
      content: loose(z.object({ type: z.string(), url: z.string().optional(), text: z.string().optional() }).passthrough()),
      note: loose(z.string()),
    }).passthrough(),
  ),
});

const LinkwardenExport = z.object({
  collections: z.array(
    z.object({
      id: z.union([z.number(), z.string()]),
      name: loose(z.string()),
      parentId: loose(z.union([z.number(), z.string()])),
      links: z
        .array(
          z.object({
            name: loose(z.string()),
            url: loose(z.string()),
            description: loose(z.string()),
            createdAt: loose(z.union([z.number(), z.string()])),
            tags: z.array(z.object({ name: z.string() }).passthrough().catch({ name: "" })).catch([]).default([]),
          }).passthrough(),
        )
        .catch([])
        .default([]),
    }).passthrough(),
  ),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw unreadableFile("import_invalid_json", "Het bestand is geen geldige JSON.", "The file is not valid JSON.");
  }
}

function notThisExport(tool: string) {
  return unreadableFile("import_unrecognised", `Dit is geen export van ${tool}.`, `This is not a ${tool} export.`);
}

export function looksLikeKarakeep(value: unknown): boolean {
  return typeof value === "object" && value !== null && Array.isArray((value as { bookmarks?: unknown }).bookmarks);
}

export function looksLikeLinkwarden(value: unknown): boolean {
  return typeof value === "object" && value !== null && Array.isArray((value as { collections?: unknown }).collections);
}

export function parseKarakeep(text: string, parsed = parseJson(text)): ParsedImport {
  const file = KarakeepExport.safeParse(parsed);
  if (!file.success) throw notThisExport("Karakeep");
  const links: ImportedLink[] = [];
  for (const bookmark of file.data.bookmarks) {
    const content = bookmark.content;
    // A text bookmark has no address: it is reported as skipped, with its first words as its title.
    const url = content?.type === "link" ? (content.url ?? "").trim() : "";
    pushLink(links, {
      url,
      title: cleanText(bookmark.title ?? (content?.type === "text" ? content.text : null), IMPORT_LIMITS.titleChars),
      folder: [],
      tags: cleanTags(bookmark.tags.map((tag) => (typeof tag === "object" && tag !== null ? (tag as { name?: unknown }).name : tag))),
      note: cleanText(bookmark.note, IMPORT_LIMITS.noteChars),
      addedAt: dateFrom(bookmark.createdAt),
    });
  }
  return { format: "karakeep", links, files: [] };
}

export function parseLinkwarden(text: string, parsed = parseJson(text)): ParsedImport {
  const file = LinkwardenExport.safeParse(parsed);
  if (!file.success) throw notThisExport("Linkwarden");
  const byId = new Map(file.data.collections.map((collection) => [String(collection.id), collection]));
  const pathOf = (collection: (typeof file.data.collections)[number]): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    // Walked upwards with a guard: a parentId cycle in a damaged file must not loop.
    for (let at: typeof collection | undefined = collection; at && !seen.has(String(at.id)); at = at.parentId == null ? undefined : byId.get(String(at.parentId))) {
      seen.add(String(at.id));
      names.unshift(at.name ?? "");
      if (names.length > IMPORT_LIMITS.folderDepth) break;
    }
    return cleanFolder(names);
  };
  const links: ImportedLink[] = [];
  for (const collection of file.data.collections) {
    const folder = pathOf(collection);
    for (const link of collection.links) {
      pushLink(links, {
        url: (link.url ?? "").trim(),
        title: cleanText(link.name, IMPORT_LIMITS.titleChars),
        folder,
        tags: cleanTags(link.tags.map((tag) => tag.name)),
        note: cleanText(link.description, IMPORT_LIMITS.noteChars),
        addedAt: dateFrom(link.createdAt),
      });
    }
  }
  return { format: "linkwarden", links, files: [] };
}

export { parseJson };
