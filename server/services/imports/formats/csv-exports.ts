/**
 * The CSV files people bring: Knooppunt's own documented header, and Raindrop's and Pocket's exports as
 * those tools write them. Told apart by their header row.
 *
 * - Knooppunt: `url,title,folder,tags,note,added_at` in any order, only `url` required; `folder` is a path
 *   with `/` between the levels, `tags` comma-separated, `added_at` ISO 8601 or seconds since 1970.
 * - Raindrop.io: `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite`; `folder` is the
 *   collection (nested ones as `Parent/Child`), `tags` comma-separated, `created` ISO 8601.
 * - Pocket: `title,url,time_added,tags,status`; `tags` separated by `|`, `time_added` in seconds.
 */
import { readCsv } from "./csv";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, pushLink, unreadableFile, type ImportedLink, type ParsedImport } from "./links";
import { unguardedCsvField } from "../../privacy/export-formats";

type CsvFormat = "csv" | "raindrop" | "pocket";

interface Columns {
  url: number;
  title: number;
  folder: number;
  tags: number;
  note: number;
  addedAt: number;
  excerpt: number;
}

const HEADER_NAMES: Record<CsvFormat, Record<keyof Columns, string>> = {
  csv: { url: "url", title: "title", folder: "folder", tags: "tags", note: "note", addedAt: "added_at", excerpt: "" },
  raindrop: { url: "url", title: "title", folder: "folder", tags: "tags", note: "note", addedAt: "created", excerpt: "excerpt" },
  pocket: { url: "url", title: "title", folder: "", tags: "tags", note: "", addedAt: "time_added", excerpt: "" },
};

export function csvFormatOf(header: readonly string[]): CsvFormat {
  const names = new Set(header.map((name) => name.trim().toLowerCase()));
  if (names.has("time_added") && names.has("url")) return "pocket";
  if (names.has("created") && names.has("excerpt") && names.has("url")) return "raindrop";
  return "csv";
}

function columnsOf(header: readonly string[], format: CsvFormat): Columns {
  const position = new Map(header.map((name, i) => [name.trim().toLowerCase(), i] as const));
  const names = HEADER_NAMES[format];
  const columns = Object.fromEntries(Object.entries(names).map(([key, name]) => [key, name ? (position.get(name) ?? -1) : -1])) as unknown as Columns;
  if (columns.url === -1) {
    throw unreadableFile(
      "import_csv_header",
      "De eerste regel van het CSV-bestand moet de kolomnamen geven, met ten minste url (url,title,folder,tags,note,added_at).",
      "The CSV file's first line must name the columns, at least url (url,title,folder,tags,note,added_at).",
    );
  }
  return columns;
}

const TAG_SEPARATOR: Record<CsvFormat, string> = { csv: ",", raindrop: ",", pocket: "|" };

/** Reads a CSV export; `hint` is the format the person named, else it is told by the header. */
export function parseCsvExport(text: string, hint?: CsvFormat): ParsedImport {
  const links: ImportedLink[] = [];
  let format: CsvFormat = hint ?? "csv";
  let columns: Columns | null = null;
  readCsv(text, (fields) => {
    if (!columns) {
      format = hint ?? csvFormatOf(fields);
      columns = columnsOf(fields, format);
      return;
    }
    // Our own export guards fields a spreadsheet would read as a formula; other tools' files are read as written.
    const at = (i: number) => (i < 0 ? "" : format === "csv" ? unguardedCsvField(fields[i] ?? "") : (fields[i] ?? ""));
    // Raindrop's excerpt is the page's own summary, not what the person wrote: it is not their note.
    const note = cleanText(at(columns.note), IMPORT_LIMITS.noteChars);
    pushLink(links, {
      url: at(columns.url).trim(),
      title: cleanText(at(columns.title), IMPORT_LIMITS.titleChars),
      folder: cleanFolder(at(columns.folder).split("/")),
      tags: cleanTags(at(columns.tags).split(TAG_SEPARATOR[format])),
      note,
      addedAt: dateFrom(at(columns.addedAt)),
    });
  });
  if (!columns) throw unreadableFile("import_empty", "Het bestand bevat geen links.", "The file holds no links.");
  return { format, links, files: [] };
}
