import { useState } from 'react';
import type { ReleaseView } from '../../../../src/contracts/release.contracts.js';
import { useMay, useSession } from '../../app/session.js';
import { client } from '../../client.js';
import { formatTime } from '../../ui/format.js';
import { ActionChoice, ActionForm } from '../../ui/action-form.js';
import { Card, Fields, StateBadge } from '../../ui/widgets.js';

/**
 * The release's approval: who decided and why, or, while it is proposed, approve and reject for
 * release managers — but not for the person who requested it (segregation of duties: the page
 * says so rather than offering what the server refuses). Rejecting needs a reason.
 */
export function ReleaseDecision(props: { release: ReleaseView; onDone: (notice: string) => void }) {
  const { release } = props;
  const { session } = useSession();
  const mayDecide = useMay('release:approve');
  const [open, setOpen] = useState<'approve' | 'reject'>();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const what = `${release.service} ${release.version}`;

  if (release.state !== 'proposed')
    return (
      <Card title="Approval">
        <Fields
          items={[
            ['Decision', <StateBadge key="s" state={release.state} />],
            ['By', release.decidedBy ?? '—'],
            ['At', formatTime(release.decidedAt ?? undefined)],
            ['Comment', release.decisionComment ?? '—'],
          ]}
        />
      </Card>
    );
  const own = release.requestedBy === session.name;
  const run = async () => {
    if (!open) return;
    const text = comment.trim();
    if (open === 'reject' && !text) {
      setMissing('Say why the release is rejected.');
      return;
    }
    setBusy(true);
    setError(undefined);
    setMissing(undefined);
    try {
      if (open === 'approve') await client.releases.approve(release.service, release.version, text || undefined);
      else await client.releases.reject(release.service, release.version, text);
      props.onDone(`${what} is now ${open === 'approve' ? 'approved' : 'rejected'}.`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Approval" className="actions-card">
      <p className="small">
        Proposed by {release.requestedBy} {formatTime(release.createdAt)}; a release manager approves or rejects it.
      </p>
      {mayDecide && own && (
        <p className="muted small">You requested this release: another release manager decides it.</p>
      )}
      {mayDecide && !own && (
        <>
          <ActionChoice
            actions={['approve', 'reject'] as const}
            chosen={open}
            label={(a) => (a === 'approve' ? 'Approve release' : 'Reject release')}
            tone={(a) => (a === 'approve' ? 'primary' : 'danger')}
            onChoose={(a) => {
              setOpen(a);
              setMissing(undefined);
              setError(undefined);
            }}
          />
          {open && (
            <ActionForm
              comment={{
                label: open === 'reject' ? 'Reason' : 'Comment',
                required: open === 'reject',
                placeholder: open === 'reject' ? 'Why it is rejected' : 'Optional',
                value: comment,
                rows: 2,
              }}
              onComment={setComment}
              missing={missing}
              error={error}
              busy={busy}
              confirm={{ label: open, danger: open === 'reject' }}
              onSubmit={() => void run()}
              onCancel={() => setOpen(undefined)}
            />
          )}
        </>
      )}
    </Card>
  );
}
