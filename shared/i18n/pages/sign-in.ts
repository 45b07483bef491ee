/**
 * The pages of a school-account sign-in: what went wrong (one text per problem), and choosing a school
 * when a bestuur's account names several. Dutch first; `en` is typed by the Dutch keys.
 */
import type { Language } from "../../vocabulary";

const nl = {
  "signIn.nav": "Taal en navigatie",
  "signIn.home": "Naar de startpagina",
  "signIn.tryAgain": "Probeer opnieuw",
  "signIn.problemTitle": "Inloggen is niet gelukt",
  "signIn.unknown_provider.title": "Deze inlogmanier bestaat niet",
  "signIn.unknown_provider.body": "Knooppunt kent deze inlogmanier niet. Ga terug naar de startpagina en kies een van de manieren die daar staan.",
  "signIn.provider_unavailable.title": "{provider} antwoordt nu niet",
  "signIn.provider_unavailable.body": "Knooppunt kan {provider} op dit moment niet bereiken. Er is niets aangemaakt of veranderd. Probeer het over een paar minuten opnieuw.",
  "signIn.provider_refused.title": "Inloggen afgebroken",
  "signIn.provider_refused.body": "{provider} heeft het inloggen niet afgerond: je hebt het misschien zelf geannuleerd, of je account mag Knooppunt niet gebruiken. Er is niets aangemaakt.",
  "signIn.flow_not_found.title": "Deze inlogpoging is verlopen of al gebruikt",
  "signIn.flow_not_found.body": "Een inlogpoging geldt tien minuten en één keer. Begin opnieuw; er is niets aangemaakt.",
  "signIn.answer_rejected.title": "Het antwoord van {provider} klopt niet",
  "signIn.answer_rejected.body": "Het antwoord van {provider} kwam niet door de controle (het hoort niet bij deze inlogpoging, of het is niet van {provider} of niet voor Knooppunt). Er is niets aangemaakt. Begin opnieuw; blijft dit gebeuren, meld het dan bij de beheerder.",
  "signIn.claims_incomplete.title": "{provider} gaf te weinig gegevens",
  "signIn.claims_incomplete.body": "{provider} gaf geen vaste naam voor je account mee. Er is niets aangemaakt. De beheerder van Knooppunt kan dit met {provider} regelen.",
  "signIn.pupil.title": "Knooppunt is voor medewerkers",
  "signIn.pupil.body": "Je schoolaccount is een leerlingaccount. Knooppunt is er voor leraren en andere medewerkers; gegevens van leerlingen horen er niet in. Er is niets opgeslagen.",
  "signIn.unmatched.title": "Je organisatie is (nog) niet aangesloten",
  "signIn.unmatched.body": "Je schoolaccount hoort bij een organisatie die nog niet bij dit Knooppunt is aangemeld. Er is niets aangemaakt. Vraag de beheerder van Knooppunt je school of opleiding toe te voegen.",
  "signIn.account_disabled.title": "Je account is uitgeschakeld",
  "signIn.account_disabled.body": "Een beheerder heeft je account uitgeschakeld. Neem contact op met de beheerder van Knooppunt als dat niet klopt.",
  "signIn.identity_taken.title": "Dit schoolaccount hoort al bij iemand anders",
  "signIn.identity_taken.body": "Dit schoolaccount is al gekoppeld aan een ander Knooppunt-account en is niet aan het jouwe toegevoegd. Log met dat account in, of vraag de beheerder om hulp.",
  "signIn.not_signed_in.title": "Log eerst in",
  "signIn.not_signed_in.body": "Een schoolaccount koppelen kan alleen als je bent ingelogd. Log in en probeer het opnieuw.",
  "signIn.too_many_starts.title": "Even wachten",
  "signIn.too_many_starts.body": "Vanaf dit netwerk zijn in korte tijd erg veel inlogpogingen met {provider} begonnen. Er is niets aangemaakt. Probeer het over een paar minuten opnieuw.",
  "signIn.choose.title": "Kies je school",
  "signIn.choose.intro": "Je account hoort bij {bestuur}. Bij welke school werk je? Je wordt daar lid; een beheerder kan dat later aanpassen.",
  "signIn.choose.legend": "Scholen van {bestuur}",
  "signIn.choose.submit": "Word lid van deze school",
  "signIn.choose.later": "Later kiezen",
  "signIn.choose.none": "Er is geen school om uit te kiezen.",
};

const en: Record<keyof typeof nl, string> = {
  "signIn.nav": "Language and navigation",
  "signIn.home": "Go to the home page",
  "signIn.tryAgain": "Try again",
  "signIn.problemTitle": "Signing in did not work",
  "signIn.unknown_provider.title": "This way of signing in does not exist",
  "signIn.unknown_provider.body": "Knooppunt does not know this way of signing in. Go back to the home page and choose one of the ways listed there.",
  "signIn.provider_unavailable.title": "{provider} is not answering",
  "signIn.provider_unavailable.body": "Knooppunt cannot reach {provider} right now. Nothing was created or changed. Try again in a few minutes.",
  "signIn.provider_refused.title": "Signing in was stopped",
  "signIn.provider_refused.body": "{provider} did not finish signing you in: you may have cancelled, or your account may not use Knooppunt. Nothing was created.",
  "signIn.flow_not_found.title": "This sign-in has expired or was already used",
  "signIn.flow_not_found.body": "A sign-in attempt holds for ten minutes and once. Start again; nothing was created.",
  "signIn.answer_rejected.title": "The answer from {provider} does not check out",
  "signIn.answer_rejected.body": "The answer from {provider} failed the checks (it does not belong to this sign-in, or it is not from {provider} or not for Knooppunt). Nothing was created. Start again; if this keeps happening, tell the administrator.",
  "signIn.claims_incomplete.title": "{provider} sent too little",
  "signIn.claims_incomplete.body": "{provider} sent no stable name for your account. Nothing was created. Knooppunt's administrator can arrange this with {provider}.",
  "signIn.pupil.title": "Knooppunt is for staff",
  "signIn.pupil.body": "Your school account is a pupil's account. Knooppunt is for teachers and other staff; pupils' data does not belong in it. Nothing was stored.",
  "signIn.unmatched.title": "Your organisation has not joined (yet)",
  "signIn.unmatched.body": "Your school account belongs to an organisation that has not been registered with this Knooppunt. Nothing was created. Ask Knooppunt's administrator to add your school or institute.",
  "signIn.account_disabled.title": "Your account is disabled",
  "signIn.account_disabled.body": "An administrator disabled your account. Contact Knooppunt's administrator if that is wrong.",
  "signIn.identity_taken.title": "This school account belongs to someone else",
  "signIn.identity_taken.body": "This school account is already linked to another Knooppunt account and was not added to yours. Sign in with that account, or ask the administrator for help.",
  "signIn.not_signed_in.title": "Sign in first",
  "signIn.not_signed_in.body": "You can link a school account only while signed in. Sign in and try again.",
  "signIn.too_many_starts.title": "Please wait a moment",
  "signIn.too_many_starts.body": "Very many sign-ins with {provider} were started from this network in a short time. Nothing was created. Try again in a few minutes.",
  "signIn.choose.title": "Choose your school",
  "signIn.choose.intro": "Your account belongs to {bestuur}. Which school do you work at? You become a member there; an administrator can change that later.",
  "signIn.choose.legend": "Schools of {bestuur}",
  "signIn.choose.submit": "Join this school",
  "signIn.choose.later": "Choose later",
  "signIn.choose.none": "There is no school to choose from.",
};

export type SignInTextKey = keyof typeof nl;

const catalogues: Record<Language, Record<SignInTextKey, string>> = { nl, en };

export const signInText = (lang: Language, key: SignInTextKey, vars: Record<string, string> = {}) =>
  catalogues[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
