import { isRecord } from '../common/infra-json.js';

/** The tools whose facts Cairn reads, by their import format word. */
export type FactsFormat = 'ansible-facts' | 'puppet-facts' | 'chef' | 'salt-grains';

const TOOL: Record<FactsFormat, string> = {
  'ansible-facts': 'Ansible facts',
  'puppet-facts': 'Puppet facts',
  chef: 'a Chef node',
  'salt-grains': 'Salt grains',
};

/** How messages name a tool's output: `Ansible facts`, `a Chef node`. */
export function toolName(format: FactsFormat): string {
  return TOOL[format];
}

/** Which tool most probably wrote a JSON object, from keys only that tool writes. */
export function guessFactsFormat(value: unknown): FactsFormat | undefined {
  const item = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (!isRecord(item)) return undefined;
  const keys = Object.keys(item);
  if ('ansible_facts' in item || keys.some((k) => k.startsWith('ansible_'))) return 'ansible-facts';
  if ('facterversion' in item || 'certname' in item || isRecord(item['values'])) return 'puppet-facts';
  if (item['json_class'] === 'Chef::Node' || 'chef_packages' in item || 'ohai_time' in item) return 'chef';
  if ('saltversion' in item || 'saltversioninfo' in item) return 'salt-grains';
  // `salt … --out=json` keys each minion's grains by its id.
  const first = Object.values(item)[0];
  if (isRecord(first) && ('saltversion' in first || 'saltversioninfo' in first)) return 'salt-grains';
  return undefined;
}

/**
 * The sentence for a JSON value that is not what the importer reads: what it probably is, and
 * the format to import it with.
 */
export function notFactsMessage(expected: FactsFormat, value: unknown): string {
  const guess = guessFactsFormat(value);
  if (guess !== undefined && guess !== expected)
    return `this looks like ${TOOL[guess]}, not ${TOOL[expected]}: read it with the ${guess} format`;
  return `not ${TOOL[expected]}: none of the keys ${TOOL[expected]} always has was found`;
}
