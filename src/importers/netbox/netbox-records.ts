import type { SourcePosition } from '../common/inventory-builder.js';
import { asArray, asNumber, asRecord, asText } from '../common/plain-json.js';

/**
 * NetBox objects from either source, in one shape: the model (`dcim.device`), the primary key
 * and the fields. Django fixtures give foreign keys as numbers; REST responses give nested
 * objects (`{id, url, display, name}`) and choices as `{value, label}`; the accessors in
 * `netbox-fields.ts` read both.
 */
export interface NetboxRecord {
  model: string;
  pk: number;
  fields: Record<string, unknown>;
  position: SourcePosition;
  /** Built from a nested reference to an object that is not in the input: known by name only. */
  stub?: boolean;
}

/** REST endpoints whose model is not the endpoint name made singular. */
const ENDPOINT_MODELS: Readonly<Record<string, string>> = {
  'virtualization.interfaces': 'virtualization.vminterface',
  'dcim.virtual-chassis': 'dcim.virtualchassis',
};

const OBJECT_URL = /\/api\/([a-z0-9_-]+)\/([a-z0-9_-]+)\/(\d+)\/?$/;

/** `dcim/device-types` → `dcim.devicetype`, `ipam/ip-addresses` → `ipam.ipaddress`. */
export function modelOfEndpoint(app: string, endpoint: string): string {
  const special = ENDPOINT_MODELS[`${app}.${endpoint}`];
  if (special !== undefined) return special;
  const plural = endpoint.replace(/-/g, '');
  const singular = /(ss|x)es$/.test(plural) ? plural.slice(0, -2) : plural.replace(/s$/, '');
  return `${app}.${singular}`;
}

const LIST_URL = /\/api\/([a-z0-9_-]+)\/([a-z0-9_-]+)\/?(?:\?.*)?$/;

/** The model of a list page's `next`/`previous` link (`…/api/dcim/devices/?offset=50`), or undefined. */
function modelOfList(url: unknown): string | undefined {
  const match = LIST_URL.exec(asText(url) ?? '');
  return match ? modelOfEndpoint(match[1] ?? '', match[2] ?? '') : undefined;
}

/** Endpoints by name, each with its app, longest first so that `device-types` wins over `devices`. */
const ENDPOINTS = Object.entries({
  dcim: 'regions site-groups sites locations racks rack-roles manufacturers device-types device-roles platforms devices interfaces front-ports rear-ports console-ports console-server-ports power-ports power-outlets cables virtual-chassis',
  virtualization: 'cluster-types cluster-groups clusters virtual-machines',
  ipam: 'vrfs vlan-groups vlans prefixes ip-addresses roles',
  circuits: 'providers circuit-types circuit-terminations circuits',
  tenancy: 'tenants',
  extras: 'tags',
})
  .flatMap(([app, names]) => names.split(' ').map((name) => ({ app, name })))
  .sort((a, b) => b.name.length - a.name.length);

/**
 * The model a file's name says it lists: its words (split at `-`, `_`, `.` and the like) hold
 * an endpoint name (`dcim_device-types_page2.json` → dcim.devicetype); `virtualization` among
 * them makes `interfaces` the VM interfaces.
 */
export function modelOfFileName(path: string): string | undefined {
  const base = (path.split(/[\\/]/).pop() ?? '').replace(/\.json$/i, '').toLowerCase();
  const words = `-${base.split(/[^a-z0-9]+/).join('-')}-`;
  const found = ENDPOINTS.find(({ name }) => words.includes(`-${name}-`));
  if (found === undefined) return undefined;
  const app = found.name === 'interfaces' && words.includes('-virtualization-') ? 'virtualization' : found.app;
  return modelOfEndpoint(app, found.name);
}

/** The model named by an object's REST `url`, or undefined. */
export function modelOfUrl(url: unknown): string | undefined {
  const text = asText(url);
  const match = text === undefined ? null : OBJECT_URL.exec(text.split('?')[0] ?? '');
  return match ? modelOfEndpoint(match[1] ?? '', match[2] ?? '') : undefined;
}

export interface ReadResult {
  records: NetboxRecord[];
  problems: { position: SourcePosition; message: string }[];
}

/** Reads one file: a Django fixture array, a REST list page (`{results}`), an array of REST objects or one object. */
export function readNetboxFile(path: string, text: string, out: ReadResult): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    out.problems.push({ position: { file: path }, message: `invalid JSON: ${(error as Error).message}` });
    return;
  }
  const page = asRecord(data);
  const listModel = modelOfList(page?.next) ?? modelOfList(page?.previous) ?? modelOfFileName(path);
  if (page !== undefined && Array.isArray(page.results))
    readRest(path, page.results as unknown[], 'results', listModel, out);
  else if (page !== undefined) readRest(path, [page], '', listModel, out);
  else if (Array.isArray(data)) {
    const first = asRecord(data[0]);
    if (first !== undefined && 'model' in first && 'fields' in first) readFixture(path, data as unknown[], out);
    else readRest(path, data as unknown[], '', listModel, out);
  } else
    out.problems.push({
      position: { file: path },
      message: 'expected NetBox JSON: a fixture array or a REST list page',
    });
}

function readFixture(path: string, items: unknown[], out: ReadResult): void {
  items.forEach((item, i) => {
    const object = asRecord(item);
    const model = asText(object?.model);
    const fields = asRecord(object?.fields);
    const pk = asNumber(object?.pk);
    const position = {
      file: path,
      location: `item ${i + 1}${model ? ` (${model}${pk === undefined ? '' : ` pk ${pk}`})` : ''}`,
    };
    if (model === undefined || fields === undefined) {
      out.problems.push({ position, message: 'not a fixture object: expected {model, pk, fields}' });
      return;
    }
    // Models without a primary key (content types) are housekeeping; they are not inventory.
    if (pk === undefined) return;
    out.records.push({ model, pk, fields, position });
  });
}

/**
 * Reads REST objects. An object's model comes from its own `url`; objects exported without one
 * (`?fields=`, `?exclude=url`, scripts that drop it) take the model of their list, named by the
 * page's `next`/`previous` link or by the file name (`dcim-devices.json`, `ip_addresses.json`).
 */
function readRest(
  path: string,
  items: unknown[],
  prefix: string,
  listModel: string | undefined,
  out: ReadResult,
): void {
  items.forEach((item, i) => {
    const location = prefix === '' ? `item ${i + 1}` : `${prefix}[${i}]`;
    const object = asRecord(item);
    const model = modelOfUrl(object?.url) ?? (object?.url === undefined ? listModel : undefined);
    const pk = asNumber(object?.id);
    const position = { file: path, location };
    if (object === undefined || pk === undefined) {
      out.problems.push({ position, message: 'not a NetBox REST object: it has no numeric id' });
      return;
    }
    if (model === undefined) {
      out.problems.push({
        position,
        message:
          object.url === undefined
            ? 'a NetBox REST object without a url, in a file whose name does not say which list it is: keep the url in the export, or name the file after its endpoint (dcim-devices.json)'
            : `${JSON.stringify(object.url)} is not a NetBox object url like /api/dcim/devices/1/`,
      });
      return;
    }
    out.records.push({ model, pk, fields: object, position: { file: path, location: `${location} (${model} ${pk})` } });
  });
}

/** All records by model and primary key, with stubs made from nested references on demand. */
export class NetboxIndex {
  private readonly byModel = new Map<string, Map<number, NetboxRecord>>();

  constructor(records: NetboxRecord[]) {
    for (const record of records) {
      let models = this.byModel.get(record.model);
      if (models === undefined) this.byModel.set(record.model, (models = new Map<number, NetboxRecord>()));
      if (!models.has(record.pk)) models.set(record.pk, record);
    }
  }

  all(model: string): NetboxRecord[] {
    return [...(this.byModel.get(model)?.values() ?? [])];
  }

  /** The record a foreign key (a number or a nested `{id, …}`) points to; a stub when only the nested object is known. */
  get(model: string, value: unknown, from: Pick<NetboxRecord, 'position'>): NetboxRecord | undefined {
    const nested = asRecord(value);
    const pk = nested === undefined ? asNumber(value) : asNumber(nested.id);
    if (pk === undefined) return undefined;
    const record = this.byModel.get(model)?.get(pk);
    if (record !== undefined || nested === undefined) return record;
    return { model, pk, fields: nested, position: from.position, stub: true };
  }

  /** Records for each item of a many-to-many field. */
  getMany(model: string, value: unknown, from: Pick<NetboxRecord, 'position'>): NetboxRecord[] {
    return asArray(value)
      .map((item) => this.get(model, item, from))
      .filter((record) => record !== undefined);
  }
}
