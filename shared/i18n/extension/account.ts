/** The options page's "Mijn gegevens": the person's name for others, their export, deleting their account. */
const nl = {
  "myData.title": "Mijn gegevens",
  "myData.intro": "Wat Knooppunt over je bewaart, waarom en hoe lang, staat op de privacypagina van jullie server.",
  "myData.privacyPage": "Privacypagina",
  "myData.displayName": "Naam die anderen zien",
  "myData.displayNameHint": "Leeg laten: collega's zien je naam, wie geen account heeft ziet nu: {publicName}",
  "myData.saveName": "Naam bewaren",
  "myData.nameSaved": "Je naam is bewaard.",
  "myData.download": "Alles downloaden",
  "myData.downloadHint": "JSON bevat alles wat over je is bewaard; CSV en het bladwijzerbestand (voor je browser, Raindrop, Karakeep of Linkwarden) bevatten wat je hebt bewaard.",
  "myData.downloadJson": "Alles (JSON)",
  "myData.downloadCsv": "Bewaard (CSV)",
  "myData.downloadHtml": "Bewaard (bladwijzers)",
  "myData.downloaded": "Gedownload: {file}",
  "myData.delete": "Account verwijderen",
  "myData.deleteStart": "Mijn account verwijderen…",
  "myData.deleteWhat":
    "Dit verwijdert je account, je aanmeldingen en API-sleutels, je lidmaatschappen, alles wat je privé bewaarde en je notities daarbij. Bundels die je maakte gaan naar een mede-makelaar, of blijven staan als van een oud-collega. Dit kan niet ongedaan worden gemaakt.",
  "myData.sharedWork": "Wat je deelde met je school, gemeenschap of het netwerk:",
  "myData.handOver": "Laten staan voor mijn collega's, als ‘bewaard door een oud-collega’",
  "myData.remove": "Ook verwijderen",
  "myData.confirmLabel": "Typ je e-mailadres ({email}) om te bevestigen",
  "myData.deleteNow": "Account definitief verwijderen",
  "myData.deleted": "Je account is verwijderd. Je bent afgemeld.",
} as const;

const en: Record<keyof typeof nl, string> = {
  "myData.title": "My data",
  "myData.intro": "What Knooppunt keeps about you, why and for how long is on your server's privacy page.",
  "myData.privacyPage": "Privacy page",
  "myData.displayName": "Name others see",
  "myData.displayNameHint": "Left empty: colleagues see your name; readers without an account now see: {publicName}",
  "myData.saveName": "Save name",
  "myData.nameSaved": "Your name was saved.",
  "myData.download": "Download everything",
  "myData.downloadHint": "JSON holds everything kept about you; CSV and the bookmark file (for your browser, Raindrop, Karakeep or Linkwarden) hold what you saved.",
  "myData.downloadJson": "Everything (JSON)",
  "myData.downloadCsv": "Saved (CSV)",
  "myData.downloadHtml": "Saved (bookmarks)",
  "myData.downloaded": "Downloaded: {file}",
  "myData.delete": "Delete account",
  "myData.deleteStart": "Delete my account…",
  "myData.deleteWhat":
    "This deletes your account, your sign-ins and API tokens, your memberships, everything you saved privately and your notes on it. Bundles you made pass to a co-curator, or stay as from a former colleague. This cannot be undone.",
  "myData.sharedWork": "What you shared with your school, community or the network:",
  "myData.handOver": "Leave it for my colleagues, as ‘saved by a former colleague’",
  "myData.remove": "Delete it too",
  "myData.confirmLabel": "Type your e-mail address ({email}) to confirm",
  "myData.deleteNow": "Delete account for good",
  "myData.deleted": "Your account was deleted. You are signed out.",
};

export const account = { nl, en };
