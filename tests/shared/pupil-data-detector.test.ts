import { describe, expect, it } from "vitest";
import { findPupilData, passesElevenTest } from "../../shared/privacy/pupil-data";

// The pupil-data guard as a note, a quote or a page's text meets it: what it finds, where exactly (so the
// warning can highlight it), what it leaves alone, and that no text can make it hang.

const kinds = (text: string) => findPupilData(text).map(({ kind, match }) => `${kind}:${match}`);

describe("the 11-proef", () => {
  it("accepts a number whose weighted sum is a multiple of 11 and refuses its neighbours and zeros", () => {
    expect(passesElevenTest("123456782")).toBe(true);
    expect(passesElevenTest("123456781")).toBe(false);
    expect(passesElevenTest("123456789")).toBe(false);
    expect(passesElevenTest("000000000")).toBe(false);
    expect(passesElevenTest("12345678")).toBe(false);
  });
});

describe("finding pupil data", () => {
  it("gives each finding's kind, its offsets in the text and the text itself", () => {
    const text = "Kevin de Graaf, bsn 937997626, geboren 03-02-2013, tel. ouders 06-11223344, leerlingnummer 190234.";
    expect(findPupilData(text)).toEqual([
      { kind: "bsn", start: 20, end: 29, match: "937997626" },
      { kind: "birthDate", start: 39, end: 49, match: "03-02-2013" },
      { kind: "phone", start: 63, end: 74, match: "06-11223344" },
      { kind: "studentNumber", start: 91, end: 97, match: "190234" },
    ]);
    for (const found of findPupilData(text)) expect(text.slice(found.start, found.end)).toBe(found.match);
  });

  it("counts offsets as JavaScript does, after emoji and accented names", () => {
    const text = "👋 Zoë (geb. 4 mei 2015) — BSN 926851974";
    expect(findPupilData(text)).toEqual([
      { kind: "birthDate", start: 13, end: 23, match: "4 mei 2015" },
      { kind: "bsn", start: 31, end: 40, match: "926851974" },
    ]);
  });

  it("finds a BSN written plainly, in the official 4-2-3 grouping, and as an amount only after BSN", () => {
    expect(kinds("Het OPP van Bilal (377081954) ligt bij de IB'er.")).toEqual(["bsn:377081954"]);
    expect(kinds("Dossier Ahmed – 5038.13.540")).toEqual(["bsn:5038.13.540"]);
    expect(kinds("BSN: 439.281.040")).toEqual(["bsn:439.281.040"]);
    expect(kinds("Landelijk werden 439.281.040 lesuren gegeven.")).toEqual([]);
    expect(kinds("Het onderzoek had 689638642 datapunten.")).toEqual([]);
  });

  it("leaves a number alone that its label names as something else, even when it passes the 11-proef", () => {
    for (const label of ["Artikelnummer", "Bestelnummer", "Klantnummer", "ISBN", "Rekeningnummer", "KvK", "€"]) {
      expect(kinds(`${label} 926851974`), label).toEqual([]);
    }
    expect(kinds("https://www.example.nl/artikel/926851974")).toEqual([]);
  });

  it("reads a student number after its keyword, not a year after a plural", () => {
    expect(kinds("llnr. 1234567 aanpassen")).toEqual(["studentNumber:1234567"]);
    expect(kinds("studentnummer s2093847")).toEqual(["studentNumber:s2093847"]);
    expect(kinds("Het leerlingnummer van Tim is 7730215.")).toEqual(["studentNumber:7730215"]);
    // Takes precedence over the 11-proef: after "leerlingnummer" it is that, whatever else it could be.
    expect(kinds("leerlingnummer 926851974")).toEqual(["studentNumber:926851974"]);
    expect(kinds("Leerlingnummers worden sinds 2015 uitgedeeld.")).toEqual([]);
    expect(kinds("Studentnummer en wachtwoord staan in de mail. Bel 0800-1234.")).toEqual([]);
  });

  it("calls a date a birth date only beside geboren (or DOB, °) and a name, and not for people born long ago", () => {
    expect(kinds("Sanne (geb. 12-03-2014) is nieuw.")).toEqual(["birthDate:12-03-2014"]);
    expect(kinds("Op 12-03-2014 is Daan geboren.")).toEqual(["birthDate:12-03-2014"]);
    expect(kinds("Lotte (°12/03/2014)")).toEqual(["birthDate:12/03/2014"]);
    expect(kinds("Geboortedatum: 12-03-2014")).toEqual([]);
    expect(kinds("Kinderen geboren na 1 oktober 2014 gaan naar groep 1.")).toEqual([]);
    expect(kinds("Daan heeft op 12-03-2014 zijn zwemdiploma gehaald.")).toEqual([]);
    expect(kinds("Anne Frank werd geboren op 12 juni 1929.")).toEqual([]);
  });

  it("finds Dutch and Belgian phone numbers however they are grouped, and not service numbers, dates or an IBAN", () => {
    expect(kinds("06-12345678 / 06 1234 5678 / +31 (0)6 1234 5678 / 010-4567890 / (030) 2345678 / +32 475 98 76 54")).toEqual([
      "phone:06-12345678",
      "phone:06 1234 5678",
      "phone:+31 (0)6 1234 5678",
      "phone:010-4567890",
      "phone:(030) 2345678",
      "phone:+32 475 98 76 54",
    ]);
    expect(kinds("0800-1234567, 0900-1234567, 06-1234567, 010-12345, 06-03-2024 09:00, NL91 ABNA 0417 1643 00, ISBN 0-306-40615-2")).toEqual([]);
  });

  it("says nothing about ordinary text", () => {
    expect(findPupilData("")).toEqual([]);
    expect(kinds("Groep 8 heeft 28 leerlingen; de methode kost € 23,95; zie pagina 123; postcode 3011 AB.")).toEqual([]);
  });
});

describe("a page of hostile text", () => {
  const SIZE = 100_000;
  const fill = (unit: string, size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  /** The best of three runs, in ms: the machine is shared, and a slow run says more about it than about the guard. */
  const timed = (text: string) =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const started = performance.now();
        findPupilData(text);
        return performance.now() - started;
      }),
    );

  it("is read in a moment, whatever repeats in it (no runaway backtracking)", () => {
    const hostile = {
      digits: fill("1"),
      spacedZeros: fill("0 "),
      dashedSpaces: fill("0 - "),
      phonePrefixes: fill("+31 (0)"),
      keywords: fill("geboren leerlingnummer BSN "),
      degrees: fill("°"),
      dateFragments: fill("geb. 1-1-"),
      capitals: fill("Aa "),
      findings: fill("Sanne (geb. 12-03-2014) BSN 123456782 06-12345678 leerlingnummer 123456 "),
    };
    for (const [name, text] of Object.entries(hostile)) {
      // Backtracking gone wrong takes minutes to hours on 100 KB; bounded patterns take milliseconds.
      expect(timed(text), name).toBeLessThan(2_000);
    }
  });

  it("still finds what stands at the end of a long page", () => {
    const text = `${fill("Een gewone zin over lesgeven. ")}Bel de moeder van Noor op 06-12345678.`;
    expect(findPupilData(text)).toEqual([{ kind: "phone", start: SIZE + 26, end: SIZE + 37, match: "06-12345678" }]);
  });
});
