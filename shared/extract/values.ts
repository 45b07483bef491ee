/**
 * Small helpers every part of the extractor uses: addresses resolved against the page, text cleaned and
 * capped, dates and durations read the many ways pages write them.
 */
const MAX_URL_LENGTH = 4096;

/** Absolute http(s) URL or null: javascript:, data:, blob: and friends never leave the page. */
export function httpUrl(raw: string | null | undefined, base: string): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.length <= MAX_URL_LENGTH ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Control characters (a title is one line of text, not a terminal) and bidi overrides (which make a
 * title display as something else) go; emoji, including joiners and variation selectors, stay.
 */
export function stripControls(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * HTML's character references, from a fixed set so no entity can expand into more text than it takes:
 * JSON-LD and meta content written by templates that escape HTML twice ("O&#039;Donnell",
 * "&#8216;quoted&#8217;"), and the attributes and titles of an imported bookmark file. A reference to no
 * character (0, a lone surrogate, beyond U+10FFFF) stays as written.
 */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (entity, body: string) => {
    if (body[0] !== "#") return ENTITIES[body.toLowerCase()] ?? entity;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
  });
}

export function singleLine(value: string): string {
  return stripControls(value).replace(/\s+/g, " ").trim();
}

export function firstText(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const text = value ? singleLine(value) : "";
    if (text) return text;
  }
  return null;
}

/** Hard cut at `max` UTF-16 units without leaving half of a surrogate pair behind. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return value.slice(0, end).trimEnd();
}

/** Shorten readable text to `max`, at a word boundary when one is near, marking the cut with "…". */
export function clip(value: string | null, max: number): string | null {
  if (!value) return null;
  if (value.length <= max) return value;
  let head = cut(value, max - 1);
  const space = head.lastIndexOf(" ");
  if (space > max * 0.8) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, february: 2, mrt: 3, mar: 3, maart: 3, march: 3,
  apr: 4, april: 4, mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, augustus: 8,
  august: 8, sep: 9, sept: 9, september: 9, okt: 10, oct: 10, oktober: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

const WEEKDAY = /^(?:[a-z]+(?:day|dag|tag)|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|ma|di|wo|do|vr|za|zo|mo|mi|fr|sa|so)\.?,?\s+/i;
// What follows a date in a byline: ", 6:47 p.m.", " at 3:45 pm", " om 09.30 uur", " 07.11 Uhr CET".
const TIME_TAIL = String.raw`(?:,?\s*(?:at|om|um|-|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|uhr|uur|h)?(?:\s+[a-z]{2,5})?)?`;

export interface DateReading {
  /** Numeric 4/6/2016 is April 6th: true for pages in American English, where month comes first. */
  monthFirst?: boolean;
}

/**
 * A publication date as the API takes it: an ISO datetime with offset, or an ISO date. A time without a
 * zone keeps only its date (the zone is unknown); a bare year or year-month is dropped rather than
 * padded to a day nobody published on. Numeric day-month-year is read day first, as Dutch pages write it,
 * unless the page says it is American.
 */
export function normaliseDate(raw: string, reading: DateReading = {}): string | null {
  const value = raw.trim();
  if (value.length > 200) return null;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const date = isoDate(Number(year), Number(month), Number(day));
    if (!date || hour === undefined) return date;
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return date;
    if (!zone) return date;
    const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    return `${date}T${hour}:${minute}:${second ?? "00"}${fraction ?? ""}${offset}`;
  }
  match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  // RFC 2822 and similar, but only with an explicit zone: Date.parse would otherwise guess one.
  if (/\b(GMT|UTC|Z)\b|[+-]\d{4}\b/.test(value) && /[a-z]/i.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  // Without a zone only the day is certain: read it from the many ways bylines write it.
  const text = value.replace(WEEKDAY, "").replace(/\s+/g, " ");
  match = new RegExp(`^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})${TIME_TAIL}$`, "i").exec(text);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return reading.monthFirst ? (isoDate(year, first, second) ?? isoDate(year, second, first)) : (isoDate(year, second, first) ?? isoDate(year, first, second));
  }
  match = new RegExp(`^(\\d{1,2})\\.?\\s+([a-z]+)\\.?,?\\s+(\\d{4})${TIME_TAIL}$`, "i").exec(text);
  if (match) return isoDate(Number(match[3]), MONTHS[match[2]!.toLowerCase()] ?? 0, Number(match[1]));
  match = new RegExp(`^([a-z]+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME_TAIL}$`, "i").exec(text);
  if (match) return isoDate(Number(match[3]), MONTHS[match[1]!.toLowerCase()] ?? 0, Number(match[2]));
  // C's ctime, as some servers print it: "Tue May 24 05:55:00 2016", Java's with a zone name ("… EDT 2015").
  match = /^([a-z]+)\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[a-z]{3,4})?\s+(\d{4})$/i.exec(text);
  if (match) return isoDate(Number(match[3]), MONTHS[match[1]!.toLowerCase()] ?? 0, Number(match[2]));
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Seconds in an ISO 8601 duration such as `PT1H2M3S`, `P1DT2H` or `PT90.5S` (rounded). Years and
 * months have no fixed length, so durations using them are not understood and give null.
 */
export function parseIsoDuration(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(
    value.trim(),
  );
  if (!match || match.slice(1).every((part) => part === undefined)) return null;
  if (/T$/i.test(value.trim())) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part.replace(",", ".")) : 0));
  return Math.round((weeks ?? 0) * 604_800 + (days ?? 0) * 86_400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0));
}
