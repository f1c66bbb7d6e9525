import { useEffect, useState } from 'react';
import { client } from '../../client.js';
import type { PlanResult } from '../../../../src/contracts/ci.contracts.js';
import { formatValue } from '../../ui/format.js';
import { Card, ErrorBox } from '../../ui/widgets.js';

type Plan = { cis: Record<string, unknown>[]; relations: [] };

/** The attributes a plan line changes, old → new; every attribute of a CI the plan adds. */
function changedAttributes(c: PlanResult['cis'][number]): { key: string; from: unknown; to: unknown }[] {
  const before = (c.before?.attributes ?? {}) as Record<string, unknown>;
  const after = (c.after?.attributes ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => c.action === 'add' || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ key: k, from: before[k], to: after[k] }));
}

/**
 * The plan as the server reads it, checked as it is typed (half a second after the last key):
 * each CI before → after, and what the change would impact. Writes nothing.
 */
export function PlanPreview(props: { plan: Plan }) {
  const text = JSON.stringify(props.plan);
  const [result, setResult] = useState<PlanResult>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const plan = JSON.parse(text) as Plan;
    if (plan.cis.length === 0) {
      setResult(undefined);
      setError(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      client.cmdb.plan(plan as Parameters<typeof client.cmdb.plan>[0]).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(undefined);
        },
        (e: unknown) => {
          if (!live) return;
          setResult(undefined);
          setError(e as Error);
        },
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <Card title="Before → after">
      <ErrorBox error={error} />
      {!result && !error && <p className="muted small">Add a line to the plan to see what it changes.</p>}
      {result && (
        <>
          <table className="table compact before-after" aria-label="Plan before and after">
            <thead>
              <tr>
                <th>CI</th>
                <th>Attribute</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {result.cis.flatMap((c) =>
                changedAttributes(c).map((a) => (
                  <tr key={`${c.ref}.${a.key}`}>
                    <td className="mono">
                      {c.ref} {c.action === 'add' && <span className="tag">new</span>}
                    </td>
                    <td className="mono">{a.key}</td>
                    <td className="old">{a.from === undefined ? '—' : formatValue(a.from)}</td>
                    <td className="new">{a.to === undefined ? 'removed' : formatValue(a.to)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {result.cis.every((c) => changedAttributes(c).length === 0) && (
            <p className="muted small">The CMDB already holds these values: the plan changes nothing.</p>
          )}
          <p className="small">
            Impact: {result.impact.count} CI{result.impact.count === 1 ? '' : 's'} affected
            {result.impact.impacted.length > 0 &&
              ` (${result.impact.impacted
                .slice(0, 6)
                .map((i) => i.ref)
                .join(', ')}${result.impact.impacted.length > 6 ? ', …' : ''})`}
            . The risk is computed when the draft is saved, before it is submitted.
          </p>
        </>
      )}
    </Card>
  );
}
