/**
 * The register of personal data (AVG art. 30) that the /privacy page is made from: for every table in
 * server/db/schema.ts, which columns hold personal data, why, for how long and who sees them, and which
 * columns do not. A test compares it with the schema, so a new column cannot arrive undocumented.
 */
import type { RetentionSettings } from "../../config";

export interface Localised {
  nl: string;
  en: string;
}

export interface Purpose {
  why: Localised;
  kept: (retention: RetentionSettings) => Localised;
  seenBy: Localised;
}

const always = (text: Localised) => () => text;
const WHILE_ACCOUNT = always({ nl: "Zolang je account bestaat.", en: "As long as your account exists." });

const ACCOUNT: Purpose = {
  why: { nl: "Je aanmelden, je herkennen en je rollen bepalen.", en: "To sign you in, recognise you and know your roles." },
  kept: WHILE_ACCOUNT,
  seenBy: { nl: "Jij en de beheerders.", en: "You and the administrators." },
};
const NAME: Purpose = {
  why: { nl: "Je naam bij wat je deelt.", en: "Your name on what you share." },
  kept: WHILE_ACCOUNT,
  seenBy: {
    nl: "Collega's in het netwerk zien je naam; wie geen account heeft alleen je voornaam en school, of de naam die je zelf kiest.",
    en: "Colleagues in the network see your name; readers without an account only your first name and school, or the name you choose.",
  },
};
const SECRET: Purpose = {
  why: { nl: "Controleren dat jij het bent. Alleen een hash, nooit het wachtwoord of de sleutel zelf.", en: "To check it is you. A hash only, never the password or key itself." },
  kept: WHILE_ACCOUNT,
  seenBy: { nl: "Niemand.", en: "No one." },
};
const SESSION: Purpose = {
  why: { nl: "Je aanmeldingen en API-sleutels tonen, zodat je ze kunt intrekken.", en: "To show your sign-ins and API tokens, so you can revoke them." },
  kept: (r) => ({
    nl: `Tot je je afmeldt, of ${r.sessionDays} dagen ongebruikt (API-sleutels: ${r.apiTokenDays} dagen).`,
    en: `Until you sign out, or ${r.sessionDays} days unused (API tokens: ${r.apiTokenDays} days).`,
  }),
  seenBy: { nl: "Jij.", en: "You." },
};
const MEMBERSHIP: Purpose = {
  why: { nl: "Bepalen wat je mag zien en doen in je school, opleiding en gemeenschappen.", en: "To decide what you may see and do in your school, institute and communities." },
  kept: always({ nl: "Zolang je lid bent.", en: "As long as you are a member." }),
  seenBy: { nl: "Jij, de coördinatoren en eigenaren daarvan, en de beheerders.", en: "You, their coordinators and owners, and the administrators." },
};
const SAVE: Purpose = {
  why: { nl: "Je bibliotheek: wat je bewaart, je notities en wat werkte in de klas.", en: "Your library: what you save, your notes and what worked in class." },
  kept: always({
    nl: "Tot je het verwijdert. Bij het verwijderen van je account gaan privé-bewaarde items altijd weg; gedeelde gaan naar je school of gemeenschap als 'oud-collega', of weg als je dat kiest.",
    en: "Until you delete it. When your account is deleted, private saves always go; shared ones pass to your school or community as 'former colleague', or go if you choose so.",
  }),
  seenBy: { nl: "Jij, en de kring die je kiest (school, gemeenschap, netwerk of iedereen).", en: "You, and the circle you choose (school, community, network or everyone)." },
};
const FACET_COUNTS: Purpose = {
  why: {
    nl: "De aantallen bij de filters van je bibliotheek: hoeveel van wat jij bewaarde er per soort, sector en thema is.",
    en: "The numbers beside your library's filters: how many of the things you saved there are per kind, sector and theme.",
  },
  kept: always({ nl: "Zolang je die items bewaard hebt; ze gaan weg met je laatste bewaarde item.", en: "As long as you keep those saves; they go with your last save." }),
  seenBy: { nl: "Alleen jij, als aantallen.", en: "Only you, as numbers." },
};
const CURATION: Purpose = {
  why: { nl: "Wie een bundel maakt, bijhoudt en publiceert.", en: "Who makes, keeps and publishes a bundle." },
  kept: always({ nl: "Zolang je account bestaat; daarna gaat de bundel naar een mede-makelaar of staat er 'oud-collega'.", en: "As long as your account exists; then the bundle passes to a co-curator or shows 'former colleague'." }),
  seenBy: { nl: "Mede-makelaars; lezers zien je naam volgens de naamregel hierboven.", en: "Co-curators; readers see your name by the naming rule above." },
};
const OFFER: Purpose = {
  why: { nl: "Wie een bundel aan een school aanbood of het aanbod beantwoordde.", en: "Who offered a bundle to a school or answered the offer." },
  kept: always({ nl: "Zolang het aanbod bestaat; zonder jou als je account verdwijnt.", en: "As long as the offer exists; without you once your account is gone." }),
  seenBy: { nl: "De coördinatoren van de school en de makelaars van de bundel.", en: "The school's coordinators and the bundle's brokers." },
};
const WEBHOOK: Purpose = {
  why: { nl: "Wie een koppeling (Teams, webhook) voor de school maakte.", en: "Who connected the school's channel (Teams, webhook)." },
  kept: always({ nl: "Zolang de koppeling bestaat.", en: "As long as the connection exists." }),
  seenBy: { nl: "De coördinatoren van de school.", en: "The school's coordinators." },
};
const DELIVERY: Purpose = {
  why: { nl: "Bewijs van wat er naar het kanaal van de school is gestuurd (kan namen van makelaars bevatten).", en: "Proof of what was sent to the school's channel (may name brokers)." },
  kept: (r) => ({ nl: `${r.deliveryLogDays} dagen na verzending.`, en: `${r.deliveryLogDays} days after sending.` }),
  seenBy: { nl: "De coördinatoren van de school.", en: "The school's coordinators." },
};
const REPEAT: Purpose = {
  why: { nl: "Een herhaald verzoek (bij een haperende verbinding) niet twee keer uitvoeren.", en: "Not to carry out a repeated request (on a flaky connection) twice." },
  kept: always({ nl: "24 uur.", en: "24 hours." }),
  seenBy: { nl: "Niemand.", en: "No one." },
};
const AUDIT: Purpose = {
  why: { nl: "Verantwoording: welke beheerder wat deed, alleen met ids, nooit namen of e-mailadressen.", en: "Accountability: which administrator did what, by id only, never names or e-mail addresses." },
  kept: always({ nl: "Blijvend; een verwijderde beheerder staat er daarna zonder id in.", en: "Permanently; a deleted administrator then appears without an id." }),
  seenBy: { nl: "De beheerders.", en: "The administrators." },
};

const IDENTITY: Purpose = {
  why: {
    nl: "Je aanmelden met je schoolaccount (Entree, SURFconext, Microsoft, Google) en je in je school of opleiding plaatsen. De aanbieder geeft een pseudoniem; een e-mailadres alleen als die het meestuurt.",
    en: "To sign you in with your school account (Entree, SURFconext, Microsoft, Google) and place you in your school or institute. The provider gives a pseudonym; an e-mail address only when it sends one.",
  },
  kept: always({ nl: "Zolang je account bestaat, of tot je de koppeling verwijdert.", en: "As long as your account exists, or until you remove the link." }),
  seenBy: { nl: "Jij en de beheerders.", en: "You and the administrators." },
};
const SIGN_IN_FLOW: Purpose = {
  why: { nl: "Een aanmelding bij je schoolaccount afmaken, en alleen die ene keer.", en: "To finish a sign-in with your school account, once only." },
  kept: always({ nl: "Tot de aanmelding klaar is, hooguit tien minuten.", en: "Until the sign-in finishes, ten minutes at most." }),
  seenBy: { nl: "Niemand.", en: "No one." },
};
const ONE_TIME_CODE: Purpose = {
  why: {
    nl: "Een eenmalige code: om de extensie aan te melden, of een herstellink voor je wachtwoord die een beheerder maakte. Alleen een hash.",
    en: "A one-time code: to sign the extension in, or a password-reset link an administrator made. A hash only.",
  },
  kept: always({ nl: "Tot de code gebruikt is of verloopt (minuten voor de extensie, hooguit dagen voor een herstellink).", en: "Until the code is used or expires (minutes for the extension, days at most for a reset link)." }),
  seenBy: { nl: "Niemand.", en: "No one." },
};

const QUESTION: Purpose = {
  why: { nl: "Je leervragen, het gesprek erover, het antwoord en of het werkte.", en: "Your learning questions, the conversation about them, the answer and whether it worked." },
  kept: always({ nl: "Tot je account verdwijnt; dan gaan je vragen weg en staan je reacties er als 'oud-collega'.", en: "Until your account is gone; then your questions go and your comments show 'former colleague'." }),
  seenBy: { nl: "Jij, de kring die je kiest, en de makelaars (nooit een conceptvraag).", en: "You, the circle you choose, and the brokers (never a draft question)." },
};

const IMPORT: Purpose = {
  why: { nl: "Een bestand met links dat je importeert: wat erin stond, wat je koos en wat er met elke link gebeurde.", en: "A file of links you import: what it held, what you chose and what happened to each link." },
  kept: WHILE_ACCOUNT,
  seenBy: { nl: "Alleen jij.", en: "Only you." },
};

interface TableEntry {
  personal: Record<string, Purpose>;
  /** Columns that say nothing about a person. */
  other: string[];
}

export const PERSONAL_DATA: Record<string, TableEntry> = {
  users: {
    personal: { id: ACCOUNT, name: NAME, display_name: NAME, email: ACCOUNT, password_hash: SECRET, roles: ACCOUNT, disabled: ACCOUNT, created_at: ACCOUNT, updated_at: ACCOUNT },
    other: [],
  },
  tokens: { personal: { user_id: SESSION, name: SESSION, kind: SESSION, secret_hash: SECRET, created_at: SESSION, last_used_at: SESSION, expires_at: SESSION }, other: ["id"] },
  identities: {
    personal: { user_id: IDENTITY, provider: IDENTITY, issuer: IDENTITY, subject: IDENTITY, email: IDENTITY, organisation: IDENTITY, created_at: IDENTITY, last_used_at: IDENTITY },
    other: ["id"],
  },
  sign_in_flows: {
    personal: { user_id: SIGN_IN_FLOW, created_at: SIGN_IN_FLOW },
    other: ["state_hash", "provider", "code_verifier", "nonce", "purpose", "return_to", "expires_at"],
  },
  one_time_codes: { personal: { user_id: ONE_TIME_CODE, created_by: ONE_TIME_CODE, created_at: ONE_TIME_CODE, code_hash: ONE_TIME_CODE }, other: ["purpose", "expires_at"] },
  besturen: { personal: {}, other: ["id", "name", "entra_tenants", "google_domains", "created_at"] },
  schools: { personal: {}, other: ["id", "name", "sector", "region", "bestuur_id", "brin_codes", "entra_tenants", "google_domains", "created_at"] },
  school_members: { personal: { user_id: MEMBERSHIP, role: MEMBERSHIP, created_at: MEMBERSHIP }, other: ["school_id"] },
  institutes: { personal: {}, other: ["id", "name", "kind", "domains", "created_at"] },
  institute_members: { personal: { user_id: MEMBERSHIP, role: MEMBERSHIP, created_at: MEMBERSHIP }, other: ["institute_id"] },
  communities: { personal: {}, other: ["id", "name", "kind", "description", "open", "created_at"] },
  community_members: { personal: { user_id: MEMBERSHIP, role: MEMBERSHIP, created_at: MEMBERSHIP }, other: ["community_id"] },
  themes: { personal: {}, other: ["slug", "name_nl", "name_en", "description_nl", "description_en", "parent", "synonyms", "position", "created_at", "updated_at"] },
  items: {
    personal: {},
    // An item is only the normalised address its saves share; what the page said is kept per save (below).
    other: ["seq", "id", "url_key", "url"],
  },
  saves: {
    personal: {
      user_id: SAVE,
      // The page as this person clipped it: it can say something about them or their pupils (a private page's
      // title or text), so it is theirs, seen only within the save's circle.
      url: SAVE,
      canonical_url: SAVE,
      title: SAVE,
      kind: SAVE,
      site_name: SAVE,
      author: SAVE,
      published_at: SAVE,
      language: SAVE,
      image_url: SAVE,
      favicon_url: SAVE,
      excerpt: SAVE,
      text: SAVE,
      video_provider: SAVE,
      video_id: SAVE,
      video_duration_seconds: SAVE,
      video_embed_url: SAVE,
      note: SAVE,
      quote: SAVE,
      tags: SAVE,
      themes: SAVE,
      sector: SAVE,
      visibility: SAVE,
      community_id: SAVE,
      school_id: SAVE,
      applied: SAVE,
      worked: SAVE,
      created_at: SAVE,
      updated_at: SAVE,
    },
    other: ["seq", "item_seq"],
  },
  save_themes: { personal: {}, other: ["save_seq", "theme"] },
  save_tags: { personal: {}, other: ["save_seq", "tag"] },
  idempotency_keys: { personal: { user_id: REPEAT, request_hash: REPEAT, body: REPEAT, created_at: REPEAT }, other: ["key", "route", "status"] },
  bundles: {
    personal: { created_by: CURATION },
    other: ["id", "title", "about", "use", "themes", "sector", "audience", "status", "slug", "version", "published_version", "created_at", "updated_at"],
  },
  bundle_curators: { personal: { user_id: CURATION, role: CURATION, created_at: CURATION }, other: ["bundle_id"] },
  bundle_items: { personal: {}, other: ["bundle_id", "item_seq", "position", "note"] },
  bundle_versions: { personal: { content: CURATION, published_by: CURATION }, other: ["bundle_id", "number", "published_at"] },
  offers: {
    personal: { offered_by: OFFER, responded_by: OFFER },
    other: ["id", "bundle_id", "version", "school_id", "message", "status", "capability_key", "key_issued_at", "key_revoked_at", "reason", "offered_at", "opened_at", "responded_at"],
  },
  offer_events: { personal: {}, other: ["seq", "offer_id", "kind", "at"] },
  subscriptions: { personal: {}, other: ["school_id", "theme", "created_at"] },
  school_feeds: { personal: {}, other: ["school_id", "sector", "feed_token", "updated_at"] },
  webhooks: { personal: { created_by: WEBHOOK }, other: ["id", "school_id", "url", "format", "events", "secret", "created_at"] },
  webhook_deliveries: {
    personal: { body: DELIVERY },
    other: ["id", "webhook_id", "event", "offer_id", "status", "attempts", "next_attempt_at", "last_status_code", "last_error", "created_at", "delivered_at"],
  },
  delivery_attempts: { personal: {}, other: ["seq", "delivery_id", "at", "status_code", "error", "duration_ms"] },
  audit_log: { personal: { actor_id: AUDIT, subject_id: AUDIT }, other: ["seq", "at", "actor_kind", "action", "subject_kind", "details"] },
  account_deletions: { personal: {}, other: ["seq", "at", "initiated_by", "shared_work", "counts"] },
  questions: {
    personal: { user_id: QUESTION, question: QUESTION, context: QUESTION, owner_id: QUESTION, created_at: QUESTION, updated_at: QUESTION },
    other: ["id", "themes", "sector", "visibility", "school_id", "community_id", "status", "answer_id", "followup_weeks", "closed_with", "answered_at", "followup_reminded_at"],
  },
  question_answers: { personal: { answered_by: QUESTION, note: QUESTION }, other: ["id", "bundle_id", "item_ids", "from_existing_bundle", "answered_at"] },
  question_wordings: { personal: { question: QUESTION, context: QUESTION, changed_by: QUESTION, at: QUESTION }, other: ["seq", "question_id"] },
  question_comments: { personal: { author_id: QUESTION, body: QUESTION, created_at: QUESTION }, other: ["id", "question_id"] },
  question_brokers: { personal: { user_id: QUESTION, role: QUESTION, at: QUESTION }, other: ["question_id"] },
  question_followups: { personal: { applied: QUESTION, worked: QUESTION, note: QUESTION, recorded_by: QUESTION, recorded_at: QUESTION }, other: ["question_id"] },
  feed_versions: { personal: {}, other: ["scope", "version"] },
  facet_tallies: { personal: { owner: FACET_COUNTS }, other: ["audience", "part", "items"] },
  shared_items: { personal: {}, other: ["item_seq", "counted_from_saves"] },
  shared_item_parts: { personal: { owner: FACET_COUNTS }, other: ["item_seq", "audience", "part", "items"] },
  shared_item_recounts: { personal: {}, other: ["item_seq"] },
  theme_lineage: { personal: {}, other: ["slug", "ancestor"] },
  broker_feeds: { personal: { user_id: ACCOUNT }, other: ["feed_token", "updated_at"] },
  imports: {
    personal: { user_id: IMPORT, file_name: IMPORT, review: IMPORT, files: IMPORT, visibility: IMPORT, school_id: IMPORT, community_id: IMPORT, theme_mapping: IMPORT, created_at: IMPORT },
    other: ["id", "status", "format", "total", "processed", "imported", "merged", "skipped", "read_pages", "pages_stopped", "pages_due", "pages_read", "pages_failed", "error", "updated_at", "finished_at"],
  },
  import_entries: {
    personal: { url: IMPORT, title: IMPORT, folder: IMPORT, tags: IMPORT, note: IMPORT, added_at: IMPORT, file_save: IMPORT },
    other: ["import_id", "position", "kind", "skip_reason", "outcome", "item_id", "page_state", "page_error", "page_site"],
  },
};

export interface RegisterRow {
  table: string;
  columns: string[];
  why: Localised;
  kept: Localised;
  seenBy: Localised;
}

/** The register as the page shows it: per table, the columns that share one purpose together. */
export function personalDataRegister(retention: RetentionSettings): RegisterRow[] {
  return Object.entries(PERSONAL_DATA).flatMap(([table, entry]) => {
    const byPurpose = new Map<Purpose, string[]>();
    for (const [column, purpose] of Object.entries(entry.personal)) byPurpose.set(purpose, [...(byPurpose.get(purpose) ?? []), column]);
    return [...byPurpose].map(([purpose, columns]) => ({ table, columns, why: purpose.why, kept: purpose.kept(retention), seenBy: purpose.seenBy }));
  });
}
