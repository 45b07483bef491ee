/** What a person sees when a page request fails: what happened and that nothing changed, Dutch and English. */
import type { Language } from "../../vocabulary";

const nl = {
  "error.400.title": "Dit verzoek klopt niet",
  "error.400.body": "Er ontbrak iets of er stond iets verkeerds in. Er is niets veranderd.",
  "error.401.title": "Meld je eerst aan",
  "error.401.body": "Deze pagina is er alleen voor wie is aangemeld.",
  "error.403.title": "Dit mag je niet doen",
  "error.403.body": "Je account heeft hier geen toestemming voor. Er is niets veranderd.",
  "error.csrf.title": "Dit formulier is verlopen of kwam van een andere site",
  "error.csrf.body": "Ga terug, laad de pagina opnieuw en probeer het nog eens. Er is niets veranderd.",
  "error.404.title": "Niet gevonden",
  "error.404.body": "Deze pagina bestaat niet, of is niet voor jou.",
  "error.409.title": "Dat kan nu niet",
  "error.409.body": "Het botst met wat er al is. Laad de pagina opnieuw; er is niets veranderd.",
  "error.413.title": "Te groot",
  "error.413.body": "Wat je stuurde is te groot. Er is niets veranderd.",
  "error.415.title": "Dit formaat kennen we niet",
  "error.415.body": "Er is niets veranderd.",
  "error.429.title": "Even te veel pogingen",
  "error.429.body": "Wacht een paar minuten en probeer het dan opnieuw.",
  "error.500.title": "Er ging iets mis op de server",
  "error.500.body": "Er is niets veranderd. Probeer het later nog eens.",
  "error.signIn": "Aanmelden",
  "error.home": "Naar de startpagina",
} as const;

export type ErrorTextKey = keyof typeof nl;

const en: Record<ErrorTextKey, string> = {
  "error.400.title": "This request is not right",
  "error.400.body": "Something was missing or wrong in it. Nothing was changed.",
  "error.401.title": "Sign in first",
  "error.401.body": "This page is only for people who are signed in.",
  "error.403.title": "You may not do this",
  "error.403.body": "Your account has no permission for this. Nothing was changed.",
  "error.csrf.title": "This form has expired or came from another site",
  "error.csrf.body": "Go back, reload the page and try again. Nothing was changed.",
  "error.404.title": "Not found",
  "error.404.body": "This page does not exist, or is not for you.",
  "error.409.title": "That cannot be done now",
  "error.409.body": "It clashes with what is already there. Reload the page; nothing was changed.",
  "error.413.title": "Too large",
  "error.413.body": "What you sent is too large. Nothing was changed.",
  "error.415.title": "We do not know this format",
  "error.415.body": "Nothing was changed.",
  "error.429.title": "A few too many attempts",
  "error.429.body": "Wait a few minutes, then try again.",
  "error.500.title": "Something went wrong on the server",
  "error.500.body": "Nothing was changed. Please try again later.",
  "error.signIn": "Sign in",
  "error.home": "To the home page",
};

export const errorText = (lang: Language, key: ErrorTextKey) => (lang === "nl" ? nl : en)[key];
