/**
 * The facets section of `npm run bench`: the side panel asks for facet counts with every debounced
 * search, so GET /api/v1/items/facets is measured beside the GET /api/v1/items it accompanies (same
 * query, same person), interleaved request by request in rounds against the same server. Per round the
 * p95 of each side; printed as min / median / max over the rounds.
 *
 * Goal (issue 18): facets p95 ≤ the p95 of the search they accompany.
 */
import { LocalClient } from "./http-client";

export interface FacetsVsSearchOptions {
  url: string;
  token: string;
  log: (line?: string) => void;
  errors: string[];
  /** The searches the panel makes; "" is the library without a query (newest first). */
  queries: string[];
  rounds: number;
  /** Requests per side per query in a round. */
  perRound: number;
}

export interface FacetsVsSearchRow {
  q: string;
  /** Per round: the p95 of the searches and of the facets, in ms. */
  search: number[];
  facets: number[];
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const quantile = (v: number[], q: number) => sorted(v)[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))] ?? NaN;
const median = (v: number[]) => quantile(v, 0.5);
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const spread = (v: number[]) => `${fmt(sorted(v)[0]!)} / ${fmt(median(v))} / ${fmt(sorted(v)[v.length - 1]!)}`;

export async function benchFacetsVsSearch(options: FacetsVsSearchOptions): Promise<FacetsVsSearchRow[]> {
  const { log, errors } = options;
  const client = new LocalClient(options.url, 1);
  const rows: FacetsVsSearchRow[] = options.queries.map((q) => ({ q, search: [], facets: [] }));
  const once = async (path: string) => {
    const res = await client.request("GET", path, { token: options.token });
    if (res.status !== 200) {
      errors.push(`GET ${path} → ${res.status} ${res.text.slice(0, 200)}`);
      throw new Error(`GET ${path} answered ${res.status}`);
    }
    return res.ms;
  };
  const paths = (q: string) => {
    const query = q ? `q=${encodeURIComponent(q)}&` : "";
    return { search: `/api/v1/items?${query}limit=20`, facets: `/api/v1/items/facets${q ? `?q=${encodeURIComponent(q)}` : ""}` };
  };
  try {
    for (const row of rows) {
      const p = paths(row.q);
      await once(p.search);
      await once(p.facets);
    }
    log(`  one keep-alive client; ${options.rounds} rounds of ${options.perRound} requests per side per query, search and facets alternating`);
    for (let r = 0; r < options.rounds; r++) {
      for (const row of rows) {
        const p = paths(row.q);
        const search: number[] = [];
        const facets: number[] = [];
        for (let i = 0; i < options.perRound; i++) {
          // Alternate which side goes first, so drift on a busy machine hits both alike.
          if (i % 2 === 0) {
            search.push(await once(p.search));
            facets.push(await once(p.facets));
          } else {
            facets.push(await once(p.facets));
            search.push(await once(p.search));
          }
        }
        row.search.push(quantile(search, 0.95));
        row.facets.push(quantile(facets, 0.95));
      }
    }
  } finally {
    client.close();
  }
  log();
  log(`  ${"query".padEnd(22)} │ ${"search p95 min / med / max".padStart(27)} │ ${"facets p95 min / med / max".padStart(27)} │ ${"facets ÷ search".padStart(15)}`);
  for (const row of rows) {
    const ratio = median(row.facets) / median(row.search);
    log(
      `  ${(row.q || "(no query)").padEnd(22)} │ ${spread(row.search).padStart(27)} │ ${spread(row.facets).padStart(27)} │ ${ratio.toFixed(2).padStart(15)}${ratio <= 1 ? "" : " ✗"}`,
    );
  }
  log("  ms, p95 per round; ratio = median facets p95 ÷ median search p95; ✗ = facets slower than their search (goal ≤ 1)");
  return rows;
}

/** One summary line: how many searches' facets met the goal, and the worst ratio. */
export function facetsVsSearchSummary(rows: FacetsVsSearchRow[]): string {
  const ratios = rows.map((r) => ({ q: r.q || "(no query)", ratio: median(r.facets) / median(r.search) }));
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const met = ratios.filter((r) => r.ratio <= 1).length;
  return `facets p95 ≤ search p95 for ${met}/${rows.length} queries (goal: all); worst ${worst.q} at ${worst.ratio.toFixed(2)}×: ${met === rows.length ? "met" : "MISSED"}`;
}
