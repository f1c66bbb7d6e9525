import { asArray, asNumber, asRecord, asText } from '../common/plain-json.js';

/** A choice field: a plain string (fixture) or `{value, label}` (REST). */
export function choice(value: unknown): string | undefined {
  const object = asRecord(value);
  return asText(object === undefined ? value : object.value);
}

/** A content type: `"dcim.interface"` (REST) or `["dcim", "interface"]` (fixture natural key). */
export function contentType(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const [app, model] = value as unknown[];
    return typeof app === 'string' && typeof model === 'string' ? `${app}.${model}` : undefined;
  }
  return asText(value);
}

/** A decimal that NetBox may write as a string (`"4.0"`). */
export function decimal(value: unknown): number | undefined {
  return asNumber(value);
}

/** NetBox status → Cairn lifecycle status; the NetBox value is kept as `netbox_status`. */
const STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  connected: 'active',
  container: 'active',
  available: 'active',
  dhcp: 'active',
  slaac: 'active',
  planned: 'planned',
  reserved: 'planned',
  inventory: 'planned',
  staged: 'building',
  offline: 'maintenance',
  failed: 'maintenance',
  decommissioning: 'retired',
  deprecated: 'retired',
};

export function cairnStatus(netboxStatus: string | undefined): string | undefined {
  return netboxStatus === undefined ? undefined : STATUS[netboxStatus];
}

/** Custom field values: `custom_field_data` (fixture) or `custom_fields` (REST), when any is set. */
export function customFields(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const data = asRecord(fields.custom_field_data) ?? asRecord(fields.custom_fields);
  if (data === undefined) return undefined;
  const set = Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return set.length > 0 ? Object.fromEntries(set) : undefined;
}

/** Tag slugs from a REST object's nested `tags`. */
export function restTags(fields: Record<string, unknown>): string[] {
  return asArray(fields.tags)
    .map((tag) => {
      const nested = asRecord(tag);
      return asText(nested === undefined ? tag : (nested.slug ?? nested.name));
    })
    .filter((slug) => slug !== undefined);
}
