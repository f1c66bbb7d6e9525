import type { InventoryBuilder } from '../common/inventory-builder.js';
import { asArray, asRecord, asText, compact } from '../common/plain-json.js';
import { choice, contentType } from './netbox-fields.js';
import type { NetboxIndex, NetboxRecord } from './netbox-records.js';

/**
 * Cables become `connects_to` relationships between what they join. NetBox 3.3 and later keep a
 * cable's ends as `dcim.cabletermination` rows (fixture) or as `a_terminations`/`b_terminations`
 * on the cable (REST); earlier versions as `termination_a_type`/`termination_a_id` (and `_b_`)
 * on the cable. An interface end is the interface CI; a circuit termination end is its circuit;
 * a front, rear, console or power port end is the port's device (the port is named on the
 * relationship).
 */

interface CableEnd {
  model: string;
  value: unknown;
}

interface Cable {
  record?: NetboxRecord;
  a: CableEnd[];
  b: CableEnd[];
  position: NetboxRecord['position'];
}

const PORT_MODELS = new Set([
  'dcim.frontport',
  'dcim.rearport',
  'dcim.consoleport',
  'dcim.consoleserverport',
  'dcim.powerport',
  'dcim.poweroutlet',
]);

export interface CableContext {
  index: NetboxIndex;
  builder: InventoryBuilder;
  refOf(record: NetboxRecord): string | undefined;
}

export function addCables(context: CableContext): void {
  for (const [pk, cable] of collectCables(context)) {
    const ends = {
      a: cable.a.map((end) => resolveEnd(context, end, cable)),
      b: cable.b.map((end) => resolveEnd(context, end, cable)),
    };
    const record = cable.record;
    const base = compact({
      cable: asText(record?.fields.label) ?? `#${pk}`,
      cable_type: record ? choice(record.fields.type) : undefined,
    });
    for (const a of ends.a) {
      for (const b of ends.b) {
        if (a === undefined || b === undefined || a.ref === b.ref) continue;
        const attributes = { ...base, ...compact({ a_port: a.port, b_port: b.port }) };
        context.builder.addRelation({ type: 'connects_to', from: a.ref, to: b.ref, attributes }, cable.position);
      }
    }
    if (cable.a.length === 0 || cable.b.length === 0)
      context.builder.issue(cable.position, `cable #${pk} has no ${cable.a.length === 0 ? 'A' : 'B'} end`);
  }
}

function collectCables({ index, builder }: CableContext): Map<number, Cable> {
  const cables = new Map<number, Cable>();
  const cableOf = (pk: number, position: Cable['position']): Cable => {
    let cable = cables.get(pk);
    if (cable === undefined) cables.set(pk, (cable = { a: [], b: [], position }));
    return cable;
  };
  for (const record of index.all('dcim.cable')) {
    const cable = cableOf(record.pk, record.position);
    cable.record = record;
    cable.position = record.position;
    for (const [side, key] of [
      ['a', 'a_terminations'],
      ['b', 'b_terminations'],
    ] as const) {
      for (const item of asArray(record.fields[key])) {
        const end = asRecord(item);
        const model = contentType(end?.object_type);
        if (model !== undefined) cable[side].push({ model, value: end?.object ?? end?.object_id });
      }
      // Before NetBox 3.3 a cable had one end a side, on the cable itself.
      const fields = record.fields;
      const legacyModel = contentType(fields[`termination_${side}_type`]);
      const legacyValue = fields[`termination_${side}`] ?? fields[`termination_${side}_id`];
      if (legacyModel !== undefined && legacyValue !== undefined && legacyValue !== null)
        cable[side].push({ model: legacyModel, value: legacyValue });
    }
  }
  for (const termination of index.all('dcim.cabletermination')) {
    const fields = termination.fields;
    const cablePk = asRecord(fields.cable)?.id ?? fields.cable;
    const model = contentType(fields.termination_type);
    if (typeof cablePk !== 'number' || model === undefined) {
      builder.issue(termination.position, 'a cable termination without a cable or a termination type');
      continue;
    }
    const cable = cableOf(cablePk, termination.position);
    cable.record ??= index.get('dcim.cable', cablePk, termination);
    const side = choice(fields.cable_end) === 'B' ? 'b' : 'a';
    cable[side].push({ model, value: fields.termination ?? fields.termination_id });
  }
  return cables;
}

function resolveEnd(context: CableContext, end: CableEnd, cable: Cable): { ref: string; port?: string } | undefined {
  const record = context.index.get(end.model, end.value, cable);
  if (record === undefined) {
    context.builder.issue(
      cable.position,
      `a cable end points to ${end.model} ${describe(end.value)}, which is not in the input`,
    );
    return undefined;
  }
  let target: NetboxRecord | undefined = record;
  let port: string | undefined;
  if (end.model === 'circuits.circuittermination')
    target = context.index.get('circuits.circuit', record.fields.circuit, record);
  else if (PORT_MODELS.has(end.model)) {
    target = context.index.get('dcim.device', record.fields.device, record);
    port = asText(record.fields.name);
  } else if (end.model !== 'dcim.interface') {
    context.builder.issue(cable.position, `a cable end of type ${end.model} is not imported`);
    return undefined;
  }
  const ref = target === undefined ? undefined : context.refOf(target);
  if (ref === undefined) {
    context.builder.issue(
      cable.position,
      `the ${end.model} ${describe(end.value)} at a cable end belongs to nothing that was imported`,
    );
    return undefined;
  }
  return port === undefined ? { ref } : { ref, port };
}

function describe(value: unknown): string {
  const nested = asRecord(value);
  return nested === undefined ? `#${String(value)}` : (asText(nested.display) ?? `#${String(nested.id)}`);
}

/** Each circuit is located_in the sites its terminations are at. */
export function addCircuitSites(context: CableContext): void {
  for (const termination of context.index.all('circuits.circuittermination')) {
    const circuit = context.index.get('circuits.circuit', termination.fields.circuit, termination);
    const site = context.index.get('dcim.site', termination.fields.site, termination);
    if (circuit === undefined || site === undefined) continue;
    const from = context.refOf(circuit);
    const to = context.refOf(site);
    if (from !== undefined && to !== undefined)
      context.builder.addRelation({ type: 'located_in', from, to }, termination.position);
  }
}
