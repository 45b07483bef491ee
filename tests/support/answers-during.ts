import { expect } from "vitest";

/**
 * How many times the server at `url` answered /healthz (each a 200) while `work` was on its way: a
 * server whose one thread is busy with the work answers none.
 */
export async function healthAnswersDuring<T>(url: string, work: Promise<T>): Promise<{ answered: number; result: T }> {
  let done = false;
  const finished = work.finally(() => (done = true));
  let answered = 0;
  while (!done) {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    if (!done) answered++;
  }
  return { answered, result: await finished };
}
