import { useState, type FormEvent } from 'react';
import type { RoleName, TokenCreated } from '../../../../src/contracts/auth.contracts.js';
import { client } from '../../client.js';
import { formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';

/** API tokens for scripts and pipelines: each acts with one role; its value is shown once, at creation. */
export function TokensPage() {
  const tokens = useApi(() => client.tokens.list({ limit: 200 }), []);
  const [created, setCreated] = useState<TokenCreated>();
  const revoke = useSubmit();
  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="For pipelines and scripts. Only a hash of each token is kept: its value is shown once."
      />
      <ErrorBox error={tokens.error ?? revoke.error} />
      {created && <CreatedToken token={created} onDone={() => setCreated(undefined)} />}
      <div className="grid-main-side">
        <Card flush>
          <Listing loaded={tokens} count={(tokens.data?.items ?? []).length} what="tokens" empty="No API tokens yet.">
            <div className="table-scroll">
              <table className="table" aria-label="API tokens">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Role</th>
                    <th>Expires</th>
                    <th>Last used</th>
                    <th>Status</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(tokens.data?.items ?? []).map((t) => (
                    <tr key={t.id}>
                      <td>
                        <span className="strong">{t.name}</span> <span className="muted mono small">{t.id}</span>
                        <div className="muted small">
                          created {formatTime(t.createdAt)} by {t.createdBy}
                        </div>
                      </td>
                      <td>{humanize(t.role)}</td>
                      <td className="nowrap">{t.expiresAt ? formatTime(t.expiresAt) : 'never'}</td>
                      <td className="nowrap">{t.lastUsedAt ? formatTime(t.lastUsedAt) : '—'}</td>
                      <td>
                        {t.revokedAt ? (
                          <span className="badge tone-muted">Revoked</span>
                        ) : t.expiresAt && t.expiresAt < new Date().toISOString() ? (
                          <span className="badge tone-warn">Expired</span>
                        ) : (
                          <span className="badge tone-ok">Active</span>
                        )}
                      </td>
                      <td className="right">
                        {!t.revokedAt && (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            aria-label={`Revoke ${t.name}`}
                            disabled={revoke.busy}
                            onClick={() =>
                              window.confirm(`Revoke the token ${t.name}? Scripts using it stop working.`) &&
                              void revoke.run(async () => {
                                await client.tokens.revoke(t.id);
                                tokens.reload();
                              })
                            }
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Listing>
        </Card>
        <CreateToken
          onCreated={(t) => {
            setCreated(t);
            tokens.reload();
          }}
        />
      </div>
    </>
  );
}

function CreatedToken(props: { token: TokenCreated; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(props.token.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="alert alert-success token-once" role="status">
      <p>
        <strong>Token {props.token.name} created.</strong> Copy it now: it is not shown again.
      </p>
      <div className="token-value">
        <code aria-label="New token value">{props.token.token}</code>
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={props.onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

const EXPIRIES = [
  ['30d', '30 days'],
  ['90d', '90 days'],
  ['365d', 'a year'],
  ['never', 'never'],
] as const;

function CreateToken(props: { onCreated: (token: TokenCreated) => void }) {
  const roles = useApi(() => client.accounts.roles(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleName>('viewer');
  const [expires, setExpires] = useState('90d');
  const submit = useSubmit();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      props.onCreated(await client.tokens.create({ name: name.trim(), role, expires }));
      setName('');
    });
  };
  return (
    <Card title="New token">
      <form className="form" onSubmit={create}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="deploy-pipeline" required />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
            {(roles.data?.roles ?? []).map((r) => (
              <option key={r.name} value={r.name}>
                {humanize(r.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires after
          <select value={expires} onChange={(e) => setExpires(e.target.value)}>
            {EXPIRIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <ErrorBox error={submit.error ?? roles.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !name.trim()}>
          Create token
        </button>
      </form>
    </Card>
  );
}
