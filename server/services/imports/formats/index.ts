/**
 * Which format a file is in (the person's hint first, else what the file looks like), and its links.
 * Text must be UTF-8: a file that is not is refused, never read half-garbled.
 */
import { parseCsvExport } from "./csv-exports";
import { looksLikeZip, parseFolderZip } from "./folder-zip";
import { looksLikeKarakeep, looksLikeLinkwarden, parseJson, parseKarakeep, parseLinkwarden } from "./json-exports";
import { unreadableFile, type ImportFormat, type ParsedImport } from "./links";
import { looksLikeNetscape, parseNetscape } from "./netscape";
import { looksLikeKnooppunt, parseKnooppunt } from "./knooppunt-json";

export { IMPORT_LIMITS, type ImportedFile, type ImportedLink, type ImportFormat, type OwnSaveFacts, type ParsedImport } from "./links";

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unreadableFile("import_invalid_utf8", "Het bestand is geen geldige UTF-8-tekst; exporteer het opnieuw als UTF-8.", "The file is not valid UTF-8 text; export it again as UTF-8.");
  }
}

function unrecognised() {
  return unreadableFile(
    "import_unrecognised",
    "Dit bestandsformaat wordt niet herkend: bladwijzers (HTML), CSV, Karakeep- of Linkwarden-JSON, of een ZIP van een map.",
    "This file format is not recognised: bookmarks (HTML), CSV, Karakeep or Linkwarden JSON, or a ZIP of a folder.",
  );
}

export function parseImport(bytes: Uint8Array, hint?: ImportFormat): ParsedImport {
  if (hint === "zip" || (!hint && looksLikeZip(bytes))) return parseFolderZip(bytes);
  if (looksLikeZip(bytes)) throw unrecognised();
  const text = utf8(bytes);
  switch (hint) {
    case "netscape":
      return parseNetscape(text);
    case "csv":
    case "raindrop":
    case "pocket":
      return parseCsvExport(text, hint);
    case "karakeep":
      return parseKarakeep(text);
    case "linkwarden":
      return parseLinkwarden(text);
    case "knooppunt-json":
      return parseKnooppunt(parseJson(text));
  }
  const start = text.trimStart().slice(0, 1);
  if (start === "{" || start === "[") {
    const parsed = parseJson(text);
    if (looksLikeKnooppunt(parsed)) return parseKnooppunt(parsed);
    if (looksLikeKarakeep(parsed)) return parseKarakeep(text, parsed);
    if (looksLikeLinkwarden(parsed)) return parseLinkwarden(text, parsed);
    throw unrecognised();
  }
  if (looksLikeNetscape(text)) return parseNetscape(text);
  if (start !== "<" && /^\uFEFF?[^\r\n]*\burl\b/i.test(text.slice(0, 4096))) return parseCsvExport(text);
  throw unrecognised();
}
