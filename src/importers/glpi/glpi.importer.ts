import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { InventoryBuilder } from '../common/inventory-builder.js';
import { asRecord, asText } from '../common/plain-json.js';
import type { GlpiDocument } from './glpi-computer.js';
import { addComputer } from './glpi-computer.js';
import { resolveGlpiMapping } from './glpi-mapping.js';
import { addNetworkEquipment } from './glpi-network.js';

/**
 * GLPI agent inventories (the JSON of glpi-agent and GLPI's SNMP discovery): computers with
 * their hardware, OS, software and VMs; network equipment with ports and LLDP/CDP neighbours.
 * The mapping is deterministic — the same machine always gives the same CI names — because
 * this is also the shape in which discovery observations arrive.
 */
export const glpiImporter: Importer = {
  format: 'glpi',
  description:
    'GLPI agent inventory JSON: computers (hardware, OS, software, VMs) and network equipment (ports, LLDP/CDP neighbours)',
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult {
    const mapping = resolveGlpiMapping(options?.mapping);
    const builder = new InventoryBuilder('glpi');
    for (const file of files) {
      const doc = readDocument(builder, file);
      if (doc === undefined) continue;
      if (doc.network) addNetworkEquipment(builder, mapping, doc);
      else addComputer(builder, mapping, doc);
    }
    return builder.build();
  },
};

function readDocument(builder: InventoryBuilder, file: ImportFile): (GlpiDocument & { network: boolean }) | undefined {
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    builder.issue({ file: file.path }, `invalid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const root = asRecord(data);
  const content = asRecord(root?.content);
  if (root === undefined || content === undefined) {
    builder.issue({ file: file.path }, 'not a GLPI inventory: expected {"action", "deviceid", "content": {…}}');
    return undefined;
  }
  const itemtype = asText(root.itemtype)?.toLowerCase();
  const network =
    itemtype === 'networkequipment' ||
    asText(root.action) === 'netinventory' ||
    asRecord(content.network_device) !== undefined;
  const doc: GlpiDocument & { network: boolean } = { file: file.path, content, network };
  const deviceid = asText(root.deviceid);
  if (deviceid !== undefined) doc.deviceid = deviceid;
  return doc;
}
