/**
 * CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF or LF), read in one pass over pieces
 * of the text, with caps on columns and field size checked as the characters arrive: a header of ten
 * million columns is refused at the 65th, before anything is built from it.
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

/**
 * The rows of a CSV text read in pieces, with their line numbers; an empty line is no row. A field,
 * a doubled quote or a CRLF cut between two pieces reads as if the text were whole.
 */
export function* csvRows(pieces: Iterable<string>): Generator<{ fields: string[]; row: number }> {
  let fields: string[] = [];
  // The field's text from earlier pieces; the rest is `body.slice(fieldStart, i)` of the piece in hand.
  let field = "";
  let quoted = false;
  // A quote inside a quoted field was the piece's last character: doubled, or the field's end?
  let quoteAtEnd = false;
  // A CR was the piece's last character: an LF first in the next one belongs to it.
  let crAtEnd = false;
  let row = 1;
  let first = true;
  const ready: { fields: string[]; row: number }[] = [];
  const endField = (value: string) => {
    if (fields.length >= IMPORT_LIMITS.csvColumns) throw tooManyColumns(row);
    if (value.length > IMPORT_LIMITS.csvFieldChars) throw fieldTooLong(row);
    fields.push(value);
    field = "";
  };
  const endRow = (value: string) => {
    endField(value);
    if (!(fields.length === 1 && fields[0] === "")) ready.push({ fields, row });
    fields = [];
    row++;
  };
  for (const piece of pieces) {
    let body = piece;
    if (first && body.charCodeAt(0) === 0xfeff) body = body.slice(1);
    first = false;
    let i = 0;
    let fieldStart = 0;
    if (crAtEnd && body.charCodeAt(0) === 10) {
      i = 1;
      fieldStart = 1;
    }
    crAtEnd = false;
    if (quoteAtEnd) {
      quoteAtEnd = false;
      if (body.charCodeAt(0) === 34) {
        // The quote was doubled: one quote of text, and the field goes on.
        field += '"';
        i = 1;
        fieldStart = 1;
      } else quoted = false;
    }
    while (i < body.length) {
      const c = body.charCodeAt(i);
      if (quoted) {
        if (c === 34) {
          if (i + 1 === body.length) {
            field += body.slice(fieldStart, i);
            quoteAtEnd = true;
            i++;
            fieldStart = i;
            continue;
          }
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
        endField(field + body.slice(fieldStart, i));
        fieldStart = i + 1;
      } else if (c === 10 || c === 13) {
        endRow(field + body.slice(fieldStart, i));
        if (c === 13) {
          if (i + 1 === body.length) crAtEnd = true;
          else if (body.charCodeAt(i + 1) === 10) i++;
        }
        fieldStart = i + 1;
      } else if (c === 34 && i === fieldStart && field === "") {
        quoted = true;
        fieldStart = i + 1;
      }
      i++;
    }
    // The field goes on in the next piece.
    if (fieldStart < body.length) field += body.slice(fieldStart);
    if (field.length > IMPORT_LIMITS.csvFieldChars) throw fieldTooLong(row);
    yield* ready;
    ready.length = 0;
  }
  if (quoteAtEnd) quoted = false;
  if (quoted) {
    throw unreadableFile("import_unclosed_quote", `Regel ${row} van het CSV-bestand opent een aanhalingsteken dat niet sluit.`, `Line ${row} of the CSV file opens a quote that never closes.`, { row });
  }
  if (field !== "" || fields.length > 0) endRow(field);
  yield* ready;
}
