/**
 * CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF or LF), read in one pass with caps on
 * columns and field size checked as the characters arrive: a header of ten million columns is refused at
 * the 65th, before anything is built from it.
 */
import { IMPORT_LIMITS, unreadableFile } from "./links";

function tooManyColumns(row: number) {
  return unreadableFile(
    "import_too_many_columns",
    `Regel ${row} van het CSV-bestand heeft meer dan ${IMPORT_LIMITS.csvColumns} kolommen.`,
    `Line ${row} of the CSV file has more than ${IMPORT_LIMITS.csvColumns} columns.`,
    { row },
  );
}

function fieldTooLong(row: number) {
  return unreadableFile(
    "import_field_too_long",
    `Regel ${row} van het CSV-bestand heeft een veld van meer dan ${IMPORT_LIMITS.csvFieldChars} tekens.`,
    `Line ${row} of the CSV file has a field longer than ${IMPORT_LIMITS.csvFieldChars} characters.`,
    { row },
  );
}

/** The rows of a CSV text; an empty line is no row. `onRow` sees each row as it completes. */
export function readCsv(text: string, onRow: (fields: string[], row: number) => void): void {
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let row = 1;
  let fieldStart = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endField = (i: number) => {
    if (fields.length >= IMPORT_LIMITS.csvColumns) throw tooManyColumns(row);
    if (field.length + (i - fieldStart) > IMPORT_LIMITS.csvFieldChars) throw fieldTooLong(row);
    fields.push(field + body.slice(fieldStart, i));
    field = "";
  };
  const endRow = (i: number) => {
    endField(i);
    if (!(fields.length === 1 && fields[0] === "")) onRow(fields, row);
    fields = [];
    row++;
  };
  let i = 0;
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (body.charCodeAt(i + 1) === 34) {
          field += body.slice(fieldStart, i + 1);
          i += 2;
          fieldStart = i;
          continue;
        }
        field += body.slice(fieldStart, i);
        quoted = false;
        i++;
        fieldStart = i;
        continue;
      }
      if (i - fieldStart + field.length > IMPORT_LIMITS.csvFieldChars) throw fieldTooLong(row);
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      endField(i);
      fieldStart = i + 1;
    } else if (c === 10 || c === 13) {
      endRow(i);
      if (c === 13 && body.charCodeAt(i + 1) === 10) i++;
      fieldStart = i + 1;
    } else if (c === 34 && i === fieldStart && field === "") {
      quoted = true;
      fieldStart = i + 1;
    }
    i++;
  }
  if (quoted) {
    throw unreadableFile("import_unclosed_quote", `Regel ${row} van het CSV-bestand opent een aanhalingsteken dat niet sluit.`, `Line ${row} of the CSV file opens a quote that never closes.`, { row });
  }
  if (fieldStart < body.length || fields.length > 0 || field !== "") endRow(body.length);
}
