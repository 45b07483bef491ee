import type { ItemFacetsResponse } from "../../shared/schemas";

/** A facets answer as value → count per facet: what tests compare when the order of equal counts is not the point. */
export const facetCounts = (facets: ItemFacetsResponse) => ({
  total: facets.total,
  themes: Object.fromEntries(facets.themes.map((f) => [f.slug, f.count])),
  kinds: Object.fromEntries(facets.kinds.map((f) => [f.kind, f.count])),
  sectors: Object.fromEntries(facets.sectors.map((f) => [f.sector, f.count])),
  visibilities: Object.fromEntries(facets.visibilities.map((f) => [f.visibility, f.count])),
});
