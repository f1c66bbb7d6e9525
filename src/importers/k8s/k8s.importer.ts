import { toLabels } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { attributesOf, ingressBackends } from './k8s-attributes.js';
import { KIND_CLASSES, KINDS, WORKLOAD_KINDS, dig, readObjects, type K8sKind, type K8sObject } from './k8s-objects.js';
import { podLabels, podReferences, selectorMatches, serviceSelector } from './k8s-relations.js';

/**
 * Kubernetes manifests → desired state. See docs/importers/k8s.md for the mapping table.
 *
 * CI names are `namespace/name` (a Namespace is just its name); objects without a namespace are
 * in `default`. Every namespace that an object lives in becomes a CI, declared or not.
 */
export const k8sImporter: Importer = {
  format: 'k8s',
  description:
    'Kubernetes manifests (multi-document YAML, List): workloads, services, ingresses, config maps, secrets (keys only), claims, accounts',
  parse: parseK8s,
};

class K8sMapper {
  readonly builder = new StateBuilder();
  private readonly classes: Map<string, string>;

  constructor(options: ImporterOptions | undefined) {
    this.classes = readClassOverrides({ format: 'k8s', kinds: KINDS, kindWord: 'Kubernetes kind' }, options?.mapping);
    for (const [kind, className] of this.classes) {
      declareOverrideClass(this.builder, className, KIND_CLASSES[kind as K8sKind], `Kubernetes ${kind}`);
    }
  }

  classOf(kind: K8sKind): string {
    return this.classes.get(kind) ?? KIND_CLASSES[kind];
  }

  ref(kind: K8sKind, namespace: string, name: string): string {
    return kind === 'Namespace' ? `${this.classOf(kind)}/${name}` : `${this.classOf(kind)}/${namespace}/${name}`;
  }

  refOf(object: K8sObject): string {
    return this.ref(object.kind, object.namespace, object.name);
  }

  addObjects(objects: K8sObject[]): void {
    for (const object of objects) {
      const name = object.kind === 'Namespace' ? object.name : `${object.namespace}/${object.name}`;
      const labels = toLabels(dig(object.body, 'metadata', 'labels'));
      const ci = { class: this.classOf(object.kind), name, attributes: attributesOf(object), labels };
      this.builder.addCi(ci, object.origin, 'replace-with-issue');
    }
    // Namespaces nobody declared still exist in the cluster (`default` always does).
    for (const object of objects) {
      const nsRef = this.ref('Namespace', object.namespace, object.namespace);
      if (!this.builder.hasCi(nsRef))
        this.builder.addCi({ class: this.classOf('Namespace'), name: object.namespace }, object.origin);
    }
  }

  addRelations(objects: K8sObject[]): void {
    const workloads = objects.filter((o) => WORKLOAD_KINDS.includes(o.kind));
    for (const object of objects) {
      if (object.kind !== 'Namespace') {
        const nsRef = this.ref('Namespace', object.namespace, object.namespace);
        this.builder.addRelation({ type: 'contains', from: nsRef, to: this.refOf(object) }, object.origin);
      }
      if (object.kind === 'Service') this.addSelects(object, workloads);
      if (object.kind === 'Ingress') {
        for (const service of ingressBackends(object)) {
          this.builder.addRelation(
            { type: 'routes_to', from: this.refOf(object), to: this.ref('Service', object.namespace, service) },
            object.origin,
          );
        }
      }
      if (WORKLOAD_KINDS.includes(object.kind)) this.addUses(object);
      if (object.kind === 'ServiceAccount') this.addAccountUses(object);
    }
  }

  private addSelects(service: K8sObject, workloads: K8sObject[]): void {
    const selector = serviceSelector(service);
    if (!selector) return;
    for (const workload of workloads) {
      if (workload.namespace === service.namespace && selectorMatches(selector, podLabels(workload))) {
        this.builder.addRelation(
          { type: 'selects', from: this.refOf(service), to: this.refOf(workload) },
          service.origin,
        );
      }
    }
  }

  private addUses(workload: K8sObject): void {
    const targets = new Map<string, Set<string>>();
    for (const reference of podReferences(workload)) {
      const target = this.ref(reference.kind, workload.namespace, reference.name);
      // An optional reference (or the implicit `default` account) to something absent is not an error.
      if (reference.optional && !this.builder.hasCi(target)) continue;
      const vias = targets.get(target) ?? new Set<string>();
      vias.add(reference.via);
      targets.set(target, vias);
    }
    for (const [target, vias] of targets) {
      const relation = { type: 'uses', from: this.refOf(workload), to: target, attributes: { via: [...vias].sort() } };
      this.builder.addRelation(relation, workload.origin);
    }
  }

  private addAccountUses(account: K8sObject): void {
    const pulls = dig(account.body, 'imagePullSecrets');
    if (!Array.isArray(pulls)) return;
    for (const pull of pulls) {
      const name = dig(pull, 'name');
      if (typeof name !== 'string' || name === '') continue;
      const to = this.ref('Secret', account.namespace, name);
      this.builder.addRelation(
        { type: 'uses', from: this.refOf(account), to, attributes: { via: ['imagePullSecrets'] } },
        account.origin,
      );
    }
  }
}

function parseK8s(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const mapper = new K8sMapper(options);
  const { objects, issues, skipped } = readObjects(files);
  mapper.builder.issues.push(...issues);
  mapper.builder.skipped.push(...skipped);
  mapper.addObjects(objects);
  mapper.addRelations(objects);
  return mapper.builder.build();
}
