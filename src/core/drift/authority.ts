import type { AttributeAuthority } from '../cmdb/cmdb.service.js';
import { contentHash } from '../shared/canonical.js';
import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';

/** One source's claim: the attributes (`*` for all) of these classes (and their subclasses) are its to set. */
export interface SourceRule {
  name: string;
  description?: string;
  classes: string[];
  attributes: string[];
}

/** What `cairn drift authority apply -f sources.yaml` reads. */
export interface AuthorityRules {
  sources: SourceRule[];
}

/** A stored version of the rules; a new version is written only when their hash changes. */
export interface AuthorityVersion {
  version: number;
  rules: AuthorityRules;
  hash: string;
  createdAt: string;
  author: string;
}

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The source a write or observation speaks for: `import:glpi` and `drift:glpi` both speak for
 * `glpi`, so one rule covers a source's imports, its drift checks and the drift accepted from it.
 */
export function sourceName(source: string): string {
  return source.replace(/^(import|drift):/, '');
}

/** Checks a parsed sources document; InputError (DRIFT_AUTHORITY_INVALID) naming every bad field. */
export function parseAuthorityRules(doc: unknown, knownClass: (name: string) => boolean): AuthorityRules {
  const errors: FieldError[] = [];
  const sources: SourceRule[] = [];
  const root = doc as { sources?: unknown } | null;
  if (typeof root !== 'object' || root === null || !Array.isArray(root.sources)) {
    throw new InputError('DRIFT_AUTHORITY_INVALID', 'the sources file must be a mapping with a `sources` list');
  }
  for (const key of Object.keys(root))
    if (key !== 'sources') errors.push({ path: key, message: 'is not a known field (expected sources)' });
  root.sources.forEach((raw: unknown, i) => {
    const path = `sources[${i}]`;
    const s = raw as Record<string, unknown>;
    if (typeof s !== 'object' || s === null)
      return errors.push({ path, message: 'must be a mapping with name, classes and attributes' });
    for (const key of Object.keys(s))
      if (!['name', 'description', 'classes', 'attributes'].includes(key))
        errors.push({
          path: `${path}.${key}`,
          message: 'is not a known field (name, description, classes, attributes)',
        });
    const name = typeof s.name === 'string' ? s.name : '';
    if (!SOURCE_NAME.test(name))
      errors.push({ path: `${path}.name`, message: 'must be a source name: letters, digits, ".", "_" or "-"' });
    const classes = textList(s.classes, `${path}.classes`, errors);
    for (const c of classes)
      if (!knownClass(c)) errors.push({ path: `${path}.classes`, message: `"${c}" is not a known class` });
    const attributes = s.attributes === undefined ? ['*'] : textList(s.attributes, `${path}.attributes`, errors);
    const rule: SourceRule = { name, classes, attributes };
    if (typeof s.description === 'string') rule.description = s.description;
    sources.push(rule);
  });
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.name))
      errors.push({ path: 'sources', message: `source "${s.name}" appears twice: give it one entry` });
    seen.add(s.name);
  }
  errors.push(...overlaps(sources));
  if (errors.length > 0)
    throw new InputError(
      'DRIFT_AUTHORITY_INVALID',
      describeFieldErrors('the source authority rules are invalid', errors),
      errors,
    );
  return { sources };
}

/** Two sources may not claim the same attribute of the same class (a subclass may be claimed apart). */
function overlaps(sources: SourceRule[]): FieldError[] {
  const owner = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const s of sources) {
    for (const c of s.classes) {
      for (const a of s.attributes) {
        const key = `${c}\u0000${a}`;
        const other = owner.get(key);
        if (other !== undefined && other !== s.name)
          errors.push({ path: 'sources', message: `${c}.${a} is claimed by both ${other} and ${s.name}` });
        owner.set(key, s.name);
      }
    }
  }
  return errors;
}

function textList(value: unknown, path: string, errors: FieldError[]): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v === '')) {
    errors.push({ path, message: 'must be a non-empty list of names' });
    return [];
  }
  return value as string[];
}

export function authorityHash(rules: AuthorityRules): string {
  return contentHash(rules);
}

/**
 * Who owns an attribute of a class: the rule on the nearest class of its lineage, an explicit
 * attribute before `*` on the same class. Undefined when no source claims it.
 */
export function ownerOf(rules: AuthorityRules, lineage: string[], attribute: string): string | undefined {
  for (const cls of lineage) {
    const explicit = rules.sources.find((s) => s.classes.includes(cls) && s.attributes.includes(attribute));
    if (explicit) return explicit.name;
    const star = rules.sources.find((s) => s.classes.includes(cls) && s.attributes.includes('*'));
    if (star) return star.name;
  }
  return undefined;
}

/**
 * The rules as the CMDB's write hook. Only imports and observations are held back (`import:*`,
 * `drift:*`, or a source the rules name): people, the API and implemented changes may still set
 * any attribute, since that is how an owned value gets corrected on purpose.
 */
export function authorityFrom(rules: AuthorityRules, lineageOf: (className: string) => string[]): AttributeAuthority {
  if (rules.sources.length === 0) return () => true;
  const named = new Set(rules.sources.map((s) => s.name));
  const cache = new Map<string, string | null>();
  return (className, attribute, source) => {
    if (source === null) return true;
    const name = sourceName(source);
    if (name === source && !named.has(name)) return true;
    const key = `${className}\u0000${attribute}`;
    let owner = cache.get(key);
    if (owner === undefined) {
      owner = ownerOf(rules, lineageOf(className), attribute) ?? null;
      cache.set(key, owner);
    }
    return owner === null || owner === name;
  };
}
