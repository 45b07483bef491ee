import { describe, expect, it } from "vitest";
import { findPupilData } from "../../shared/privacy/pupil-data";
import { cases, negatives, positives } from "../fixtures/pupil-data/cases";

// How often the guard is right on the labelled notes and quotes: a finding counts when its kind and text
// are both what the label says. Too many false alarms and teachers learn to ignore the warning; too few
// findings and it protects no one.

describe("the pupil-data guard on labelled teacher text", () => {
  it("has precision of at least 0.95 and recall of at least 0.9", () => {
    expect(positives.length).toBeGreaterThanOrEqual(60);
    expect(negatives.length).toBeGreaterThanOrEqual(60);
    let right = 0;
    const falseAlarms: string[] = [];
    const missed: string[] = [];
    for (const { text, expected } of cases) {
      const found = findPupilData(text).map(({ kind, match }) => `${kind}:${match}`);
      const wanted = expected.map(({ kind, match }) => `${kind}:${match}`);
      for (const finding of found) (wanted.includes(finding) ? () => right++ : () => falseAlarms.push(`${finding} in "${text}"`))();
      for (const want of wanted) if (!found.includes(want)) missed.push(`${want} in "${text}"`);
    }
    const precision = right / (right + falseAlarms.length);
    const recall = right / (right + missed.length);
    console.log(
      `pupil-data guard: ${positives.length} texts with pupil data, ${negatives.length} without; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${right} found, ${falseAlarms.length} false alarms, ${missed.length} missed)`,
    );
    for (const line of [...falseAlarms.map((f) => `false alarm: ${f}`), ...missed.map((m) => `missed: ${m}`)]) console.log(line);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it("stays silent on every text without pupil data", () => {
    expect(negatives.filter(({ text }) => findPupilData(text).length > 0).map(({ text }) => text)).toEqual([]);
  });
});
