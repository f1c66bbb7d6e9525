import { useState, type FormEvent } from 'react';
import type { RoleName, UserView } from '../../../../src/contracts/auth.contracts.js';
import { client } from '../../client.js';
import { useSession } from '../../app/session.js';
import { formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader } from '../../ui/widgets.js';
import { RolePicker } from './role-picker.js';
import { useSubmit } from './use-submit.js';

/** The people who can log in: their roles, whether they may, and new logins (admins only). */
export function UsersPage() {
  const users = useApi(() => client.accounts.list(), []);
  const roles = useApi(() => client.accounts.roles(), []);
  const [editing, setEditing] = useState<string>();
  const roleNames = (roles.data?.roles ?? []).map((r) => r.name);
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Who can log in, and with which roles. The people who request and approve changes are on the groups page."
      />
      <ErrorBox error={users.error ?? roles.error} />
      <div className="grid-main-side">
        <Card flush>
          <Listing loaded={users} count={(users.data ?? []).length} what="users" empty="No users.">
            <table className="table" aria-label="Users">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Roles</th>
                  <th>Status</th>
                  <th>Signs in</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(users.data ?? []).map((u) => (
                  <UserRow
                    key={u.username}
                    user={u}
                    roleNames={roleNames}
                    editing={editing === u.username}
                    onEdit={() => setEditing(editing === u.username ? undefined : u.username)}
                    onSaved={() => {
                      setEditing(undefined);
                      users.reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </Listing>
        </Card>
        <CreateUser roleNames={roleNames} onCreated={users.reload} />
      </div>
    </>
  );
}

function UserRow(props: {
  user: UserView;
  roleNames: RoleName[];
  editing: boolean;
  onEdit: () => void;
  onSaved: () => void;
}) {
  const u = props.user;
  return (
    <>
      <tr>
        <td className="strong">{u.username}</td>
        <td>
          {u.roles.map(humanize).join(', ')}
          {fromProvider(u).length > 0 && (
            <div className="muted small">from the provider: {fromProvider(u).map(humanize).join(', ')}</div>
          )}
        </td>
        <td>
          {u.disabled ? (
            <span className="badge tone-muted">Disabled</span>
          ) : (
            <span className="badge tone-ok">Active</span>
          )}
        </td>
        <td className="nowrap">
          {u.source === 'provider' ? 'at the identity provider' : 'with a password'}
          <div className="muted small">
            {u.lastSignInAt ? `last ${formatTime(u.lastSignInAt)}` : `created ${formatTime(u.createdAt)}`}
          </div>
        </td>
        <td className="right">
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={props.editing}
            aria-label={`${props.editing ? 'Close' : 'Edit'} ${u.username}`}
            onClick={props.onEdit}
          >
            {props.editing ? 'Close' : 'Edit'}
          </button>
        </td>
      </tr>
      {props.editing && (
        <tr>
          <td colSpan={5}>
            <EditUser user={u} roleNames={props.roleNames} onSaved={props.onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

function EditUser(props: { user: UserView; roleNames: RoleName[]; onSaved: () => void }) {
  const { session } = useSession();
  const [roles, setRoles] = useState<RoleName[]>(props.user.assignedRoles.filter(isRoleName(props.roleNames)));
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(props.user.disabled);
  const submit = useSubmit();
  const self = session.name === props.user.username;
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      await client.accounts.update(props.user.username, {
        roles,
        disabled,
        ...(password ? { password } : {}),
      });
      props.onSaved();
    });
  };
  return (
    <form className="form form-inline-panel" onSubmit={save} aria-label={`Edit ${props.user.username}`}>
      {props.user.source === 'provider' && (
        <p className="muted small">Roles assigned here add to those the identity provider gives at each sign-in.</p>
      )}
      <RolePicker
        legend={`Roles assigned to ${props.user.username}`}
        roles={props.roleNames}
        value={roles}
        onChange={setRoles}
      />
      {props.user.source === 'local' && (
        <label>
          New password (leave empty to keep it)
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={disabled} disabled={self} onChange={(e) => setDisabled(e.target.checked)} />
        Disabled: may not log in {self && <span className="muted">(not yourself)</span>}
      </label>
      <ErrorBox error={submit.error} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          Save {props.user.username}
        </button>
      </div>
    </form>
  );
}

function CreateUser(props: { roleNames: RoleName[]; onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<RoleName[]>(['viewer']);
  const submit = useSubmit();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      await client.accounts.create({ username: username.trim(), password, roles });
      setUsername('');
      setPassword('');
      setRoles(['viewer']);
      props.onCreated();
    });
  };
  return (
    <Card title="New user">
      <form className="form" onSubmit={create}>
        <label>
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          Password (at least 10 characters)
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <RolePicker legend="Roles" roles={props.roleNames} value={roles} onChange={setRoles} />
        <ErrorBox error={submit.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !username.trim()}>
          Create user
        </button>
      </form>
    </Card>
  );
}

/** The roles the server knows (a stored role it no longer knows is dropped when saved). */
function isRoleName(known: readonly RoleName[]) {
  return (role: string): role is RoleName => (known as readonly string[]).includes(role);
}

/** The roles the provider's claims gave at the last sign-in (beyond those an admin assigned). */
function fromProvider(u: UserView): string[] {
  return u.roles.filter((r) => !u.assignedRoles.includes(r));
}
