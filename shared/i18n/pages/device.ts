/**
 * The page on which a signed-in person lets the extension sign in as them (/auth/device). Its own
 * catalogue, beside the shared pages' one; Dutch first, `en` typed by the Dutch keys.
 */
import type { Language } from "../../vocabulary";

const nl = {
  "device.title": "Extensie aanmelden",
  "device.confirm": "Extensie aanmelden als {name}?",
  "device.explain": "De extensie van Knooppunt in {browser} krijgt een eigen sleutel, zodat je vanuit de browser kunt bewaren en delen als {name}. Je trekt die sleutel in door in de extensie af te melden.",
  "device.onlyIfYou": "Bevestig alleen als je zelf net in de extensie op ‘Inloggen met je schoolaccount’ hebt gedrukt.",
  "device.allow": "Ja, aanmelden",
  "device.cancel": "Annuleren",
  "device.browser.chromium": "Chrome of Edge",
  "device.browser.firefox": "Firefox",
  "device.switchLanguage": "English",
  "device.invalid.title": "Deze aanmeldlink klopt niet",
  "device.invalid.body": "Deze link hoort niet bij de extensie van Knooppunt, of is onvolledig. Open de instellingen van de extensie en kies daar opnieuw ‘Inloggen met je schoolaccount’.",
  "device.expired.title": "Dit formulier is verlopen",
  "device.expired.body": "Het formulier is vanaf een andere website verstuurd of je sessie is intussen veranderd. Kies in de extensie opnieuw ‘Inloggen met je schoolaccount’.",
  "device.home": "Naar de startpagina",
} as const;

const en: Record<keyof typeof nl, string> = {
  "device.title": "Sign the extension in",
  "device.confirm": "Sign the extension in as {name}?",
  "device.explain": "Knooppunt's extension in {browser} gets a key of its own, so you can save and share from the browser as {name}. You revoke that key by signing out in the extension.",
  "device.onlyIfYou": "Only confirm if you yourself just pressed ‘Sign in with your school account’ in the extension.",
  "device.allow": "Yes, sign in",
  "device.cancel": "Cancel",
  "device.browser.chromium": "Chrome or Edge",
  "device.browser.firefox": "Firefox",
  "device.switchLanguage": "Nederlands",
  "device.invalid.title": "This sign-in link is not valid",
  "device.invalid.body": "This link does not belong to Knooppunt's extension, or is incomplete. Open the extension's settings and choose ‘Sign in with your school account’ again.",
  "device.expired.title": "This form has expired",
  "device.expired.body": "The form was sent from another website or your session changed meanwhile. Choose ‘Sign in with your school account’ in the extension again.",
  "device.home": "To the home page",
};

export type DeviceTextKey = keyof typeof nl;

const CATALOGUE: Record<Language, Record<DeviceTextKey, string>> = { nl, en };

export function deviceText(language: Language, key: DeviceTextKey, params: Record<string, string> = {}): string {
  return CATALOGUE[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
