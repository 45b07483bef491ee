/**
 * The Teams app package a school uploads (Teams admin center, or "Upload a custom app"): a manifest with
 * one configurable tab whose configuration page is on this server, an English localization, and the two
 * icons. Built from this server's public address, so each installation hands out its own app.
 */
import { createHash } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { teamsText, type TeamsTextKey } from "../../../shared/i18n/pages/teams";
import type { Language } from "../../../shared/vocabulary";
import type { Links } from "../../core/links";
import { ACCENT_COLOR, appIcons } from "./icons";

/** The manifest schema the package follows (node_modules/@microsoft/app-manifest/build/json-schemas/teams/). */
export const MANIFEST_VERSION = "1.30";
/** The app's own version: raise it when the manifest changes, or Teams keeps the old one. */
export const APP_VERSION = "1.0.0";
export const PACKAGE_FILES = { manifest: "manifest.json", color: "color.png", outline: "outline.png", english: "en.json" } as const;

const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) of the server's public address: the same app id on every
 * download, so uploading a newer package updates the app instead of adding a second one, and a different
 * id for every other installation.
 */
export function appIdFor(base: string): string {
  // The URL namespace of RFC 9562, appendix C.
  const namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const hash = createHash("sha1").update(namespace).update(base, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const texts = (lang: Language) => {
  const t = (key: TeamsTextKey) => teamsText(lang, key);
  return { short: t("teams.app.name"), full: t("teams.app.fullName"), description: t("teams.app.description"), fullDescription: t("teams.app.fullDescription") };
};

/** The manifest, in Dutch (the schools' language) with English beside it in en.json. */
export function teamsManifest(links: Links) {
  const nl = texts("nl");
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: APP_VERSION,
    id: appIdFor(links.base),
    localizationInfo: { defaultLanguageTag: "nl", additionalLanguages: [{ languageTag: "en", file: PACKAGE_FILES.english }] },
    // There is no separate terms page: the privacy page says what is kept, why and who sees it.
    developer: { name: "Knooppunt", websiteUrl: links.home(), privacyUrl: links.privacy(), termsOfUseUrl: links.privacy() },
    name: { short: nl.short, full: nl.full },
    description: { short: nl.description, full: nl.fullDescription },
    icons: { color: PACKAGE_FILES.color, outline: PACKAGE_FILES.outline },
    accentColor: ACCENT_COLOR,
    configurableTabs: [
      {
        configurationUrl: links.teamsTabConfiguration(),
        canUpdateConfiguration: true,
        scopes: ["team", "groupChat"],
        context: ["channelTab", "privateChatTab", "meetingChatTab"],
      },
    ],
    validDomains: [new URL(links.base).hostname],
  };
}

export function teamsEnglishLocalization() {
  const en = texts("en");
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    "name.short": en.short,
    "name.full": en.full,
    "description.short": en.description,
    "description.full": en.fullDescription,
  };
}

// A fixed date in the zip's entries: the same server gives the same bytes, so a download can be compared.
const ZIP_DATE = new Date("2026-01-01T00:00:00Z");

/** The zip a school uploads to Teams: the manifest, its English localization and the icons, at the top level. */
export function teamsAppPackage(links: Links): Uint8Array {
  const icons = appIcons();
  const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2));
  return zipSync(
    {
      [PACKAGE_FILES.manifest]: json(teamsManifest(links)),
      [PACKAGE_FILES.english]: json(teamsEnglishLocalization()),
      [PACKAGE_FILES.color]: [new Uint8Array(icons.color), { level: 0 }],
      [PACKAGE_FILES.outline]: [new Uint8Array(icons.outline), { level: 0 }],
    },
    { level: 9, mtime: ZIP_DATE },
  );
}
