/**
 * The pupil-data guard: finds what looks like a pupil's personal data in a note, a quote or a page's text,
 * so the person is warned before it is shared. A warning, never a block: the caller decides.
 *
 * Written here rather than taken from a library: none knows the Dutch 11-proef together with the context
 * that tells a BSN from an order number, Dutch and Flemish ways of writing a pupil or student number, a
 * birth date only when it sits beside a name, and Dutch and Belgian phone numbers. It runs on every key
 * press in the popup and on up to a page of text on the server, so every pattern has bounded repetition
 * only (no nested open-ended quantifiers) and every context look is a bounded window: the work grows
 * linearly with the text.
 *
 * The choices, each made to keep ordinary numbers quiet:
 * - BSN: nine digits passing the 11-proef, written 123456782, 1234.56.782 or 1234 56 782. Written as
 *   123.456.782 or 123 456 782 (how Dutch writes large amounts) or with hyphens only with "BSN",
 *   "burgerservicenummer" or "sofinummer" close before it. Not after words that name another number (artikel-, order-, factuur-, klantnummer,
 *   ISBN, EAN, KvK, IBAN, rekening, a currency).
 * - Student number: a keyword (leerlingnummer, leerlingnr, llnr, ll.nr, leerling-ID, studentnummer,
 *   studentnr, stud.nr, studentennummer, stamboeknummer, student number, student ID) followed within a
 *   few words by 5 to 10 digits, optionally after one letter (s1234567). Four digits are left alone:
 *   after "leerlingnummers sinds" they are a year far more often than a number.
 * - Birth date: a full date (12-03-2014, 12/3/2014, 2014-03-12, 12 maart 2014, March 12, 2014) at most a
 *   few words after geboren, geb., geboortedatum, DOB, date of birth, born or the Flemish ° (or a few words
 *   before geboren / born), with a
 *   person's name (a capitalised word that is not a sentence's first word, a place or a function word;
 *   or a sentence's first word followed by "is", "werd", a comma or a bracket) close before the keyword
 *   or after the date; years before 1985 are historical figures, not pupils.
 * - Phone: Dutch numbers of ten digits starting 01–07 (06 mobile; 0800, 08x and 09xx service numbers are
 *   not personal), written with or without separators in groups of two or more digits, or +31 / 0031
 *   with an optional (0); Belgian +32 numbers; never just after an IBAN's bank code or an ISBN.
 */

import { PUPIL_DATA_FIELDS, type PupilDataField, type PupilDataKind } from "../vocabulary";

export type { PupilDataKind };

export interface PupilDataMatch {
  kind: PupilDataKind;
  /** Offsets in the text as JavaScript counts them (UTF-16), end exclusive: `text.slice(start, end) === match`. */
  start: number;
  end: number;
  match: string;
}

/** Beyond this, a page's text is only looked at in its first part: what a person reads before saving. */
const MAX_SCANNED = 200_000;

export function findPupilData(text: string): PupilDataMatch[] {
  const scanned = text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text;
  const found: PupilDataMatch[] = [];
  // Which characters a finding already covers: checking a candidate costs its own length, not the number
  // of findings so far, so a page full of numbers stays linear.
  const claimed = new Uint8Array(scanned.length);
  // In order of certainty: a number after "leerlingnummer" is a student number even when it passes the
  // 11-proef, and a date beside "geboren" is a birth date before it is anything else.
  for (const finder of [studentNumbers, birthDates, phones, bsns]) {
    for (const candidate of finder(scanned)) {
      if (claimed.subarray(candidate.start, candidate.end).includes(1)) continue;
      claimed.fill(1, candidate.start, candidate.end);
      found.push(candidate);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What the guard finds in each of a save's texts, field by field, for a warning that says where. */
export function findPupilDataIn(fields: Partial<Record<PupilDataField, string | null | undefined>>) {
  return PUPIL_DATA_FIELDS.flatMap((field) => findPupilData(fields[field] ?? "").map(({ kind, start, end }) => ({ field, kind, start, end })));
}

const at = (kind: PupilDataKind, text: string, start: number, match: string): PupilDataMatch => ({ kind, start, end: start + match.length, match });

/** The text just before `index`, on the same line: where a label such as "BSN:" or "ISBN" stands. */
const before = (text: string, index: number, width: number) => {
  const window = text.slice(Math.max(0, index - width), index);
  return window.slice(window.lastIndexOf("\n") + 1);
};

/**
 * The matches `text.matchAll(pattern)` would find, in order, tried only where `start` matches: each
 * pattern here opens with a context look and Unicode classes, which V8 tries at every position of the
 * text (a phone number's pattern alone cost 33 µs on a 3.5 KB page), while a pattern that opens with a
 * word or a character is searched for quickly. `start` must match wherever a match of `pattern` begins
 * (the words or characters its alternatives open with, same flags), so no match is passed over; `pattern`
 * is sticky and is run from each such place, so it finds what the whole scan finds there. Tested against
 * the whole scan in pupil-data-quick-scan.test.ts.
 */
export function* matchesFrom(text: string, start: RegExp, pattern: RegExp): Generator<RegExpExecArray> {
  for (let from = 0, found = nextMatch(text, from, start, pattern); found; found = nextMatch(text, from, start, pattern)) {
    yield found;
    // None of the patterns matches an empty string: the next search begins where this match ends.
    from = found.index + found[0].length;
  }
}

/** The first match of sticky `pattern` at or after `from`, tried where `start` (global) matches; see matchesFrom. */
export function nextMatch(text: string, from: number, start: RegExp, pattern: RegExp): RegExpExecArray | null {
  for (let at = from; at <= text.length; ) {
    start.lastIndex = at;
    const place = start.exec(text);
    if (!place) return null;
    pattern.lastIndex = place.index;
    const found = pattern.exec(text);
    if (found) return found;
    // Every start is an ASCII character or word, never half of a surrogate pair.
    at = place.index + 1;
  }
  return null;
}

/** `pattern` as a sticky expression, for nextMatch. */
export const sticky = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace("g", "") + "y");

const OTHER_NUMBER =
  /(?:\b(?:isbn|issn|ean|gtin|sku|art(?:ikel)?\.?[ -]?(?:nr|nummer)?|artikelnummer|order\w*|bestel\w*|factuur\w*|klant\w*|kvk|btw|iban|bic|rekening\w*|referentie\w*|kenmerk|postbus|eur(?:o)?)|[€$£])\W{0,6}(?:\w+\W{1,3})?$/i;
const BSN_LABEL = /(?:bsn|burger\s?service\s?nummer|sofi-?\s?nummer)\b/i;
const IBAN_START = /[A-Z]{2}\d{2} ?[A-Z]{4} ?$/;

// ---------------------------------------------------------------------------------------------- BSN

const BSN_CANDIDATE = /(?<![\p{L}\p{N}\/=&?#@_+.,-])(?:\d{9}|\d{4}([ .-])\d{2}\1\d{3}|\d{3}([ .-])\d{3}\2\d{3})(?![\p{L}\p{N}]|[.,\/-]\p{N})/gu;

/** The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not zero). */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function* bsns(text: string): Generator<PupilDataMatch> {
  for (const found of text.matchAll(BSN_CANDIDATE)) {
    const written = found[0];
    if (!passesElevenTest(written.replace(/\D/g, ""))) continue;
    const label = before(text, found.index, 40);
    const labelled = BSN_LABEL.test(label);
    // 123.456.782 is how Dutch writes an amount, 2023-10-145 a case or order number: only after "BSN".
    const ambiguous = /^\d{3}\D|-/.test(written);
    if (ambiguous && !labelled) continue;
    if (!labelled && OTHER_NUMBER.test(label)) continue;
    yield at("bsn", text, found.index, written);
  }
}

// ------------------------------------------------------------------------------------ student number

export const STUDENT_NUMBER =
  /(?<![\p{L}\p{N}])(?:leerling(?:en)?[ -]?(?:nummer|nr\.?|id)|ll\.? ?nr\.?|student(?:en)?[ -]?(?:nummer|nr\.?|number|id)|stud\.? ?nr\.?|stamboek ?(?:nummer|nr\.?))(?![\p{L}])[^\p{N}\n.!?;]{0,24}?(?<![\p{L}\p{N}])([a-z]?\d{5,10})(?![\p{L}\p{N}]|[.,\/-]\p{N})/giu;

/** Where a student number's keyword can begin. */
export const STUDENT_NUMBER_START = /leerling|ll\.? ?nr|stud|stamboek/giu;
const STUDENT_NUMBER_AT = sticky(STUDENT_NUMBER);

function* studentNumbers(text: string): Generator<PupilDataMatch> {
  for (const found of matchesFrom(text, STUDENT_NUMBER_START, STUDENT_NUMBER_AT)) {
    const number = found[1]!;
    yield at("studentNumber", text, found.index + found[0].length - number.length, number);
  }
}

// ---------------------------------------------------------------------------------------- birth date

/** A month's name or abbreviation, Dutch or English: its start says which, whatever follows (mrt, maart, March). */
const MONTH = "(?:jan|feb|m[aer]|apr|mei|may|jun|jul|aug|sep|o[kc]t|nov|dec)\\p{L}{0,6}\\.?";
const YEAR = "(?:19|20)\\d{2}";
const DATE = `(?:\\d{1,2}[-/.]\\d{1,2}[-/.]${YEAR}|${YEAR}-\\d{1,2}-\\d{1,2}|\\d{1,2} ${MONTH} ${YEAR}|${MONTH} \\d{1,2},? ${YEAR})`;
const BIRTH_KEYWORD = "(?:geboren|geb\\.?|geboortedatum|geb\\.? ?datum|d\\.?o\\.?b\\.?|date of birth|born|°)";
/** "geboren op 12 maart 2014", and the other way round, "op 12 maart 2014 is Daan geboren". */
export const BIRTH_DATE = [
  new RegExp(`(?<![\\p{L}\\p{N}])${BIRTH_KEYWORD}(?![\\p{L}])[^\\p{N}\\n]{0,20}?(?<![\\p{N}])(${DATE})(?![\\p{N}])`, "giu"),
  new RegExp(`(?<![\\p{L}\\p{N}])(${DATE})(?![\\p{N}])[^\\p{N}\\n]{0,20}?(?<![\\p{L}])(?:geboren|born)(?![\\p{L}])`, "giu"),
];
/** Where the first form can begin (its keyword), and what the second holds wherever it matches. */
export const BIRTH_KEYWORD_START = /geb|d\.?o\.?b|date of birth|born|°/giu;
const BIRTH_DATE_AT = sticky(BIRTH_DATE[0]!);
const BORN = /geboren|born/iu;
const EARLIEST_PUPIL_BIRTH_YEAR = 1985;

/**
 * Capitalised words that are not names: pronouns and other sentence openers, and places often named in
 * newcomer education. Months and weekdays are not capitalised in Dutch, and an English one is part of the date.
 */
const NOT_A_NAME = new Set(
  (
    "de het een hij zij ze ik wij we jij je u deze dit die dat er op in na voor tot van bij met uit aan als wie wat waar " +
    "toen zijn haar hun mijn onze alle veel geen elke ieder leerlingen kinderen ouders leerling student he she his her " +
    "nederland belgië vlaanderen brussel amsterdam rotterdam utrecht den haag antwerpen gent syrië turkije marokko " +
    "oekraïne polen eritrea afghanistan somalië irak"
  ).split(" "),
);
const WORD = /(?<![\p{L}])\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?/gu;
const SENTENCE_END = /(?:^|[.!?:;\n•]\s*|^\s*[-*]\s*)$/;
const NAME_FOLLOWS = /^\s*(?:is\b|werd\b|was\b|zat\b|[,(–—°-]|(?:van|de|der|den|el|al|ten|ter|te)\s+\p{Lu}|\p{Lu})/u;

function hasName(window: string, offsetInText: number, text: string): boolean {
  for (const word of window.matchAll(WORD)) {
    if (NOT_A_NAME.has(word[0].toLowerCase())) continue;
    const index = offsetInText + word.index;
    const opening = SENTENCE_END.test(text.slice(Math.max(0, index - 4), index));
    if (!opening) return true;
    if (NAME_FOLLOWS.test(text.slice(index + word[0].length, index + word[0].length + 20))) return true;
  }
  return false;
}

function* birthDates(text: string): Generator<PupilDataMatch> {
  // The second form ends in "geboren" or "born": a page without either word needs no look for it.
  const candidates = [...matchesFrom(text, BIRTH_KEYWORD_START, BIRTH_DATE_AT), ...(BORN.test(text) ? text.matchAll(BIRTH_DATE[1]!) : [])];
  for (const found of candidates) {
    const date = found[1]!;
    const year = Number(/(?:19|20)\d{2}/.exec(date.replace(/^\d{1,2}[-/.]\d{1,2}[-/.]/, ""))?.[0]);
    if (year < EARLIEST_PUPIL_BIRTH_YEAR) continue;
    // The keyword and the date together, then the name close before, between or after them on the line.
    const from = found.index;
    const to = from + found[0].length;
    const start = from + found[0].indexOf(date);
    // Windows found within bounds: searching a whole page for its next line break would make the scan quadratic.
    const nameFrom = from - before(text, from, 50).length;
    const lineEnd = text.slice(to, to + 30).indexOf("\n");
    const nameTo = lineEnd === -1 ? Math.min(text.length, to + 30) : to + lineEnd;
    const named =
      hasName(text.slice(nameFrom, from), nameFrom, text) ||
      hasName(text.slice(from, start), from, text) ||
      hasName(text.slice(start + date.length, nameTo), start + date.length, text);
    if (named) yield at("birthDate", text, start, date);
  }
}

// --------------------------------------------------------------------------------------------- phone

export const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}+\/=&?#@_.,-])(?:(?:\+|00)3[12][ .-]?(?:\(0\)[ .-]?)?|\(0\d{1,3}\) ?|(?=0))\d(?: ?[.\/-] ?| )?\d(?:(?: ?[.\/-] ?| )?\d){5,10}(?![\p{L}\p{N}]|[.,\/:-]\p{N})/gu;
/** Where a phone number can begin: +31, 0031, (0…) or 0. */
export const PHONE_START = /[+0(]/gu;
const PHONE_AT = sticky(PHONE_CANDIDATE);
const PHONE_SEPARATOR = /[ .\/-]+/;
const SERVICE_NUMBER = /^0(?:8|9)/;

function phoneDigits(written: string): string | null {
  const international = /^(?:\+|00)(3[12])/.exec(written);
  const rest = international ? written.slice(international[0].length).replace(/^[ .-]*(?:\(0\))?[ .-]*/, "") : written.replace(/^\((0\d{1,3})\)/, "$1 ");
  const groups = rest.trim().split(PHONE_SEPARATOR);
  // A date such as 06-03-2014 is not a phone number, however its digits add up.
  if (/^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}/.test(rest)) return null;
  if (groups.length > 5) return null;
  if (groups.slice(1).some((group) => group.length < 2)) return null;
  const digits = groups.join("");
  if (international?.[1] === "32") return /^[1-9]\d{7,8}$/.test(digits) ? `0${digits}` : null;
  const national = international ? `0${digits}` : digits;
  if (!/^0[1-9]\d{8}$/.test(national) || SERVICE_NUMBER.test(national)) return null;
  // An area code of two digits is only 06 (mobile): 01-03 is the start of a date, 0-306 of an ISBN.
  if (!international && groups.length > 1 && groups[0]!.length < 3 && groups[0] !== "06") return null;
  return national;
}

/** The longest start of a run of digits that is a phone number: "06-12345678 / 06-87654321" is two. */
function longestPhone(run: string): string | null {
  const ends = [...run.matchAll(/ ?[.\/-] ?| /g)].map((separator) => separator.index).reverse();
  for (const end of [run.length, ...ends]) {
    const written = run.slice(0, end);
    const digits = written.replace(/\D/g, "").length;
    if (digits >= 9 && digits <= 13 && phoneDigits(written)) return written;
  }
  return null;
}

function* phones(text: string): Generator<PupilDataMatch> {
  const start = new RegExp(PHONE_START);
  const candidate = new RegExp(PHONE_AT);
  let from = 0;
  for (let found = nextMatch(text, from, start, candidate); found; found = nextMatch(text, from, start, candidate)) {
    from = found.index + found[0].length;
    const written = longestPhone(found[0]);
    if (!written) continue;
    // What follows the number may be the next one.
    from = found.index + written.length;
    const label = before(text, found.index, 30);
    if (IBAN_START.test(label) || OTHER_NUMBER.test(label)) continue;
    yield at("phone", text, found.index, written);
  }
}
