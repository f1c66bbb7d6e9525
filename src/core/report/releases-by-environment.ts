import type { Deployment } from '../release/deployment.types.js';
import type { ReportDocument, ReportRow } from './report-document.js';
import { section } from './report-document.js';

/**
 * Status accounting of releases: which version of each service runs in each environment — the
 * latest succeeded deployment there, a rollback included — when it was deployed and by whom.
 * `deployed` holds one deployment per service and environment (the store picks the latest);
 * `environments` are the names in promotion order, and environments deployed to but no longer
 * defined come after them, by name.
 */
export function releasesByEnvironmentReport(
  deployed: Deployment[],
  environments: string[],
  generatedAt: string,
): ReportDocument {
  const order = columnsOf(deployed, environments);
  const place = (env: string) => order.findIndex((e) => e.toLowerCase() === env.toLowerCase());
  const services = [...new Set(deployed.map((d) => d.service))].sort((a, b) => a.localeCompare(b));
  const inForce = [...deployed].sort(
    (a, b) => a.service.localeCompare(b.service) || place(a.environment) - place(b.environment),
  );
  const matrix: ReportRow[] = services.map((service) => {
    const row: ReportRow = { service };
    for (const env of order) row[`env:${env}`] = null;
    for (const d of deployed.filter((x) => x.service === service))
      row[`env:${order[place(d.environment)]!}`] = d.version;
    return row;
  });
  return {
    report: 'releases',
    title: 'Releases by environment',
    generatedAt,
    summary: [
      { label: 'Services', value: services.length },
      { label: 'Environments', value: order.length },
      { label: 'Releases in force', value: deployed.length },
    ],
    sections: [
      section(
        'Version deployed in each environment',
        [['service', 'Service'], ...order.map((e): [string, string] => [`env:${e}`, e])],
        matrix,
      ),
      section(
        'Deployments in force',
        [
          ['service', 'Service'],
          ['environment', 'Environment'],
          ['version', 'Version'],
          ['kind', 'Kind'],
          ['deployedAt', 'Deployed'],
          ['by', 'By'],
          ['pipeline', 'Pipeline'],
          ['change', 'Change'],
          ['deployment', 'Deployment'],
        ],
        inForce.map((d) => ({
          service: d.service,
          environment: d.environment,
          version: d.version,
          kind: d.kind,
          deployedAt: d.finishedAt ?? d.startedAt,
          by: d.by,
          pipeline: d.pipeline,
          change: d.change,
          deployment: d.id,
        })),
      ),
    ],
  };
}

/** The environments in promotion order, then any others deployed to, by name; each once, whatever its case. */
function columnsOf(deployed: Deployment[], environments: string[]): string[] {
  const known = new Set(environments.map((e) => e.toLowerCase()));
  const others = new Map<string, string>();
  for (const d of deployed)
    if (!known.has(d.environment.toLowerCase())) others.set(d.environment.toLowerCase(), d.environment);
  return [...environments, ...[...others.values()].sort((a, b) => a.localeCompare(b))];
}
