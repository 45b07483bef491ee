/**
 * A Teams or SharePoint folder downloaded as a ZIP: Windows `.url` shortcuts (and macOS `.webloc` ones)
 * become links, with the folders they sit in; every other file is listed as "to upload later".
 *
 * Only the shortcuts are unpacked, each at most 64 KiB: the documents are listed from the ZIP's directory
 * without inflating a byte. A ZIP bomb is refused from that directory too: too many entries, more unpacked
 * bytes than any folder of documents holds, or an entry that claims to grow more than 200-fold.
 */
import { unzipSync, type UnzipFileInfo } from "fflate";
import { cleanFolder, cleanText, IMPORT_LIMITS, pushLink, unreadableFile, type ImportedFile, type ImportedLink, type ParsedImport } from "./links";

const SHORTCUT = /\.(url|webloc)$/i;

export const looksLikeZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);

const zipBomb = (nl: string, en: string) => unreadableFile("import_zip_refused", `Dit ZIP-bestand wordt niet uitgepakt: ${nl}`, `This ZIP file is not unpacked: ${en}`);

/** The address in a shortcut: `URL=` of `[InternetShortcut]`, or the `URL` key of a webloc's plist. */
export function shortcutAddress(name: string, text: string): string {
  if (/\.webloc$/i.test(name)) {
    const match = /<key>\s*URL\s*<\/key>\s*<string>([^<]*)<\/string>/i.exec(text);
    return match ? match[1]!.replace(/&amp;/g, "&").trim() : "";
  }
  let inSection = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith("[")) inSection = trimmed.toLowerCase() === "[internetshortcut]";
    else if (inSection && /^url\s*=/i.test(trimmed)) return trimmed.slice(trimmed.indexOf("=") + 1).trim();
  }
  return "";
}

export function parseFolderZip(bytes: Uint8Array): ParsedImport {
  let entries = 0;
  let unpacked = 0;
  const files: ImportedFile[] = [];
  const check = (file: UnzipFileInfo) => {
    entries++;
    if (entries > IMPORT_LIMITS.zipEntries) throw zipBomb(`meer dan ${IMPORT_LIMITS.zipEntries} bestanden.`, `more than ${IMPORT_LIMITS.zipEntries} files.`);
    unpacked += file.originalSize;
    if (unpacked > IMPORT_LIMITS.zipUnpackedBytes) throw zipBomb("uitgepakt groter dan 2 GB.", "larger than 2 GB unpacked.");
    if (file.originalSize > 1024 * 1024 && file.originalSize > file.size * IMPORT_LIMITS.zipRatio) {
      throw zipBomb(`${file.name} zou ${IMPORT_LIMITS.zipRatio} keer zo groot worden.`, `${file.name} would grow ${IMPORT_LIMITS.zipRatio}-fold.`);
    }
  };
  let unpackedShortcuts: Record<string, Uint8Array>;
  try {
    unpackedShortcuts = unzipSync(bytes, {
      filter: (file) => {
        check(file);
        if (file.name.endsWith("/")) return false;
        const shortcut = SHORTCUT.test(file.name) && file.originalSize <= IMPORT_LIMITS.urlShortcutBytes;
        if (!shortcut) files.push({ path: file.name, bytes: file.originalSize });
        return shortcut;
      },
    });
  } catch (error) {
    if (error instanceof Error && error.name === "DomainError") throw error;
    throw unreadableFile("import_invalid_zip", "Het ZIP-bestand is beschadigd of onvolledig.", "The ZIP file is damaged or incomplete.");
  }
  const links: ImportedLink[] = [];
  const decoder = new TextDecoder();
  for (const [name, content] of Object.entries(unpackedShortcuts).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = name.split("/");
    const fileName = parts.pop()!;
    pushLink(links, {
      url: shortcutAddress(fileName, decoder.decode(content)),
      title: cleanText(fileName.replace(SHORTCUT, ""), IMPORT_LIMITS.titleChars),
      folder: cleanFolder(parts),
      tags: [],
      note: null,
      addedAt: null,
    });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { format: "zip", links, files };
}
