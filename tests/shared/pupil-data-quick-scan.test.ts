import { describe, expect, it } from "vitest";
import {
  BIRTH_DATE,
  BIRTH_KEYWORD_START,
  matchesFrom,
  nextMatch,
  PHONE_CANDIDATE,
  PHONE_START,
  STUDENT_NUMBER,
  STUDENT_NUMBER_START,
  sticky,
} from "../../shared/privacy/pupil-data";

// The guard tries its patterns only where a keyword or a number's first character stands (matchesFrom,
// nextMatch). These texts are built to sit on every edge of those starts: keywords in odd case and with
// the characters Unicode case folding maps onto ASCII letters (ſ → s, K → k), keywords cut short or
// run into words, digits in groups and separators, emoji (surrogate pairs) right before a start, line
// breaks. Wherever a whole scan finds something, the quick one must find the same, at the same place,
// with the same groups.

const PIECES = [
  "leerlingnummer", "Leerlingnr.", "LEERLINGEN-ID", "ll.nr", "ll nr.", "llnr", "studentnummer", "stud.nr.", "Studentennummer",
  "ſtudent number", "stamboeK nr", "stamboek", "student ID", "leerling", "stud", "geb.", "geboren", "Geboortedatum", "geb datum",
  "d.o.b.", "DOB", "date of birth", "born", "°", "geb", "gebruik", "op", "is", "Daan", "Zoë", "12 maart 2014", "March 12, 2014",
  "12-03-2014", "2014-03-12", "3/4/2015", "1984", "+31 6 12345678", "0031 (0)6-12345678", "(020) 123 45 67", "06-11223344",
  "0612345678", "+32 2 123 45 67", "0800-1234567", "(0", "+", "0", "00", "123456782", "1234.56.782", "377081954", "190234",
  "s1234567", "NL91 ABNA ", "ISBN ", "€ ", "👋", "😀0", "\n", " ", ", ", ".", "-", "/", ": ", "a", "x", "é",
];

/** A small seeded generator, so a failure names the text that caused it. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function texts(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const length = 1 + Math.floor(next() * 24);
    for (let i = 0; i < length; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
    return parts.join(next() < 0.5 ? "" : " ");
  });
}

const shape = (found: RegExpExecArray | RegExpMatchArray) => ({ index: found.index, groups: [...found] });

const PATTERNS = [
  { name: "a student number", start: STUDENT_NUMBER_START, pattern: STUDENT_NUMBER },
  { name: "a birth date after its keyword", start: BIRTH_KEYWORD_START, pattern: BIRTH_DATE[0]! },
  { name: "a phone number", start: PHONE_START, pattern: PHONE_CANDIDATE },
];

describe("the pupil-data guard's quick scan", () => {
  for (const { name, start, pattern } of PATTERNS) {
    it(`finds every match of ${name} that a scan of every position finds`, () => {
      let matched = 0;
      for (const text of texts(3000, 18)) {
        const whole = [...text.matchAll(pattern)].map(shape);
        expect([...matchesFrom(text, start, sticky(pattern))].map(shape), text).toEqual(whole);
        matched += whole.length;
      }
      // The texts must reach the patterns, or the comparison proves nothing.
      expect(matched).toBeGreaterThanOrEqual(100);
    });

    it(`finds the next match of ${name} from any place, as a scan from there does`, () => {
      const next = random(7);
      for (const text of texts(1000, 19)) {
        const from = Math.floor(next() * (text.length + 1));
        const whole = new RegExp(pattern.source, pattern.flags);
        whole.lastIndex = from;
        const expected = whole.exec(text);
        const found = nextMatch(text, from, new RegExp(start), sticky(pattern));
        expect(found && shape(found), `${from} in ${text}`).toEqual(expected && shape(expected));
      }
    });
  }
});
