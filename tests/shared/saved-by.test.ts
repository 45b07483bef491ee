import { describe, expect, it } from "vitest";
import { savedByKey, translate, type Language } from "../../shared/i18n";

const savedBy = (language: Language, saveCount: number, savedByMe: boolean) => {
  const { key, params } = savedByKey(saveCount, savedByMe);
  return translate(language, key, params);
};

describe("who saved an item, in words", () => {
  it("never counts the person among their colleagues", () => {
    expect(savedBy("nl", 1, true)).toBe("alleen jij");
    expect(savedBy("nl", 2, true)).toBe("jij en 1 collega");
    expect(savedBy("nl", 3, true)).toBe("jij en 2 collega's");
    expect(savedBy("nl", 1, false)).toBe("1 collega");
    expect(savedBy("nl", 2, false)).toBe("2 collega's");
  });

  it("says the same in English", () => {
    expect(savedBy("en", 1, true)).toBe("only you");
    expect(savedBy("en", 2, true)).toBe("you and 1 colleague");
    expect(savedBy("en", 3, true)).toBe("you and 2 colleagues");
    expect(savedBy("en", 1, false)).toBe("1 colleague");
    expect(savedBy("en", 2, false)).toBe("2 colleagues");
  });
});
