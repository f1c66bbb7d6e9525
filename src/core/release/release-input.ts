import type { DesiredState } from '../ci/desired-state.js';
import { parseRef } from '../ci/desired-state.js';
import { checkShape } from '../shared/document-schema.js';
import { InputError, describeFieldErrors, type FieldError } from '../shared/errors.js';
import { ReleaseDocument } from './release-document.schema.js';
import type { Artifact } from './release.types.js';
import { parseSemVer } from './semver.js';

const INVALID = 'the release is not valid';

/** What a release is made of before it is stored. */
export interface ReleaseDraft {
  service: string;
  version: string;
  notes: string;
  artifacts: Artifact[];
  updates: DesiredState;
}

/**
 * Reads a release: the service's `class/name`, a semantic version, and release.yaml (notes,
 * artifacts, an extra plan). Its updates are the service's `version` attribute set to the version,
 * then the plan's CIs and relationships. Throws RELEASE_INVALID naming every bad field.
 */
export function readRelease(service: string, version: string, raw: unknown): ReleaseDraft {
  const doc = checkShape(ReleaseDocument, raw ?? {}, 'RELEASE_INVALID', INVALID);
  const errors: FieldError[] = [];
  const ref = parseRef(service);
  if (!ref) errors.push({ path: 'service', message: 'must be a CI reference class/name, e.g. application/shop-api' });
  if (!parseSemVer(version))
    errors.push({
      path: 'version',
      message: 'must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1',
    });
  const plan = doc.plan;
  if (plan && (plan.delete !== undefined || plan.classes !== undefined || plan.relationTypes !== undefined))
    errors.push({ path: 'plan', message: 'may only set CIs and relationships (cis, relations)' });
  const names = new Set<string>();
  (doc.artifacts ?? []).forEach((a, i) => {
    if (names.has(a.name)) errors.push({ path: `artifacts[${i}].name`, message: `"${a.name}" is listed twice` });
    names.add(a.name);
  });
  if (errors.length > 0) throw new InputError('RELEASE_INVALID', describeFieldErrors(INVALID, errors), errors);
  // The service's own entry in the plan, if any, is folded into the one that sets its version.
  const same = (c: { class: string; name: string }) => c.class === ref!.class && c.name === ref!.name;
  const mine = (doc.plan?.cis ?? []).find(same);
  const own = { ...mine, class: ref!.class, name: ref!.name, attributes: { ...mine?.attributes, version } };
  const extra = (doc.plan?.cis ?? []).filter((c) => !same(c));
  return {
    service: `${ref!.class}/${ref!.name}`,
    version,
    notes: doc.notes ?? '',
    artifacts: (doc.artifacts ?? []).map((a) => ({
      name: a.name,
      digest: a.digest,
      location: a.location,
      ...(a.dependencies ? { dependencies: a.dependencies } : {}),
    })),
    updates: { cis: [own, ...extra], relations: doc.plan?.relations ?? [] },
  };
}
