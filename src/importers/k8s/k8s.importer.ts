import { toLabels } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder } from '../common/infra-state-builder.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { attributesOf } from './k8s-attributes.js';
import { K8sLinker, type K8sRefs } from './k8s-links.js';
import { KIND_CLASSES, KINDS, dig, isClusterScoped, readObjects, type K8sKind, type K8sObject } from './k8s-objects.js';

/**
 * Kubernetes manifests → desired state. See docs/importers/k8s.md for the mapping table.
 *
 * CI names are `namespace/name` (a cluster-wide object, a Namespace or a StorageClass, is just
 * its name; a custom resource is `namespace/Kind/name`); objects without a namespace are in
 * `default`. Every namespace that an object lives in becomes a CI, declared or not.
 */
export const k8sImporter: Importer = {
  format: 'k8s',
  description:
    'Kubernetes manifests or `kubectl get -o yaml` (multi-document YAML, List): workloads, services, ingresses, config (keys only), storage, policies, RBAC, webhooks, custom resources',
  parse: parseK8s,
};

/** The kinds whose class a mapping may change (custom resources stay `k8s_object`). */
const MAPPABLE_KINDS = KINDS.filter((kind) => kind !== 'CustomResource');

class K8sMapper implements K8sRefs {
  readonly builder = new StateBuilder();
  private readonly classes: Map<string, string>;

  constructor(options: ImporterOptions | undefined) {
    this.classes = readClassOverrides(
      { format: 'k8s', kinds: MAPPABLE_KINDS, kindWord: 'Kubernetes kind' },
      options?.mapping,
    );
    for (const [kind, className] of this.classes) {
      declareOverrideClass(this.builder, className, KIND_CLASSES[kind as K8sKind], `Kubernetes ${kind}`);
    }
  }

  classOf(kind: K8sKind): string {
    return this.classes.get(kind) ?? KIND_CLASSES[kind];
  }

  ref(kind: K8sKind, namespace: string | undefined, name: string): string {
    return isClusterScoped(kind) || namespace === undefined
      ? `${this.classOf(kind)}/${name}`
      : `${this.classOf(kind)}/${namespace}/${name}`;
  }

  refOf(object: K8sObject): string {
    return `${this.classOf(object.kind)}/${ciName(object)}`;
  }

  addObjects(objects: K8sObject[]): void {
    for (const object of objects) {
      const labels = toLabels(dig(object.body, 'metadata', 'labels'));
      const ci = { class: this.classOf(object.kind), name: ciName(object), attributes: attributesOf(object), labels };
      this.builder.addCi(ci, object.origin, 'replace-with-issue');
    }
    // Namespaces nobody declared still exist in the cluster (`default` always does).
    for (const object of objects) {
      if (object.namespace === undefined) continue;
      const nsRef = this.ref('Namespace', object.namespace, object.namespace);
      if (!this.builder.hasCi(nsRef))
        this.builder.addCi({ class: this.classOf('Namespace'), name: object.namespace }, object.origin);
    }
  }
}

/** `namespace/name`, the name alone for a cluster-wide object, `namespace/Kind/name` for a custom resource. */
function ciName(object: K8sObject): string {
  if (object.kind === 'Namespace') return object.name;
  const name = object.custom ? `${object.custom.kind}/${object.name}` : object.name;
  return object.namespace === undefined ? name : `${object.namespace}/${name}`;
}

function parseK8s(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const mapper = new K8sMapper(options);
  const { objects, issues, skipped } = readObjects(files);
  mapper.builder.issues.push(...issues);
  mapper.builder.skipped.push(...skipped);
  mapper.addObjects(objects);
  new K8sLinker(mapper, mapper.builder, objects).addAll();
  return mapper.builder.build();
}
