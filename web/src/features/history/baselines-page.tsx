import { useState, type FormEvent } from 'react';
import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { useMay } from '../../app/session.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader } from '../../ui/widgets.js';

/** Named points in history; a baseline costs one row whatever the size of the CMDB. */
export function BaselinesPage() {
  const list = useApi(() => client.history.listBaselines(), []);
  const mayCreate = useMay('baseline:create');
  return (
    <>
      <PageHeader title="Baselines" subtitle="Named revisions to read, compare and restore against." />
      <ErrorBox error={list.error} />
      <div className={mayCreate ? 'grid-main-side' : ''}>
        <Card flush>
          <Listing loaded={list} count={(list.data ?? []).length} empty="No baselines yet.">
            <table className="table" aria-label="Baselines">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Rev</th>
                  <th>Description</th>
                  <th>By</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(list.data ?? []).map((b) => (
                  <tr key={b.name}>
                    <td className="strong">{b.name}</td>
                    <td className="num mono">{b.rev}</td>
                    <td>{b.description || <span className="muted">—</span>}</td>
                    <td>{b.author}</td>
                    <td className="nowrap">{formatTime(b.createdAt)}</td>
                    <td className="right nowrap">
                      <Link to={href('/history/diff', { from: b.name })}>Diff to now</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Listing>
        </Card>
        {mayCreate && <CreateBaseline onCreated={list.reload} />}
      </div>
    </>
  );
}

function CreateBaseline(props: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.history.createBaseline({ name: name.trim(), description: description.trim() || undefined });
      setName('');
      setDescription('');
      props.onCreated();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="New baseline">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          Name
          <input
            name="baseline-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="release-2025-06"
            required
          />
        </label>
        <label>
          Description
          <textarea
            name="baseline-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={3}
          />
        </label>
        <p className="muted small">Names the current head revision.</p>
        <ErrorBox error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
          Create baseline
        </button>
      </form>
    </Card>
  );
}
