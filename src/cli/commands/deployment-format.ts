import type { DeploymentView, GateAnswerView } from '../../contracts/deployment.contracts.js';
import { renderTable } from '../output.js';

/** A gate answer as people read it: the decision, then each gate with a mark and its reason. */
export function gateText(a: GateAnswerView): string {
  const what = a.kind === 'rollback' ? `Rollback of ${a.service} to ${a.version}` : `${a.service} ${a.version}`;
  const lines = [`${a.decision.toUpperCase()}: ${what} into ${a.environment}`];
  for (const g of a.gates) lines.push(`  ${g.passed ? (g.overridden ? '!' : '✓') : '✗'} ${g.gate}: ${g.reason}`);
  if (a.deployment) lines.push(`Deployment ${a.deployment.id} started: report its result with \`cairn gate report\`.`);
  return lines.join('\n');
}

/** One sentence on what a deployment did. */
export function deploymentText(d: DeploymentView): string {
  const what =
    d.kind === 'rollback'
      ? `Rolled back ${d.service} in ${d.environment} from ${d.rollbackOf} to ${d.version}`
      : `${d.service} ${d.version} ${d.state === 'running' ? 'deploying into' : 'deployed into'} ${d.environment}`;
  const how = [
    d.state === 'failed' ? 'FAILED' : d.state,
    `by ${d.by}`,
    d.change ? `under ${d.change}` : undefined,
    d.revision !== null ? `revision ${d.revision}` : 'no CI updates applied here',
    d.emergency ? `emergency: ${d.emergency}` : undefined,
  ].filter((x) => x !== undefined);
  return `${what} (${how.join(', ')}).`;
}

export function deploymentTable(list: DeploymentView[]): string {
  if (list.length === 0) return 'No deployments.';
  return renderTable(
    ['ID', 'SERVICE', 'VERSION', 'ENVIRONMENT', 'KIND', 'STATE', 'BY', 'STARTED', 'CHANGE', 'REVISION'],
    list.map((d) => [
      d.id,
      d.service,
      d.version,
      d.environment,
      d.kind,
      d.state,
      d.by,
      d.startedAt,
      d.change,
      d.revision,
    ]),
  );
}
