/**
 * Why the server did not read a page the person pasted or shared (`POST /api/v1/pages/facts`): one
 * sentence per refusal code (`page_<reason>`), found by apiErrorKey, for the web app's clip form.
 */
const nl = {
  "apiError.page_invalid_url": "Dit is geen webadres. Plak het hele adres, met https:// ervoor.",
  "apiError.page_https_required": "Knooppunt leest alleen pagina's via https. Probeer het adres met https:// ervoor.",
  "apiError.page_credentials": "Laat de gebruikersnaam en het wachtwoord uit het adres weg.",
  "apiError.page_internal_address": "Dit adres is niet openbaar op internet (een intranet of een apparaat in het netwerk); Knooppunt leest alleen openbare pagina's.",
  "apiError.page_unresolvable": "Deze website is niet te vinden. Kijk of het adres goed is gespeld.",
  "apiError.page_unreachable": "De website antwoordt niet. Probeer het later opnieuw.",
  "apiError.page_too_many_redirects": "De website stuurt door naar steeds een ander adres. Open de pagina zelf en plak het adres waar je uitkomt.",
  "apiError.page_too_large": "De pagina is te groot om te lezen. Je kunt het adres wel bewaren met een eigen titel.",
  "apiError.page_too_slow": "De website deed er te lang over. Probeer het later opnieuw, of bewaar het adres met een eigen titel.",
  "apiError.page_unsupported_content_type": "Op dit adres staat geen webpagina of pdf (maar bijvoorbeeld een afbeelding of een bestand).",
  "apiError.page_error_status": "De website gaf deze pagina niet (bijvoorbeeld ‘niet gevonden’ of ‘alleen voor leden’).",
} as const;

const en: Record<keyof typeof nl, string> = {
  "apiError.page_invalid_url": "This is not a web address. Paste the whole address, with https:// in front.",
  "apiError.page_https_required": "Knooppunt reads pages over https only. Try the address with https:// in front.",
  "apiError.page_credentials": "Leave the user name and password out of the address.",
  "apiError.page_internal_address": "This address is not public on the internet (an intranet or a device in the network); Knooppunt reads only public pages.",
  "apiError.page_unresolvable": "This website cannot be found. Check how the address is spelled.",
  "apiError.page_unreachable": "The website does not answer. Try again later.",
  "apiError.page_too_many_redirects": "The website keeps sending on to another address. Open the page yourself and paste the address you end up at.",
  "apiError.page_too_large": "The page is too large to read. You can still save the address with a title of your own.",
  "apiError.page_too_slow": "The website took too long. Try again later, or save the address with a title of your own.",
  "apiError.page_unsupported_content_type": "This address holds no web page or PDF (an image or a file, for example).",
  "apiError.page_error_status": "The website did not give this page (‘not found’ or ‘members only’, for example).",
};

export const pageFacts = { nl, en };
