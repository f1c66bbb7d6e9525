import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { InventoryBuilder } from '../common/inventory-builder.js';
import { asText } from '../common/plain-json.js';
import { addCables, addCircuitSites } from './netbox-cables.js';
import type { ConvertContext } from './netbox-cis.js';
import { CONVERTERS, commonAttributes } from './netbox-cis.js';
import { cairnStatus, choice, contentType } from './netbox-fields.js';
import type { NetboxMapping } from './netbox-mapping.js';
import { resolveNetboxMapping } from './netbox-mapping.js';
import { NetboxNames } from './netbox-names.js';
import type { NetboxRecord, ReadResult } from './netbox-records.js';
import { NetboxIndex, readNetboxFile } from './netbox-records.js';

/** Models imported as CIs, in the order they are named (a scope before what it scopes). */
const CI_MODELS = [
  'dcim.region',
  'dcim.site',
  'dcim.location',
  'dcim.rack',
  'dcim.manufacturer',
  'dcim.devicetype',
  'virtualization.cluster',
  'dcim.device',
  'virtualization.virtualmachine',
  'dcim.interface',
  'virtualization.vminterface',
  'ipam.vrf',
  'ipam.vlan',
  'ipam.prefix',
  'ipam.ipaddress',
  'circuits.provider',
  'circuits.circuit',
];

/**
 * NetBox → CIs and relationships, from REST API list responses or a Django fixture (`manage.py
 * dumpdata`, NetBox's demo data). Everything else in the input (users, sessions, change log,
 * caches, templates, …) is not inventory and is passed over; reference data (roles, platforms,
 * tenants, cluster types) becomes attributes.
 */
export const netboxImporter: Importer = {
  format: 'netbox',
  description:
    'NetBox data as JSON: REST API list responses or a Django fixture (sites, racks, devices, interfaces, cables, IPAM, VMs, circuits)',
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult {
    const mapping = resolveNetboxMapping(options?.mapping);
    const builder = new InventoryBuilder('netbox');
    const read: ReadResult = { records: [], problems: [] };
    for (const file of files) readNetboxFile(file.path, file.text, read);
    for (const problem of read.problems) builder.issue(problem.position, problem.message);
    const index = new NetboxIndex(read.records);
    const classOf = (record: NetboxRecord) => classOfRecord(mapping, index, record);
    const names = new NetboxNames(index, classOf);
    for (const model of CI_MODELS) names.assign(model);
    const refOf = (record: NetboxRecord): string | undefined => {
      const name = names.nameOf(record);
      return name === undefined ? undefined : `${classOf(record)}/${name}`;
    };
    const tags = fixtureTags(index);
    const context: ConvertContext = {
      nameOfRef: (model, value, from) => names.nameOfRef(model, value, from),
      tagsOf: (record) => tags.get(`${record.model}:${record.pk}`) ?? [],
    };
    for (const model of CI_MODELS) {
      for (const record of index.all(model)) addRecord(builder, context, index, refOf, record);
    }
    addCables({ index, builder, refOf });
    addCircuitSites({ index, builder, refOf });
    return builder.build();
  },
};

function addRecord(
  builder: InventoryBuilder,
  context: ConvertContext,
  index: NetboxIndex,
  refOf: (record: NetboxRecord) => string | undefined,
  record: NetboxRecord,
): void {
  const converter = CONVERTERS[record.model];
  const ref = refOf(record);
  if (converter === undefined) return;
  if (ref === undefined) {
    builder.issue(record.position, `the ${record.model} ${record.pk} has no name (or its parent has none)`);
    return;
  }
  const slash = ref.indexOf('/');
  const netboxStatus = choice(record.fields.status);
  const ci: Parameters<InventoryBuilder['addCi']>[0] = {
    class: ref.slice(0, slash),
    name: ref.slice(slash + 1),
    attributes: { ...commonAttributes(record, context), ...converter.attributes(record, context) },
  };
  const status = cairnStatus(netboxStatus);
  if (status !== undefined) ci.status = status;
  if (builder.addCi(ci, record.position) === undefined) return;
  for (const link of converter.links?.(record) ?? []) {
    if (link.value === null || link.value === undefined) continue;
    const target = index.get(link.model, link.value, record);
    const targetRef = target === undefined ? undefined : refOf(target);
    if (targetRef === undefined) {
      builder.issue(
        record.position,
        `${ref}: the ${link.model} ${JSON.stringify(link.value)} it refers to is not in the input`,
      );
      continue;
    }
    const [from, to] = link.reverse ? [targetRef, ref] : [ref, targetRef];
    builder.addRelation({ type: link.type, from, to }, record.position);
  }
}

function classOfRecord(mapping: NetboxMapping, index: NetboxIndex, record: NetboxRecord): string {
  if (record.model === 'dcim.device') {
    const role = index.get('dcim.devicerole', record.fields.role ?? record.fields.device_role, record);
    const byRole = role === undefined ? undefined : mapping.deviceRoles[asText(role.fields.slug) ?? ''];
    if (byRole !== undefined) return byRole;
  }
  return mapping.classByModel.get(record.model) ?? record.model.replace(/^.*\./, '');
}

/** Fixture tags: `extras.taggeditem` rows joined to `extras.tag`, by `model:pk`. */
function fixtureTags(index: NetboxIndex): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const item of index.all('extras.taggeditem')) {
    const model = contentType(item.fields.content_type);
    const tag = index.get('extras.tag', item.fields.tag, item);
    const slug = asText(tag?.fields.slug) ?? asText(tag?.fields.name);
    if (model === undefined || slug === undefined) continue;
    const key = `${model}:${String(item.fields.object_id)}`;
    tags.set(key, [...(tags.get(key) ?? []), slug]);
  }
  return tags;
}
