import { useEffect, useState } from "preact/hooks";
import type { ReachResponse } from "../../../shared/schemas";
import type { MessageKey } from "../../../shared/i18n";
import { isAbort } from "../../lib/api-error";
import { formatDate, offerStatusKey } from "../../lib/format";
import { describeError, useSession, type Translate } from "../context";
import { ErrorState } from "../../components/StateMessage";

/** Reach of a bundle: totals, opens and acceptances per day, and each school's status. Counted per school, never per person. */
export function Reach({ bundleId, refresh }: { bundleId: string; refresh: number }) {
  const { t, api, language } = useSession();
  const [state, setState] = useState<{ status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; reach: ReachResponse }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    api.reach(bundleId, ctl.signal).then(
      (reach) => setState({ status: "ready", reach }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, bundleId, refresh, attempt]);

  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  // A curator stops a school's share link (say it leaked beyond the school); the school's coordinator can make a new one.
  const revokeKey = async (offerId: string) => {
    setRevoking(offerId);
    setRevokeError(null);
    try {
      const key = await api.revokeOfferKey(offerId);
      setState((s) =>
        s.status === "ready"
          ? { ...s, reach: { ...s.reach, schools: s.reach.schools.map((x) => (x.offerId === offerId ? { ...x, key: { status: key.status, expiresAt: key.expiresAt } } : x)) } }
          : s,
      );
    } catch (error) {
      setRevokeError(describeError(error, t));
    } finally {
      setRevoking(null);
    }
  };

  if (state.status === "loading") return <p class="hint">{t("common.loading")}</p>;
  if (state.status === "error") return <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="reach-error" />;
  const { reach } = state;
  const totals: [MessageKey, number][] = [
    ["reach.offered", reach.totals.offered],
    ["reach.opened", reach.totals.opened],
    ["reach.accepted", reach.totals.accepted],
    ["reach.declined", reach.totals.declined],
    ["reach.reshared", reach.totals.reshared],
  ];
  return (
    <div class="reach" data-testid="reach">
      <dl class="totals">
        {totals.map(([key, value]) => (
          <div key={key} data-total={key.slice(6)}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ReachChart series={reach.series} t={t} language={language} />
      <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
        {t("reach.refresh")}
      </button>
      {revokeError && (
        <p class="notice error" role="alert">
          {revokeError}
        </p>
      )}
      {reach.schools.length === 0 ? (
        <p class="hint">{t("reach.none")}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="reach-table-caption" tabIndex={0}>
          <table data-testid="reach-table">
            <caption id="reach-table-caption">{t("reach.perSchool")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reach.school")}</th>
                <th scope="col">{t("reach.status")}</th>
                <th scope="col">{t("reach.timeline")}</th>
              </tr>
            </thead>
            <tbody>
              {reach.schools.map((school) => (
                <tr key={school.schoolId}>
                  <th scope="row">
                    {school.name}
                    <span class="hint block">{[school.sector.toUpperCase(), school.region].filter(Boolean).join(" · ")}</span>
                  </th>
                  <td>
                    <span class={`badge ${school.status === "declined" ? "error" : school.status === "accepted" ? "" : "muted"}`}>{t(offerStatusKey(school.status))}</span>
                    {school.status !== "declined" &&
                      (school.key.status === "active" ? (
                        <button
                          type="button"
                          class="small-button block"
                          disabled={revoking !== null}
                          aria-label={t("reach.revokeKeyNamed", { school: school.name })}
                          onClick={() => void revokeKey(school.offerId)}
                        >
                          {t("reach.revokeKey")}
                        </button>
                      ) : (
                        <span class="hint block" data-testid="reach-key">
                          {t(school.key.status === "revoked" ? "reach.keyRevoked" : "reach.keyExpired")}
                        </span>
                      ))}
                  </td>
                  <td>
                    <dl class="times">
                      <dt>{t("reach.offeredAt")}</dt>
                      <dd>{formatDate(language, school.offeredAt)}</dd>
                      <dt>{t("reach.openedAt")}</dt>
                      <dd>{formatDate(language, school.openedAt) || "—"}</dd>
                      <dt>{t("reach.respondedAt")}</dt>
                      <dd>{formatDate(language, school.respondedAt) || "—"}</dd>
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const W = 320;
const H = 150;
const PAD = { left: 26, right: 8, top: 10, bottom: 24 };

/** Opens and acceptances per day as grouped bars: hand-written SVG, described in words for screen readers. */
function ReachChart({ series, t, language }: { series: ReachResponse["series"]; t: Translate; language: string }) {
  if (series.length === 0) return <p class="hint">{t("reach.noSeries")}</p>;
  const max = Math.max(1, ...series.map((d) => Math.max(d.opened, d.accepted)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const band = plotW / series.length;
  const bar = Math.max(1, Math.min(14, band * 0.38));
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const day = (iso: string) => formatDate(language, `${iso}T12:00:00Z`).replace(/ \d{4}$/, "");
  const labelled = series.length <= 2 ? series.map((_, i) => i) : [0, Math.floor((series.length - 1) / 2), series.length - 1];
  const opened = series.reduce((n, d) => n + d.opened, 0);
  const accepted = series.reduce((n, d) => n + d.accepted, 0);
  const summary = t("reach.chartSummary", { from: day(series[0]!.date), to: day(series.at(-1)!.date), opened, accepted });
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="reach-chart-title reach-chart-desc" data-testid="reach-chart">
        <title id="reach-chart-title">{t("reach.chartTitle")}</title>
        <desc id="reach-chart-desc">{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 5} y={y(tick) + 3.5} text-anchor="end" class="axis">
              {tick}
            </text>
          </g>
        ))}
        {series.map((d, i) => {
          const x = PAD.left + i * band + band / 2;
          return (
            <g key={d.date}>
              {d.opened > 0 && <rect class="bar-opened" x={x - bar} y={y(d.opened)} width={bar} height={PAD.top + plotH - y(d.opened)} />}
              {d.accepted > 0 && <rect class="bar-accepted" x={x} y={y(d.accepted)} width={bar} height={PAD.top + plotH - y(d.accepted)} />}
            </g>
          );
        })}
        {labelled.map((i) => (
          <text key={i} x={PAD.left + i * band + band / 2} y={H - 7} text-anchor={series.length > 2 && i === 0 ? "start" : series.length > 2 && i === series.length - 1 ? "end" : "middle"} class="axis">
            {day(series[i]!.date)}
          </text>
        ))}
      </svg>
      <figcaption class="legend">
        <span>
          <span class="swatch opened" aria-hidden="true" /> {t("reach.opened")}
        </span>
        <span>
          <span class="swatch accepted" aria-hidden="true" /> {t("reach.accepted")}
        </span>
      </figcaption>
    </figure>
  );
}
