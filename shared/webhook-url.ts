/**
 * A Teams Workflows (Power Automate) webhook URL carries its secret in the query, `sig=`: whoever reads the
 * URL can post into the school's channel. Wherever a URL is shown or logged (the subscriptions screen, the
 * server's log, a delivery's error), the secret is left out; the API still returns the URL as registered, to
 * the school's coordinators only.
 */
const SIGNATURE = /([?&]sig=)[^&#\s"'<>]+/gi;

/** `text` with the value of every `sig=` query parameter replaced by "…". */
export const maskWebhookSecrets = (text: string): string => text.replace(SIGNATURE, "$1…");
