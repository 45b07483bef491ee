/**
 * Knooppunt inside Microsoft Teams: the app package's name and description, and the tab's configuration
 * page (/teams/configure). Its own catalogue, beside the shared pages' one; Dutch first, `en` typed by the
 * Dutch keys.
 */
import type { Language } from "../../vocabulary";

const nl = {
  // The app as Teams lists it: name.short at most 30 characters, description.short at most 80.
  "teams.app.name": "Knooppunt",
  "teams.app.fullName": "Knooppunt: bundels en thema's van je netwerk",
  "teams.app.description": "Bundels en thema's van je kennisnetwerk als tabblad in je kanaal.",
  "teams.app.fullDescription":
    "Knooppunt is de gedeelde bibliotheek van leraren, lerarenopleiders en regionale kennisnetwerken. Met deze app zet je een themapagina of een bundel die je school heeft aangenomen als tabblad in een kanaal of chat: waar het over gaat, wat je ermee kunt en de artikelen, kennisclips en protocollen zelf.",

  "teams.configure.title": "Knooppunt als tabblad",
  "teams.configure.intro": "Kies wat dit tabblad laat zien: een thema met zijn openbare bundels en gedeelde kennis, of een bundel die je school heeft aangenomen.",
  "teams.configure.choose": "Wat moet het tabblad laten zien?",
  "teams.configure.themes": "Thema's",
  "teams.configure.bundles": "Aangenomen bundels van {school}",
  "teams.configure.noBundles": "{school} heeft nog geen bundels aangenomen.",
  "teams.configure.signInForBundles": "Meld je aan om ook de bundels te zien die je school heeft aangenomen.",
  "teams.configure.signIn": "Aanmelden",
  "teams.configure.show": "Adres tonen",
  "teams.configure.chosen": "Het adres voor het tabblad",
  "teams.configure.address": "Adres van {name}",
  "teams.configure.copy": "Dit adres kun je ook zelf gebruiken, zonder de app: in Teams als tabblad ‘Website’ (‘+’ → ‘Website’).",
  "teams.configure.sharePoint": "In SharePoint plak je hetzelfde adres in het webonderdeel ‘Insluiten’ (Embed).",
  "teams.configure.keyNote": "Het adres van een bundel bevat de sleutel van je school: iedereen in het kanaal kan de bundel dan lezen, zonder account.",
  "teams.configure.unknown": "Dit thema of deze bundel bestaat niet (meer), of je kunt hem niet kiezen. Kies hieronder opnieuw.",
  "teams.configure.switchLanguage": "English",
  "teams.configure.placeholder": "Kies een thema of bundel",
  "teams.configure.inTeams": "Kies hierboven wat het tabblad laat zien en klik dan in Teams op ‘Opslaan’.",
} as const;

const en: Record<keyof typeof nl, string> = {
  "teams.app.name": "Knooppunt",
  "teams.app.fullName": "Knooppunt: your network's bundles and themes",
  "teams.app.description": "Your knowledge network's bundles and themes as a tab in your channel.",
  "teams.app.fullDescription":
    "Knooppunt is the shared library of teachers, teacher educators and regional knowledge networks. With this app you put a theme's page, or a bundle your school accepted, in a channel or chat as a tab: what it is about, what you can do with it, and the articles, knowledge clips and protocols themselves.",

  "teams.configure.title": "Knooppunt as a tab",
  "teams.configure.intro": "Choose what this tab shows: a theme with its public bundles and shared knowledge, or a bundle your school accepted.",
  "teams.configure.choose": "What should the tab show?",
  "teams.configure.themes": "Themes",
  "teams.configure.bundles": "Bundles {school} accepted",
  "teams.configure.noBundles": "{school} has not accepted any bundles yet.",
  "teams.configure.signInForBundles": "Sign in to also see the bundles your school accepted.",
  "teams.configure.signIn": "Sign in",
  "teams.configure.show": "Show the address",
  "teams.configure.chosen": "The address for the tab",
  "teams.configure.address": "Address of {name}",
  "teams.configure.copy": "You can also use this address yourself, without the app: in Teams as a ‘Website’ tab (‘+’ → ‘Website’).",
  "teams.configure.sharePoint": "In SharePoint, paste the same address into the Embed web part.",
  "teams.configure.keyNote": "A bundle's address carries your school's key: everyone in the channel can then read the bundle, without an account.",
  "teams.configure.unknown": "This theme or bundle does not exist (any more), or you cannot choose it. Choose again below.",
  "teams.configure.switchLanguage": "Nederlands",
  "teams.configure.placeholder": "Choose a theme or bundle",
  "teams.configure.inTeams": "Choose above what the tab shows, then click ‘Save’ in Teams.",
};

export type TeamsTextKey = keyof typeof nl;

const CATALOGUE: Record<Language, Record<TeamsTextKey, string>> = { nl, en };

export function teamsText(language: Language, key: TeamsTextKey, params: Record<string, string> = {}): string {
  return CATALOGUE[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
