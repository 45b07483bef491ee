import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import type { MessageKey } from "../../shared/i18n";
import { findPupilData, type PupilDataMatch } from "../../shared/privacy/pupil-data";
import type { Translate } from "./ui-context";

/** "BSN, telefoonnummer": each kind found, once, in the order the text has them. */
export const pupilDataKinds = (found: PupilDataMatch[], t: Translate) =>
  [...new Set(found.map((f) => t(`pupilData.kind.${f.kind}` as const satisfies MessageKey)))].join(", ");

/** Characters shown either side of a finding: enough to recognise the sentence without repeating the field. */
const CONTEXT = 32;

/** The text around each finding, the finding marked, cut at word boundaries, the rest left out with an ellipsis. */
function preview(text: string, found: PupilDataMatch[]): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let shownTo = 0;
  found.forEach((finding, index) => {
    let from = Math.max(shownTo, finding.start - CONTEXT);
    if (from > shownTo) {
      const space = text.slice(from, finding.start).search(/\s/);
      if (from > 0 && !/\s/.test(text[from - 1]!) && space !== -1) from += space + 1;
      parts.push(index === 0 ? "… " : " … ");
    }
    parts.push(text.slice(from, finding.start), <mark key={finding.start}>{finding.match}</mark>);
    const next = found[index + 1];
    let to = Math.min(text.length, finding.end + CONTEXT);
    if (next && next.start - CONTEXT <= to) to = next.start;
    else if (to < text.length && !/\s/.test(text[to]!)) to = Math.max(finding.end, text.lastIndexOf(" ", to));
    parts.push(text.slice(finding.end, to));
    shownTo = to;
  });
  if (shownTo < text.length) parts.push(" …");
  return parts;
}

/**
 * Under a note or quote: what in it looks like pupil data, marked where it stands. A warning only; saving
 * stays possible. The live region is always there, empty when there is nothing, so a screen reader
 * announces the warning the moment it appears while the person types; the field points at it with
 * aria-describedby.
 */
export function PupilDataWarning({ id, text, t }: { id: string; text: string; t: Translate }) {
  const found = useMemo(() => findPupilData(text), [text]);
  return (
    <div id={id} class="pupil-data" role="status" data-testid="pupil-data-warning">
      {found.length > 0 && (
        <div class="notice warn">
          {t("pupilData.warning", { kinds: pupilDataKinds(found, t) })}
          <span class="pupil-data-preview">{preview(text, found)}</span>
        </div>
      )}
    </div>
  );
}
