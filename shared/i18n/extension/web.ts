/** The web app's own frame around the shared features: its header, sign-in state and navigation. */
const nl = {
  "web.nav.library": "Bibliotheek",
  "web.nav.clip": "Link bewaren",
  "web.nav.help": "Hulp",
  "web.nav.account": "Account",
  "web.nav.signOut": "Afmelden",
  "web.nav.label": "Knooppunt",
  "web.language.switch": "English",
  "web.language.switchLabel": "Switch to English",
  "web.signedOut.title": "Je bent niet aangemeld",
  "web.signedOut.body": "Meld je aan met je schoolaccount of je wachtwoord om je bibliotheek te openen.",
  "web.signedOut.action": "Aanmelden",
  "web.unreachable.title": "Knooppunt is niet bereikbaar",
  "web.unreachable.body": "Controleer je verbinding en probeer het opnieuw.",
  "web.unreachable.retry": "Opnieuw proberen",
  "web.offline.notice": "Je bent offline. Wat je bewaart, wacht op deze telefoon of computer en wordt verstuurd zodra je weer verbinding hebt.",
  "web.notFound.title": "Deze pagina bestaat niet",
  "web.notFound.back": "Naar de bibliotheek",
  "web.library.empty": "Bewaar een pagina door de link te plakken, te delen vanaf je telefoon of met de bladwijzer uit Hulp:",
} as const;

const en: Record<keyof typeof nl, string> = {
  "web.nav.library": "Library",
  "web.nav.clip": "Save a link",
  "web.nav.help": "Help",
  "web.nav.account": "Account",
  "web.nav.signOut": "Sign out",
  "web.nav.label": "Knooppunt",
  "web.language.switch": "Nederlands",
  "web.language.switchLabel": "Schakel over naar Nederlands",
  "web.signedOut.title": "You are not signed in",
  "web.signedOut.body": "Sign in with your school account or your password to open your library.",
  "web.signedOut.action": "Sign in",
  "web.unreachable.title": "Knooppunt cannot be reached",
  "web.unreachable.body": "Check your connection and try again.",
  "web.unreachable.retry": "Try again",
  "web.offline.notice": "You are offline. What you save waits on this phone or computer and is sent as soon as you are back online.",
  "web.notFound.title": "This page does not exist",
  "web.notFound.back": "To the library",
  "web.library.empty": "Save a page by pasting its link, sharing it from your phone or with the bookmark from Help:",
};

export const web = { nl, en };
