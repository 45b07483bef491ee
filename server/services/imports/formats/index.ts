/**
 * Which format a file is in (the person's hint first, else what the file looks like), and its links.
 * Text must be UTF-8: a file that is not is refused, never read half-garbled (wherever in the file the
 * bad bytes are: the links read before them are not kept either).
 */
import { parseCsvExport } from "./csv-exports";
import { looksLikeZip, parseFolderZip } from "./folder-zip";
import { looksLikeKarakeep, looksLikeLinkwarden, parseJson, parseKarakeep, parseLinkwarden } from "./json-exports";
import { unreadableFile, type ImportFormat, type ParsedImport } from "./links";
import { looksLikeNetscape, parseNetscape } from "./netscape";
import { looksLikeKnooppunt, parseKnooppunt } from "./knooppunt-json";
import { headText, textPieces, wholeText, type ImportSource } from "./source";

export { bytesSource, fileSource, type ImportSource } from "./source";
export { IMPORT_LIMITS, type ImportedFile, type ImportedLink, type ImportFormat, type OwnSaveFacts, type ParsedImport } from "./links";

function unrecognised() {
  return unreadableFile(
    "import_unrecognised",
    "Dit bestandsformaat wordt niet herkend: bladwijzers (HTML), CSV, Karakeep- of Linkwarden-JSON, of een ZIP van een map.",
    "This file format is not recognised: bookmarks (HTML), CSV, Karakeep or Linkwarden JSON, or a ZIP of a folder.",
  );
}

/** How much of the start a format is told by. */
const HEAD_BYTES = 8192;

export function parseImport(source: ImportSource, hint?: ImportFormat): ParsedImport {
  const head = source.head(HEAD_BYTES);
  if (hint === "zip" || (!hint && looksLikeZip(head))) return parseFolderZip(source.whole());
  if (looksLikeZip(head)) throw unrecognised();
  switch (hint) {
    case "netscape":
      return parseNetscape(textPieces(source));
    case "csv":
    case "raindrop":
    case "pocket":
      return parseCsvExport(textPieces(source), hint);
    case "karakeep":
      return parseKarakeep(wholeText(source));
    case "linkwarden":
      return parseLinkwarden(wholeText(source));
    case "knooppunt-json":
      return parseKnooppunt(parseJson(wholeText(source)));
  }
  const start = headText(source, HEAD_BYTES);
  const first = start.trimStart().slice(0, 1);
  if (first === "{" || first === "[") {
    const text = wholeText(source);
    const parsed = parseJson(text);
    if (looksLikeKnooppunt(parsed)) return parseKnooppunt(parsed);
    if (looksLikeKarakeep(parsed)) return parseKarakeep(text, parsed);
    if (looksLikeLinkwarden(parsed)) return parseLinkwarden(text, parsed);
    throw unrecognised();
  }
  if (looksLikeNetscape(start)) return parseNetscape(textPieces(source));
  if (first !== "<" && /^\uFEFF?[^\r\n]*\burl\b/i.test(start.slice(0, 4096))) return parseCsvExport(textPieces(source));
  throw unrecognised();
}
