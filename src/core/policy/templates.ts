import { formatRef, type DesiredState } from '../ci/desired-state.js';
import { NotAllowedError, type FieldError } from '../shared/errors.js';

/** What a standard-change template allows for CIs of one class. */
export interface TemplateClassRule {
  class: string;
  /** Attribute keys the plan may set or remove. */
  attributes: string[];
  /** Statuses the plan may set; absent or empty means the status may not be changed. */
  statuses?: string[];
  /** Whether labels may be changed. */
  labels?: boolean;
}

/**
 * A pre-approved standard change: a plan that stays within it is authorized at once. It fixes which
 * classes, attributes and statuses the plan may touch; everything else is outside it.
 */
export interface StandardTemplate {
  name: string;
  description: string;
  classes: TemplateClassRule[];
  /** Relationship types the plan may add or change; none by default. */
  relations?: string[];
}

/** A place where a plan steps outside its template; `path` points into the plan. */
export type TemplateViolation = FieldError;

/**
 * Lists every place where `plan` steps outside `template`, each as a sentence naming the CI, e.g.
 * `cis[2] database/orders-db attribute "version" is outside template rotate-certificate`.
 * An empty list means the plan is within the template.
 */
export function checkPlanAgainstTemplate(plan: DesiredState, template: StandardTemplate): TemplateViolation[] {
  const out: TemplateViolation[] = [];
  const outside = `is outside template ${template.name}`;
  if ((plan.classes?.length ?? 0) > 0 || (plan.relationTypes?.length ?? 0) > 0) {
    out.push({ path: 'classes', message: `defining classes or relationship types ${outside}` });
  }
  plan.cis.forEach((ci, i) => {
    const where = `cis[${i}] ${formatRef(ci)}`;
    const rule = template.classes.find((r) => r.class === ci.class);
    if (!rule) {
      out.push({ path: `cis[${i}]`, message: `${where}: class "${ci.class}" ${outside}` });
      return;
    }
    for (const key of Object.keys(ci.attributes ?? {})) {
      if (!rule.attributes.includes(key)) {
        out.push({ path: `cis[${i}].attributes.${key}`, message: `${where} attribute "${key}" ${outside}` });
      }
    }
    if (ci.status !== undefined && !(rule.statuses ?? []).includes(ci.status)) {
      out.push({ path: `cis[${i}].status`, message: `${where} status "${ci.status}" ${outside}` });
    }
    if (Object.keys(ci.labels ?? {}).length > 0 && rule.labels !== true) {
      out.push({ path: `cis[${i}].labels`, message: `${where} labels ${outside}` });
    }
  });
  plan.relations.forEach((r, i) => {
    if (!(template.relations ?? []).includes(r.type)) {
      out.push({ path: `relations[${i}]`, message: `relations[${i}] ${r.from} ${r.type} ${r.to} ${outside}` });
    }
  });
  (plan.delete?.cis ?? []).forEach((ref, i) => {
    out.push({ path: `delete.cis[${i}]`, message: `deleting ${ref} ${outside}` });
  });
  (plan.delete?.relations ?? []).forEach((r, i) => {
    out.push({ path: `delete.relations[${i}]`, message: `deleting ${r.from} ${r.type} ${r.to} ${outside}` });
  });
  return out;
}

/**
 * Throws a NotAllowedError (`CHANGE_OUTSIDE_TEMPLATE`) listing the violations when the plan steps
 * outside its template, with what to do about it.
 */
export function assertWithinTemplate(changeRef: string, plan: DesiredState, template: StandardTemplate): void {
  const violations = checkPlanAgainstTemplate(plan, template);
  if (violations.length === 0) return;
  const shown = violations.slice(0, 5).map((v) => v.message);
  const more = violations.length > 5 ? `; and ${violations.length - 5} more` : '';
  throw new NotAllowedError(
    'CHANGE_OUTSIDE_TEMPLATE',
    `${changeRef} steps outside its standard template: ${shown.join('; ')}${more}. ` +
      'Narrow the plan, or raise it as a normal change.',
    violations,
  );
}

/** Finds a template by name in a catalog. */
export function findTemplate(catalog: readonly StandardTemplate[], name: string): StandardTemplate | undefined {
  return catalog.find((t) => t.name === name);
}

/**
 * The standard-change rule a create, an edit, a replan and the form's preview all apply: the
 * template must be in the catalog and the plan must stay within it. Throws NotAllowedError
 * (`CHANGE_TEMPLATE_NOT_FOUND`, `CHANGE_OUTSIDE_TEMPLATE`) naming what to do.
 */
export function assertTemplateFits(
  changeRef: string,
  plan: DesiredState,
  name: string,
  catalog: readonly StandardTemplate[],
): void {
  const template = findTemplate(catalog, name);
  if (!template) {
    throw new NotAllowedError(
      'CHANGE_TEMPLATE_NOT_FOUND',
      `Template "${name}" is not one of the policy's templates: choose one it defines, or raise the change as a normal one.`,
    );
  }
  assertWithinTemplate(changeRef, plan, template);
}
