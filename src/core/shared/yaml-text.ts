import { stringify } from 'yaml';

/**
 * Data written out as YAML for people and tools. The reads share objects between items (a diff's
 * lines made in one revision share its header; repeated labels are parsed once), and the yaml
 * library would print each repeat as an anchor and alias (`&a1` … `*a1`): correct YAML, but not
 * what a reader or a grep expects, and not what the same data prints as through the API. Each
 * repeat is written out in full instead.
 */
export function toYaml(data: unknown): string {
  return stringify(data, { aliasDuplicateObjects: false });
}
