import { useState } from 'react';
import { Link } from '../../app/router.js';
import { client } from '../../client.js';
import { ciPath } from '../../ui/paths.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Fields, Loading, PageHeader, StateBadge } from '../../ui/widgets.js';
import { ReleaseDecision } from './release-decision.js';
import { ReleasePromotion } from './release-promotion.js';
import { ReleaseArtifacts, ReleaseDeployments, ReleaseIncidents } from './release-records.js';
import './releases.css';

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function loadRelease(service: string, version: string) {
  const [release, deployments] = await Promise.all([
    client.releases.show(service, version),
    client.deployments.list({ service, version }),
  ]);
  return { release, deployments: deployments.items };
}

/**
 * One release: its notes and artifacts, its approval (approve and reject for release managers who
 * did not request it), its promotion environment by environment with the gates' answers, every
 * deployment, and the incidents they caused.
 */
export function ReleasePage(props: { service: string; version: string }) {
  const [tick, setTick] = useState(0);
  const loaded = useApi(() => loadRelease(props.service, props.version), [props.service, props.version, tick]);
  const [notice, setNotice] = useState<string>();
  const done = (n: string) => {
    setNotice(n);
    setTick((t) => t + 1);
  };
  const title = `${props.service} ${props.version}`;
  if (!loaded.data)
    return (
      <>
        <PageHeader title={title} kicker={<Link to="/releases">Releases</Link>} docTitle={title} />
        <ErrorBox error={loaded.error} />
        {!loaded.error && <Loading what="the release" />}
      </>
    );
  const { release, deployments } = loaded.data;
  return (
    <>
      <PageHeader
        title={title}
        kicker={<Link to="/releases">Releases</Link>}
        docTitle={title}
        subtitle={
          <>
            <StateBadge state={release.state} /> Release of <Link to={ciPath(release.service)}>{release.service}</Link>
          </>
        }
      />
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={loaded.error} />
      <div className="grid-main-side">
        <div className="stack">
          {release.state === 'proposed' && <ReleaseDecision release={release} onDone={done} />}
          <Card title="Notes">
            <p className="prose release-notes">{release.notes || 'No notes.'}</p>
          </Card>
          <ReleasePromotion release={release} deployments={deployments} version={tick} onDone={done} />
          <ReleaseDeployments deployments={deployments} />
          <ReleaseIncidents release={release} deployments={deployments} />
          <ReleaseArtifacts release={release} />
        </div>
        <div className="stack">
          {release.state !== 'proposed' && <ReleaseDecision release={release} onDone={done} />}
          <Card title="Release">
            <Fields
              items={[
                [
                  'Service',
                  <Link key="s" to={ciPath(release.service)}>
                    {release.service}
                  </Link>,
                ],
                ['Version', release.version],
                ['Requested by', release.requestedBy],
                ['Created', formatTime(release.createdAt)],
                [
                  'CI updates',
                  `${count(release.updates.cis.length, 'CI')}, ${count(release.updates.relations.length, 'relationship')}`,
                ],
              ]}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
