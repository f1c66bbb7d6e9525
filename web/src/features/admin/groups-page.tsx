import { useState, type FormEvent } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { useMay } from '../../app/session.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader, Tag } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';

/**
 * The change workflow's people and approver groups: who may approve what is decided by these
 * groups and the policy's rules. Everyone reads them; admins add people, groups and members.
 */
export function GroupsPage() {
  const groups = useApi(() => client.users.listGroups({ limit: 500 }), []);
  const people = useApi(() => client.users.listUsers({ limit: 500 }), []);
  const mayManage = useMay('user:manage');
  return (
    <>
      <PageHeader
        title="Groups and people"
        subtitle={
          <>
            The approver groups the <Link to="/admin/policy">policy</Link>&apos;s rules name, and the people who
            request, approve and implement changes.
          </>
        }
      />
      <ErrorBox error={groups.error ?? people.error} />
      <div className={mayManage ? 'grid-main-side' : ''}>
        <div>
          <Card title="Approver groups" flush>
            <Listing loaded={groups} count={(groups.data?.items ?? []).length} what="groups" empty="No groups yet.">
              <table className="table" aria-label="Approver groups">
                <thead>
                  <tr>
                    <th>Group</th>
                    <th>Description</th>
                    <th>Members</th>
                  </tr>
                </thead>
                <tbody>
                  {(groups.data?.items ?? []).map((g) => (
                    <tr key={g.name}>
                      <td className="strong">{g.name}</td>
                      <td>{g.description ?? <span className="muted">—</span>}</td>
                      <td>
                        {g.members.length === 0 ? (
                          <span className="muted">nobody</span>
                        ) : (
                          g.members.map((m) => <Tag key={m}>{m}</Tag>)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Listing>
          </Card>
          <Card title="People" flush>
            <Listing loaded={people} count={(people.data?.items ?? []).length} what="people" empty="No people yet.">
              <table className="table" aria-label="People">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Display name</th>
                    <th>Email</th>
                  </tr>
                </thead>
                <tbody>
                  {(people.data?.items ?? []).map((p) => (
                    <tr key={p.name}>
                      <td className="strong">{p.name}</td>
                      <td>{p.displayName ?? <span className="muted">—</span>}</td>
                      <td>{p.email ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Listing>
          </Card>
        </div>
        {mayManage && (
          <div>
            <AddMember
              groups={(groups.data?.items ?? []).map((g) => g.name)}
              people={(people.data?.items ?? []).map((p) => p.name)}
              onDone={groups.reload}
            />
            <AddGroup onDone={groups.reload} />
            <AddPerson onDone={people.reload} />
          </div>
        )}
      </div>
    </>
  );
}

function AddMember(props: { groups: string[]; people: string[]; onDone: () => void }) {
  const [group, setGroup] = useState('');
  const [user, setUser] = useState('');
  const submit = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      await client.users.addMember(group || props.groups[0] || '', user.trim());
      setUser('');
      props.onDone();
    });
  };
  return (
    <Card title="Add a member">
      <form className="form" onSubmit={add}>
        <label>
          Group
          <select value={group || props.groups[0] || ''} onChange={(e) => setGroup(e.target.value)}>
            {props.groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          Person
          <input list="people-names" value={user} onChange={(e) => setUser(e.target.value)} required />
          <datalist id="people-names">
            {props.people.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <p className="muted small">Members are removed by editing the policy&apos;s groups.</p>
        <ErrorBox error={submit.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !user.trim()}>
          Add member
        </button>
      </form>
    </Card>
  );
}

function AddGroup(props: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      await client.users.addGroup(name.trim(), description.trim() || undefined);
      setName('');
      setDescription('');
      props.onDone();
    });
  };
  return (
    <Card title="New group">
      <form className="form" onSubmit={add}>
        <label>
          Group name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="network-cab" required />
        </label>
        <label>
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorBox error={submit.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !name.trim()}>
          Create group
        </button>
      </form>
    </Card>
  );
}

function AddPerson(props: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const submit = useSubmit();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      await client.users.addUser(name.trim(), {
        displayName: displayName.trim() || undefined,
        email: email.trim() || undefined,
      });
      setName('');
      setDisplayName('');
      setEmail('');
      props.onDone();
    });
  };
  return (
    <Card title="Add a person">
      <form className="form" onSubmit={add}>
        <label>
          Name (as they log in)
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Display name
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <ErrorBox error={submit.error} />
        <button type="submit" className="btn btn-primary" disabled={submit.busy || !name.trim()}>
          Add person
        </button>
      </form>
    </Card>
  );
}
