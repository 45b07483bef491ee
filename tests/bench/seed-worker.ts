/**
 * Draws the bench library's items (seed-plan.ts) in a thread of its own, a batch at a time when the
 * seeding thread asks, so writing one batch overlaps drawing the next and at most a few batches are
 * held in memory.
 */
import { parentPort, workerData } from "node:worker_threads";
import { planner } from "./seed-plan";

const { seed, people, count, batch } = workerData as { seed: number; people: number; count: number; batch: number };
const plan = planner(seed, people);
let next = 0;
parentPort!.on("message", () => {
  const end = Math.min(count, next + batch);
  const items = [];
  for (let n = next; n < end; n++) items.push(plan(n));
  next = end;
  parentPort!.postMessage(items);
});
