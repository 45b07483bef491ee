/**
 * What the bench library holds, item by item, drawn from one seeded PRNG: the page, who clips it first,
 * and whether a second person saves it too. The drawing is the same whether it runs in the seeding
 * thread or in a worker beside it (seed-worker.ts), so every run builds the same library.
 */
import type { Visibility } from "../../shared/schemas";
import { generateItem, pickVisibility, randomThemes, Rng, secondNote, type GeneratedItem } from "./corpus";

export interface PlannedItem {
  item: GeneratedItem;
  /** Index of the person who clips it first. */
  saver: number;
  /** Another person's save of the same page, if any. */
  second: { person: number; note: string; themes: string[]; visibility: Visibility } | null;
}

export function planner(seed: number, people: number) {
  const rng = new Rng(seed);
  return (n: number): PlannedItem => {
    const item = generateItem(rng, n);
    const saver = rng.int(0, people - 1);
    const other = rng.chance(0.08) ? rng.int(0, people - 1) : null;
    const second = other !== null && other !== saver ? { person: other, note: secondNote(rng), themes: randomThemes(rng), visibility: pickVisibility(rng) } : null;
    return { item, saver, second };
  };
}
