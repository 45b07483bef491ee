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
import { csvRows } from "./csv";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, tooManyLinks, unreadableFile, type ImportedLink, type ParsedImport } from "./links";
import { atMost } from "./source";
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

/**
 * Reads a CSV export a piece of text at a time; `hint` is the format the person named, else it is told
 * by the header, which is read at once (the format is known before the first link).
 */
export function parseCsvExport(pieces: Iterable<string>, hint?: CsvFormat): ParsedImport {
  const rows = csvRows(pieces)[Symbol.iterator]();
  let format: CsvFormat;
  let columns: Columns;
  try {
    const header = rows.next();
    if (header.done) throw unreadableFile("import_empty", "Het bestand bevat geen links.", "The file holds no links.");
    format = hint ?? csvFormatOf(header.value.fields);
    columns = columnsOf(header.value.fields, format);
  } catch (error) {
    // A refused header lets the file go at once.
    rows.return(undefined);
    throw error;
  }
  function* links(): Generator<ImportedLink> {
    // Read to the end or not: the file is let go when the reading stops.
    try {
      for (let next = rows.next(); !next.done; next = rows.next()) {
        const { fields } = next.value;
        // Our own export guards fields a spreadsheet would read as a formula; other tools' files are read as written.
        const at = (i: number) => (i < 0 ? "" : format === "csv" ? unguardedCsvField(fields[i] ?? "") : (fields[i] ?? ""));
        // Raindrop's excerpt is the page's own summary, not what the person wrote: it is not their note.
        yield {
          url: at(columns.url).trim(),
          title: cleanText(at(columns.title), IMPORT_LIMITS.titleChars),
          folder: cleanFolder(at(columns.folder).split("/")),
          tags: cleanTags(at(columns.tags).split(TAG_SEPARATOR[format])),
          note: cleanText(at(columns.note), IMPORT_LIMITS.noteChars),
          addedAt: dateFrom(at(columns.addedAt)),
        };
      }
    } finally {
      rows.return(undefined);
    }
  }
  return { format, links: atMost(links(), IMPORT_LIMITS.links, tooManyLinks), files: [] };
}
