import { useState } from 'react';
import type { VerificationRecordView } from '../../../../src/contracts/admin.contracts.js';
import type { VerifyResult } from '../../../../src/contracts/history.contracts.js';
import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Fields, Listing, PageHeader } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';

/**
 * The tamper-evident trail, checked on demand: every revision's hash and the change records'
 * chains recomputed by the server (`cairn audit verify`). Auditors and admins.
 */
export function AuditPage() {
  const [result, setResult] = useState<{ at: Date; value: VerifyResult }>();
  const verify = useSubmit();
  const history = useApi(() => client.audit.recent(20), []);
  const run = () =>
    void verify.run(async () => {
      const { record, result: value } = await client.audit.verify();
      setResult({ value, at: new Date(record.at) });
      history.reload();
    });
  return (
    <>
      <PageHeader
        title="Audit"
        subtitle="Every revision is chained to the one before by SHA-256, and so are approvals, transitions and policy versions. Verifying recomputes every hash: a record edited or removed behind Cairn's back shows here."
        actions={
          <button type="button" className="btn btn-primary" onClick={run} disabled={verify.busy}>
            {verify.busy ? 'Verifying…' : 'Verify the audit chain'}
          </button>
        }
      />
      <ErrorBox error={verify.error} />
      {result ? (
        <VerifyReport result={result.value} at={result.at} />
      ) : (
        <Card>
          <p className="muted">Not verified yet in this visit. Verifying reads the whole history.</p>
        </Card>
      )}
      <Card title="Recent verifications" flush>
        <ErrorBox error={history.error} />
        <Listing
          loaded={history}
          count={(history.data?.items ?? []).length}
          what="verifications"
          empty="Nobody has verified the chain here yet."
        >
          <VerificationTable items={history.data?.items ?? []} />
        </Listing>
      </Card>
    </>
  );
}

function VerifyReport(props: { result: VerifyResult; at: Date }) {
  const r = props.result;
  const records = r.changeRecords;
  return (
    <>
      <div className={r.ok ? 'alert alert-success' : 'alert alert-error'} role="status" aria-live="polite">
        {r.ok ? (
          <>
            <strong>The audit chain verifies.</strong> {r.revisions} revisions and every change record hold their
            hashes.
          </>
        ) : (
          <>
            <strong>The audit chain does not verify.</strong>{' '}
            {r.firstBad
              ? `The first bad revision is ${r.firstBad.rev}: ${r.firstBad.reason}.`
              : 'The revisions verify; a change record does not.'}
          </>
        )}
      </div>
      <div className="grid-main-side">
        <Card title="Revisions">
          <Fields
            items={[
              [
                'Result',
                r.firstBad ? <span className="badge tone-bad">Failed</span> : <span className="badge tone-ok">OK</span>,
              ],
              ['Revisions checked', r.revisions],
              [
                'First bad revision',
                r.firstBad ? (
                  <>
                    <Link
                      to={href('/history/diff', {
                        from: String(Math.max(r.firstBad.rev - 1, 0)),
                        to: String(r.firstBad.rev),
                      })}
                    >
                      revision {r.firstBad.rev}
                    </Link>{' '}
                    — {r.firstBad.reason}
                  </>
                ) : (
                  'none'
                ),
              ],
              ['Verified at', props.at.toLocaleString()],
            ]}
          />
        </Card>
        {records && (
          <Card title="Change records">
            <Fields
              items={[
                [
                  'Result',
                  records.ok ? (
                    <span className="badge tone-ok">OK</span>
                  ) : (
                    <span className="badge tone-bad">Failed</span>
                  ),
                ],
                ['Approvals', records.approvals],
                ['Transitions', records.transitions],
                ['Policy versions', records.policies],
                ['Environments versions', records.environments],
                ['Changes', records.changes],
                [
                  'First bad record',
                  records.firstBad ? `${records.firstBad.record}: ${records.firstBad.reason}` : 'none',
                ],
              ]}
            />
          </Card>
        )}
      </div>
      {r.problems && r.problems.length > 0 && (
        <Card title={`Problems (${r.problemCount ?? r.problems.length})`} flush>
          <table className="table" aria-label="Problems found">
            <thead>
              <tr>
                <th>Record</th>
                <th>What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {r.problems.map((p, i) => (
                <tr key={i}>
                  <td className="mono nowrap">{p.record}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

/** Each recorded verification: when, by whom, what it found. */
function VerificationTable(props: { items: VerificationRecordView[] }) {
  return (
    <table className="table" aria-label="Recent verifications">
      <thead>
        <tr>
          <th>When</th>
          <th>By</th>
          <th>Result</th>
          <th className="num">Revisions</th>
          <th>First bad revision</th>
          <th className="num">Problems</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((v) => (
          <tr key={v.id}>
            <td className="nowrap">{formatTime(v.at)}</td>
            <td>{v.by}</td>
            <td>{v.ok ? <span className="badge tone-ok">OK</span> : <span className="badge tone-bad">Failed</span>}</td>
            <td className="num">{v.revisions}</td>
            <td>{v.firstBad ? `${v.firstBad.rev}: ${v.firstBad.reason}` : '—'}</td>
            <td className="num">{v.problemCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
