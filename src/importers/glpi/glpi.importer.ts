import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { InventoryBuilder } from '../common/inventory-builder.js';
import { asRecord, asText } from '../common/plain-json.js';
import type { GlpiDocument } from './glpi-computer.js';
import { addComputer } from './glpi-computer.js';
import { resolveGlpiMapping, type GlpiMapping } from './glpi-mapping.js';
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
    let partial = false;
    for (const file of files) {
      const doc = readDocument(builder, file);
      if (doc === undefined) continue;
      partial ||= doc.partial;
      declareDeviceClass(builder, mapping, doc.itemtype);
      if (doc.network) addNetworkEquipment(builder, mapping, doc);
      else addComputer(builder, mapping, doc);
    }
    const result = builder.build();
    // An agent sends `partial: true` with only the sections that changed: what it leaves out is not gone.
    return partial ? { ...result, scope: { partial: true } } : result;
  },
};

type ReadDocument = GlpiDocument & { network: boolean; partial: boolean };

/** Printers and phones get classes of their own, declared as hardware when the model lacks them. */
function declareDeviceClass(builder: InventoryBuilder, mapping: GlpiMapping, itemtype: string | undefined): void {
  const kind = itemtype === 'printer' || itemtype === 'phone' ? itemtype : undefined;
  if (kind === undefined) return;
  builder.declareClass({
    name: mapping.classes[kind],
    parent: 'hardware',
    description: kind === 'printer' ? 'A network printer.' : 'A phone or tablet.',
    attributes: { type: 'object' },
  });
}

function readDocument(builder: InventoryBuilder, file: ImportFile): ReadDocument | undefined {
  if (/^\s*(?:<\?xml[^>]*>\s*)?<REQUEST[\s>]/i.test(file.text)) {
    builder.issue(
      { file: file.path },
      "this is GLPI's legacy XML inventory (<REQUEST>, as FusionInventory agents send it), which Cairn does not read: give the JSON inventory instead (glpi-agent 1.0 and later write it; glpi-inventory --json)",
    );
    return undefined;
  }
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
  const partial = root.partial === true || root.partial === 'true' || root.partial === 1;
  const doc: ReadDocument = { file: file.path, content, network, partial };
  if (itemtype !== undefined) doc.itemtype = itemtype;
  const deviceid = asText(root.deviceid);
  if (deviceid !== undefined) doc.deviceid = deviceid;
  return doc;
}
