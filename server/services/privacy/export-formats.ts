/** The saves of an export as CSV (RFC 4180) and as a Netscape bookmark file. */
import type { ExportedSave } from "./export";
import { escapeXml } from "../feeds/writer";

const CSV_COLUMNS = ["url", "title", "note", "quote", "tags", "themes", "visibility", "applied", "worked", "created_at", "updated_at"] as const;

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). A field a spreadsheet would
 * read as a formula (=, +, -, @, and tab or CR that some spreadsheets skip first) gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The field as it was before {@link csvField} guarded it against spreadsheets: our own CSV reads back exactly. */
export const unguardedCsvField = (field: string) => (/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);

export function savesAsCsv(saves: ExportedSave[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const s of saves) {
    const cells = [s.item?.url ?? "", s.item?.title ?? "", s.note, s.quote, s.tags.join(";"), s.themes.join(";"), s.visibility, s.applied ? "yes" : "no", s.worked, s.createdAt, s.updatedAt];
    lines.push(cells.map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The frame of a Netscape bookmark file, the one format every browser imports, around its top-level lines. */
export function bookmarkFile(title: string, lines: string[]): string {
  const out = [
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
    "<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    `<TITLE>${escapeXml(title)}</TITLE>`,
    `<H1>${escapeXml(title)}</H1>`,
    "<DL><p>",
    ...lines,
    "</DL><p>",
  ];
  return `${out.join("\n")}\n`;
}

/** The bookmark file browsers export: ADD_DATE in seconds, TAGS comma-separated, the note as <DD>. */
export function savesAsBookmarks(saves: ExportedSave[], title: string): string {
  const out: string[] = [];
  for (const s of saves) {
    if (!s.item) continue;
    const added = Math.floor(Date.parse(s.createdAt) / 1000);
    const modified = Math.floor(Date.parse(s.updatedAt) / 1000);
    // A theme and a tag of the same name are one tag to the browser that imports the file.
    const tags = [...new Set([...s.themes, ...s.tags])];
    out.push(
      `    <DT><A HREF="${escapeXml(s.item.url)}" ADD_DATE="${added}" LAST_MODIFIED="${modified}"${tags.length ? ` TAGS="${escapeXml(tags.join(","))}"` : ""}>${escapeXml(s.item.title)}</A>`,
    );
    const note = [s.note, s.quote ? `“${s.quote}”` : ""].filter(Boolean).join("\n\n");
    if (note) out.push(`    <DD>${escapeXml(note)}`);
  }
  return bookmarkFile(title, out);
}
