import type { RiskAssessment } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { Card, Empty, RiskBadge } from '../../ui/widgets.js';

/** The risk score and each factor's contribution, as a bar of its possible maximum. */
export function RiskPanel(props: { risk: RiskAssessment | undefined }) {
  const { risk } = props;
  return (
    <Card title="Risk" actions={risk && <RiskBadge level={risk.level} score={risk.score} />}>
      {!risk ? (
        <Empty>Not assessed.</Empty>
      ) : (
        <>
          <div className="risk-scale">
            Score <strong>{risk.score}</strong>: medium from {risk.thresholds.medium}, high from {risk.thresholds.high},
            very high from {risk.thresholds.veryHigh}.
          </div>
          <ul className="factors">
            {risk.factors.map((f) => (
              <li key={f.factor} className={f.score > 0 ? 'factor' : 'factor factor-zero'}>
                <div className="factor-head">
                  <span>{humanize(f.factor)}</span>
                  <span className="mono">
                    {f.score}/{f.max}
                  </span>
                </div>
                <div className="bar">
                  <div
                    className="bar-fill"
                    style={{ width: `${f.max > 0 ? Math.round((100 * f.score) / f.max) : 0}%` }}
                  />
                </div>
                <div className="factor-reason">{f.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
