import type { ItemKind } from "../../shared/vocabulary";

/** One small line drawing per kind of item (24×24, stroked in the text colour). */
const PATHS: Record<ItemKind, string> = {
  artikel: "M6 3h9l4 4v14H6z M15 3v4h4 M9 11h7 M9 14h7 M9 17h5",
  kennisclip: "M3 5h18v14H3z M10 9v6l5-3z",
  protocol: "M8 4h8v3H8z M6 5.5H5v15.5h14V5.5h-1 M8 11h8 M8 14h8 M8 17h5",
  praktijkvoorbeeld: "M3 10l9-6 9 6 M5 9.5V20h14V9.5 M10 20v-5h4v5",
  lesmateriaal: "M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1z M12 6v14",
  onderzoek: "M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 1 0 0-13z M15.5 15.5L21 21",
  podcast: "M9 4h6v10H9z M6 11a6 6 0 0 0 12 0 M12 17v4 M9 21h6",
  infographic: "M4 20h16 M6 20v-6h3v6 M11 20V8h3v12 M16 20v-9h3v9",
  document: "M16 7l-7.5 7.5a2 2 0 0 0 3 3L19 10a4 4 0 0 0-6-6l-7.5 7.5a6 6 0 0 0 9 9L20 15",
  overig: "M5 12h.01 M12 12h.01 M19 12h.01",
};

export function KindIcon({ kind, size = 18 }: { kind: ItemKind; size?: number }) {
  return (
    <svg
      class="kind-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width={kind === "overig" ? 3 : 1.7}
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
