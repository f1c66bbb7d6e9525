import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from './default-model.js';
import { planModelChanges, registryOf } from './model-changes.js';

const { registry, errors, changes } = planModelChanges([], DEFAULT_CLASSES, DEFAULT_RELATION_TYPES, 1);

describe('the default model', () => {
  it('passes the checks a user-defined model must pass', () => {
    expect(errors).toEqual([]);
    expect(changes).toHaveLength(DEFAULT_CLASSES.length + DEFAULT_RELATION_TYPES.length);
  });

  it('has each class and relationship type once', () => {
    expect(new Set(DEFAULT_CLASSES.map((c) => c.name)).size).toBe(DEFAULT_CLASSES.length);
    expect(new Set(DEFAULT_RELATION_TYPES.map((t) => t.name)).size).toBe(DEFAULT_RELATION_TYPES.length);
    expect(DEFAULT_CLASSES).toHaveLength(70);
    expect(DEFAULT_RELATION_TYPES).toHaveLength(15);
  });

  it('registryOf gives the same registry', () => {
    expect(registryOf(changes.map((c) => c.after)).allClasses()).toEqual(registry.allClasses());
  });

  // [class, lineage, identify keys, controlled]
  const CLASSES: [string, string[], string[], boolean][] = [
    ['business_service', ['business_service'], [], true],
    ['application', ['application'], [], true],
    ['database', ['database'], [], true],
    ['hardware', ['hardware'], ['serial_number', 'asset_tag'], false],
    ['server', ['server', 'hardware'], ['serial_number', 'fqdn'], true],
    ['linux_server', ['linux_server', 'server', 'hardware'], ['serial_number', 'fqdn'], true],
    ['network_device', ['network_device', 'hardware'], ['serial_number', 'asset_tag'], true],
    ['computer', ['computer', 'hardware'], ['serial_number', 'asset_tag'], false],
    ['virtual_machine', ['virtual_machine'], ['uuid'], true],
    ['host', ['host'], ['address'], false],
    ['k8s_deployment', ['k8s_deployment', 'k8s_workload'], [], true],
    ['k8s_cluster', ['k8s_cluster'], [], true],
    ['k8s_secret', ['k8s_secret'], [], false],
    ['ip_address', ['ip_address'], ['address'], false],
    ['network_interface', ['network_interface'], ['mac_address'], false],
    ['rack', ['rack'], [], false],
  ];
  it.each(CLASSES)('%s', (name, lineage, identify, controlled) => {
    expect(registry.lineage(name).map((c) => c.name)).toEqual(lineage);
    expect(registry.identifyKeys(name)).toEqual(identify);
    expect(registry.isControlled(name)).toBe(controlled);
    expect(registry.statuses(name)).toEqual(['planned', 'building', 'active', 'maintenance', 'retired']);
  });

  it('has every workload kind under k8s_workload and every server kind under hardware', () => {
    expect([...registry.withDescendants('k8s_workload')].sort()).toEqual([
      'k8s_cronjob',
      'k8s_daemonset',
      'k8s_deployment',
      'k8s_job',
      'k8s_pod',
      'k8s_replicaset',
      'k8s_replication_controller',
      'k8s_statefulset',
      'k8s_workload',
    ]);
    expect([...registry.withDescendants('hardware')].sort()).toEqual([
      'computer',
      'hardware',
      'linux_server',
      'network_device',
      'server',
      'storage_device',
      'windows_server',
    ]);
  });

  // Every class types the two keys Cairn reads: environment (change control) and criticality (risk) where set.
  const VALIDATIONS: [string, Record<string, unknown>, number][] = [
    ['server', { environment: 'prod', cpu: 4, memory_gb: 8 }, 0],
    // Server's schema and hardware's both type environment: one error from each.
    ['server', { environment: '' }, 2],
    ['team', { environment: '' }, 1],
    ['server', { cpu: 0 }, 1],
    ['server', { anything_else: { nested: true } }, 0],
    ['linux_server', { cpu: 'four' }, 1],
    ['business_service', { criticality: 'high' }, 0],
    ['business_service', { criticality: 'extreme' }, 1],
    ['vlan', { vid: 4094 }, 0],
    ['vlan', { vid: 4095 }, 1],
    ['k8s_deployment', { replicas: -1 }, 1],
    ['team', { environment: 7 }, 1],
  ];
  it.each(VALIDATIONS)('%s %j: %i errors', (name, attributes, count) => {
    expect(registry.validateAttributes(name, attributes, 'attributes')).toHaveLength(count);
  });

  // [name used, canonical type, inverted, impact]
  const RELATIONS: [string, string, boolean, string][] = [
    ['depends_on', 'depends_on', false, 'target-to-source'],
    ['used_by', 'depends_on', true, 'target-to-source'],
    ['hosts', 'runs_on', true, 'target-to-source'],
    ['contained_in', 'contains', true, 'source-to-target'],
    ['connects_to', 'connects_to', false, 'both'],
    ['has_part', 'part_of', true, 'source-to-target'],
    ['owns', 'owned_by', true, 'none'],
    ['location_of', 'located_in', true, 'target-to-source'],
  ];
  it.each(RELATIONS)('%s', (name, canonical, inverted, impact) => {
    const t = registry.relationType(name);
    expect(t?.definition.name).toBe(canonical);
    expect(t?.inverted).toBe(inverted);
    expect(t?.definition.impact).toBe(impact);
  });
});
