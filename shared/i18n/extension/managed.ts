/** The options page's words for what a school's managed policy sets (extension/lib/managed.ts). */
const nl = {
  "managed.setBySchool": "Ingesteld door je school",
  "managed.serverSet": "Je school heeft dit adres ingesteld; je hoeft niets in te typen.",
  "managed.schoolAccountOnly": "Je school heeft ingesteld dat je inlogt met je schoolaccount.",
  "managed.circleSet": "Nieuwe clips gaan naar deze kring, tenzij je bij het bewaren een andere kiest.",
  "apiError.managed_policy": "Dit is ingesteld door je school en kan hier niet anders.",
} as const;

const en: Record<keyof typeof nl, string> = {
  "managed.setBySchool": "Set by your school",
  "managed.serverSet": "Your school has set this address; there is nothing to type.",
  "managed.schoolAccountOnly": "Your school has set that you sign in with your school account.",
  "managed.circleSet": "New clips go to this circle unless you choose another when saving.",
  "apiError.managed_policy": "Your school has set this; it cannot be changed here.",
};

export const managed = { nl, en };
