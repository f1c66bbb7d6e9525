import { checkMappingKeys, mappingBoolean, resolveClassMap } from '../common/mapping-checks.js';

export const DEFAULT_GLPI_CLASSES = {
  /** A computer whose chassis is a laptop, desktop, … */
  computer: 'computer',
  /** A computer whose chassis says server, rack mount or blade. */
  server: 'server',
  /** A virtual machine: one the computer hosts, or the inventoried machine itself when hardware.vmsystem is not Physical. */
  virtual_machine: 'virtual_machine',
  software: 'software',
  operating_system: 'operating_system',
  network_device: 'network_device',
  /** A network printer (itemtype Printer, from SNMP discovery). */
  printer: 'printer',
  /** A phone or tablet inventoried by the agent (itemtype Phone). */
  phone: 'phone',
  network_interface: 'network_interface',
  /** A device seen by LLDP/CDP on a switch port, known by its MAC address or IP only. */
  neighbour: 'host',
};

export type GlpiKind = keyof typeof DEFAULT_GLPI_CLASSES;

export interface GlpiMapping {
  classes: Record<GlpiKind, string>;
  /** Whether installed software becomes software CIs (default true). */
  software: boolean;
}

export function resolveGlpiMapping(mapping: Record<string, unknown> | undefined): GlpiMapping {
  if (mapping !== undefined) checkMappingKeys('glpi', 'the top level', mapping, ['classes', 'software']);
  return {
    classes: resolveClassMap('glpi', DEFAULT_GLPI_CLASSES, mapping?.classes),
    software: mappingBoolean('glpi', 'software', mapping?.software, true),
  };
}

/** `hardware.chassis_type` values (lower case) that make a computer a server. */
export const SERVER_CHASSIS = new Set([
  'server',
  'main server chassis',
  'rack mount chassis',
  'multi-system chassis',
  'blade',
  'blade enclosure',
]);
