import { compact, plainRecord } from '../common/plain-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import { toJsonValue, type JsonValue } from '../common/infra-json.js';
import type { ImporterOptions, ImportResult } from '../importer.types.js';
import { interfaceAttributes, type NodeFacts, type ReadNode } from './node-facts.js';

/** The CI kinds a node's facts make, and their default classes. */
const CLASSES = {
  server: 'server',
  virtual_machine: 'virtual_machine',
  network_interface: 'network_interface',
  operating_system: 'operating_system',
} as const;
type Kind = keyof typeof CLASSES;

/** The name of a node's CI: its FQDN, so that every tool names one machine alike. */
export function nodeName(facts: NodeFacts, toolName: string | undefined): string | undefined {
  const fqdn = facts.fqdn?.includes('.') ? facts.fqdn : undefined;
  return fqdn ?? toolName ?? facts.fqdn ?? facts.hostname;
}

function nodeAttributes(facts: NodeFacts): Record<string, JsonValue> {
  const attributes = compact({
    fqdn: facts.fqdn,
    hostname: facts.hostname,
    dns_domain: facts.domain,
    serial_number: facts.serial_number,
    uuid: facts.uuid,
    manufacturer: facts.manufacturer,
    model: facts.model,
    virtualization: facts.virtualization,
    os: facts.os,
    os_family: facts.os_family,
    os_version: facts.os_version,
    os_arch: facts.os_arch,
    kernel_version: facts.kernel_version,
    cpu_count: facts.cpu_count,
    cpu: facts.cpu,
    cpu_threads: facts.cpu_threads,
    cpu_model: facts.cpu_model,
    memory_mb: facts.memory_mb,
    memory_gb: facts.memory_mb === undefined ? undefined : Math.round((facts.memory_mb / 1024) * 100) / 100,
    default_gateway: facts.default_gateway,
    dns: facts.dns,
    filesystems: [...facts.filesystems].sort((a, b) => a.mount.localeCompare(b.mount)).map((f) => compact({ ...f })),
    ...facts.extra,
  });
  return toJsonValue(plainRecord(attributes)) as Record<string, JsonValue>;
}

/**
 * Turns the machines a tool described into CIs: a `server` (a `virtual_machine` when the facts
 * say it is a guest) named by its FQDN, a `network_interface` `NODE/name` `part_of` it for each
 * interface, and its `operating_system` `installed_on` it. `format` names the tool in messages.
 */
export function nodeFactsState(format: string, nodes: ReadNode[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format, kinds: Object.keys(CLASSES), kindWord: 'kind of CI' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: Kind): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `A ${kind.replace('_', ' ')} from ${format}`);
  for (const { facts, origin, toolName } of nodes) {
    const name = nodeName(facts, toolName);
    if (name === undefined) {
      builder.issue(origin, 'the facts name no host (no FQDN, host name or node name); left out');
      continue;
    }
    const ref = builder.addCi(
      { class: classOf(facts.virtual ? 'virtual_machine' : 'server'), name, attributes: nodeAttributes(facts) },
      origin,
    );
    if (ref === undefined) continue;
    for (const nic of facts.interfaces) {
      const nicRef = builder.addCi(
        {
          class: classOf('network_interface'),
          name: `${name}/${nic.name}`,
          attributes: toJsonValue(interfaceAttributes(nic)) as Record<string, JsonValue>,
        },
        origin,
      );
      if (nicRef !== undefined) builder.addRelation({ type: 'part_of', from: nicRef, to: ref }, origin);
    }
    if (facts.os !== undefined) {
      const osRef = builder.addCi(
        {
          class: classOf('operating_system'),
          name: facts.os,
          attributes: toJsonValue(compact({ family: facts.os_family, version: facts.os_version })) as Record<
            string,
            JsonValue
          >,
        },
        origin,
      );
      if (osRef !== undefined) builder.addRelation({ type: 'installed_on', from: osRef, to: ref }, origin);
    }
  }
  return builder.build();
}
