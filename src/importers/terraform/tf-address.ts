/**
 * Terraform addresses and the class names derived from resource types.
 *
 * An instance address is `module.a[0].module.b.aws_instance.web["key"]`; the `dependencies` of
 * an instance name resources by their configuration address, without instance keys
 * (`module.a.module.b.aws_instance.web`), so both forms are built here.
 */

/** `[0]` for a number key, `["key"]` for a string key, nothing without a key. */
export function indexSuffix(key: unknown): string {
  if (typeof key === 'number') return `[${key}]`;
  if (typeof key === 'string') return `[${JSON.stringify(key)}]`;
  return '';
}

export function resourceAddress(module: string | undefined, mode: string, type: string, name: string): string {
  const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  return module ? `${module}.${local}` : local;
}

/** Removes instance keys (`[0]`, `["a.b"]`) from an address: the configuration address. */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** `provider["registry.terraform.io/hashicorp/aws"]` → `registry.terraform.io/hashicorp/aws`; `provider.aws` → `aws`. */
export function providerName(provider: string): string {
  const quoted = /provider\["([^"]+)"\]/.exec(provider);
  if (quoted?.[1]) return quoted[1];
  return provider.replace(/^provider\./, '');
}

/** The default class of a resource type: `tf_` + the type, in the characters a class name allows. */
export function classForType(type: string): string {
  const cleaned = type.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `tf_${cleaned}`.slice(0, 64);
}

/** Terraform type names: a provider prefix and words joined by `_`. */
export const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9_-]*$/;
