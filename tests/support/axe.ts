/**
 * axe-core's violations on a page or frame as it is now, one line per rule with the elements it found
 * ([] when none). axe is evaluated through the DevTools protocol, which a page's Content-Security-Policy
 * does not govern, so the page is judged under its own CSP and no context needs bypassCSP for axe.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type AxeRun = { axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } };

export async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(AXE);
  const violations = await target.evaluate(async () => (await (window as unknown as AxeRun).axe.run(document)).violations);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`);
}
