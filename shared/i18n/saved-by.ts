/**
 * Who saved an item, as the popup's "Al bewaard: …" line and the library cards say it: "jij en 2
 * collega's", "2 collega's", "alleen jij". `saveCount` counts the saves the person may see, their own
 * included; `savedByMe` says whether one of them is theirs. Translate the answer with `translate`.
 */
export type SavedByKey = "savedBy.onlyMe" | "savedBy.meAndOne" | "savedBy.meAndMany" | "savedBy.one" | "savedBy.many";

export function savedByKey(saveCount: number, savedByMe: boolean): { key: SavedByKey; params: { count: number } } {
  const colleagues = Math.max(0, savedByMe ? saveCount - 1 : saveCount);
  const key: SavedByKey = savedByMe
    ? colleagues === 0
      ? "savedBy.onlyMe"
      : colleagues === 1
        ? "savedBy.meAndOne"
        : "savedBy.meAndMany"
    : colleagues === 1
      ? "savedBy.one"
      : "savedBy.many";
  return { key, params: { count: colleagues } };
}
