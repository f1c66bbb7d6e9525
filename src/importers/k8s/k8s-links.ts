import type { StateBuilder } from '../common/infra-state-builder.js';
import { ingressBackends } from './k8s-attributes.js';
import { configMapData, configuredValues, servicesNamed, type ConfigMapData } from './k8s-dependencies.js';
import { KIND_CLASSES, WORKLOAD_KINDS, dig, records, str, type K8sKind, type K8sObject } from './k8s-objects.js';
import { bindingSubjects, claimOf, roleRef, scaleTarget, webhookServices } from './k8s-policy-attributes.js';
import { labelSelectorMatches, podLabels, podReferences, selectorMatches, serviceSelector } from './k8s-relations.js';

/** How the importer names CIs: what the relationships need of it. */
export interface K8sRefs {
  ref(kind: K8sKind, namespace: string | undefined, name: string): string;
  refOf(object: K8sObject): string;
}

/**
 * ClusterRoles every cluster has (`cluster-admin`, `view`, `system:…`): a binding to one that
 * the input does not hold is not left as an unresolved reference, as no import will bring it.
 */
function isBuiltInClusterRole(name: string): boolean {
  return ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
}

/** Adds the relationships between the objects of one import. */
export class K8sLinker {
  private readonly workloads: K8sObject[];
  private readonly services = new Map<string, K8sObject>();
  private readonly configMaps: ConfigMapData;

  constructor(
    private readonly refs: K8sRefs,
    private readonly builder: StateBuilder,
    private readonly objects: K8sObject[],
  ) {
    this.workloads = objects.filter((o) => WORKLOAD_KINDS.includes(o.kind));
    for (const o of objects) if (o.kind === 'Service') this.services.set(`${o.namespace}/${o.name}`, o);
    this.configMaps = configMapData(objects);
  }

  addAll(): void {
    for (const object of this.objects) {
      if (object.kind !== 'Namespace' && object.namespace !== undefined) {
        const nsRef = this.refs.ref('Namespace', object.namespace, object.namespace);
        this.relate('contains', nsRef, this.refs.refOf(object), object);
      }
      this.addLinksOf(object);
    }
  }

  private relate(type: string, from: string, to: string, at: K8sObject, attributes?: Record<string, string[]>): void {
    this.builder.addRelation(attributes ? { type, from, to, attributes } : { type, from, to }, at.origin);
  }

  private addLinksOf(object: K8sObject): void {
    const from = this.refs.refOf(object);
    const spec = dig(object.body, 'spec');
    switch (object.kind) {
      case 'Service':
        this.addSelects(object);
        break;
      case 'Ingress': {
        for (const service of ingressBackends(object))
          this.relate('routes_to', from, this.refs.ref('Service', object.namespace, service), object);
        const ingressClass = str(dig(spec, 'ingressClassName'));
        if (ingressClass) this.relate('uses', from, this.refs.ref('IngressClass', undefined, ingressClass), object);
        break;
      }
      case 'ServiceAccount':
        for (const pull of records(object.body['imagePullSecrets'])) {
          const name = str(pull['name']);
          if (name)
            this.relate('uses', from, this.refs.ref('Secret', object.namespace, name), object, {
              via: ['imagePullSecrets'],
            });
        }
        break;
      case 'PersistentVolumeClaim': {
        const volume = str(dig(spec, 'volumeName'));
        if (volume) this.relate('uses', from, this.refs.ref('PersistentVolume', undefined, volume), object);
        this.addStorageClass(object, str(dig(spec, 'storageClassName')));
        break;
      }
      case 'PersistentVolume': {
        const claim = claimOf(object);
        if (claim)
          this.relate('uses', this.refs.ref('PersistentVolumeClaim', claim.namespace, claim.name), from, object);
        this.addStorageClass(object, str(dig(spec, 'storageClassName')));
        break;
      }
      case 'HorizontalPodAutoscaler':
        this.addScaleTarget(object);
        break;
      case 'PodDisruptionBudget':
        this.addAppliesToPods(object, dig(spec, 'selector'));
        break;
      case 'NetworkPolicy':
        this.addAppliesToPods(object, dig(spec, 'podSelector') ?? {});
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        this.addBinding(object);
        break;
      case 'ValidatingWebhookConfiguration':
      case 'MutatingWebhookConfiguration':
        for (const service of webhookServices(object))
          this.relate('depends_on', from, this.refs.ref('Service', service.namespace, service.name), object);
        break;
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
      case 'ReplicaSet':
      case 'ReplicationController':
      case 'Pod':
      case 'Job':
      case 'CronJob':
        this.addUses(object);
        this.addDependencies(object);
        break;
      case 'Namespace':
      case 'ConfigMap':
      case 'Secret':
      case 'IngressClass':
      case 'StorageClass':
      case 'Role':
      case 'ClusterRole':
      case 'CustomResource':
        // Nothing these name is another object (a role's rules name kinds, not objects).
        break;
    }
  }

  private addStorageClass(object: K8sObject, storageClass: string | undefined): void {
    if (storageClass)
      this.relate('uses', this.refs.refOf(object), this.refs.ref('StorageClass', undefined, storageClass), object);
  }

  private addSelects(service: K8sObject): void {
    const selector = serviceSelector(service);
    if (!selector) return;
    for (const workload of this.workloads) {
      if (workload.namespace === service.namespace && selectorMatches(selector, podLabels(workload)))
        this.relate('selects', this.refs.refOf(service), this.refs.refOf(workload), service);
    }
  }

  private addUses(workload: K8sObject): void {
    const targets = new Map<string, Set<string>>();
    for (const reference of podReferences(workload)) {
      const target = this.refs.ref(reference.kind, workload.namespace, reference.name);
      // An optional reference (or the implicit `default` account) to something absent is not an error.
      if (reference.optional && !this.builder.hasCi(target)) continue;
      const vias = targets.get(target) ?? new Set<string>();
      vias.add(reference.via);
      targets.set(target, vias);
    }
    for (const [target, vias] of targets)
      this.relate('uses', this.refs.refOf(workload), target, workload, { via: [...vias].sort() });
  }

  /**
   * `depends_on` from a workload to each Service its configuration names by DNS name
   * (`CART_ADDR=cartservice:7070`), except the Services that select the workload itself.
   */
  private addDependencies(workload: K8sObject): void {
    const namespace = workload.namespace ?? 'default';
    const own = new Set(
      [...this.services.values()]
        .filter((s) => s.namespace === namespace && selectorMatchesWorkload(s, workload))
        .map((s) => `${s.namespace}/${s.name}`),
    );
    const targets = new Map<string, { namespace: string; name: string; via: Set<string> }>();
    for (const { via, value } of configuredValues(workload, this.configMaps)) {
      for (const named of servicesNamed(value, namespace, (ns, name) => this.services.has(`${ns}/${name}`))) {
        const key = `${named.namespace}/${named.name}`;
        if (own.has(key)) continue;
        const target = targets.get(key) ?? { namespace: named.namespace, name: named.name, via: new Set<string>() };
        target.via.add(via);
        targets.set(key, target);
      }
    }
    for (const target of targets.values()) {
      const to = this.refs.ref('Service', target.namespace, target.name);
      this.relate('depends_on', this.refs.refOf(workload), to, workload, { via: [...target.via].sort() });
    }
  }

  private addScaleTarget(autoscaler: K8sObject): void {
    const target = scaleTarget(autoscaler);
    if (!target) return;
    const known = WORKLOAD_KINDS.find((kind) => kind === target.kind);
    const to = known
      ? this.refs.ref(known, autoscaler.namespace, target.name)
      : `${KIND_CLASSES.CustomResource}/${autoscaler.namespace}/${target.kind}/${target.name}`;
    this.relate('applies_to', this.refs.refOf(autoscaler), to, autoscaler);
  }

  /** A disruption budget or network policy applies to the workloads whose pods its selector matches. */
  private addAppliesToPods(policy: K8sObject, selector: unknown): void {
    for (const workload of this.workloads) {
      if (workload.namespace === policy.namespace && labelSelectorMatches(selector, podLabels(workload)))
        this.relate('applies_to', this.refs.refOf(policy), this.refs.refOf(workload), policy);
    }
  }

  private addBinding(binding: K8sObject): void {
    const from = this.refs.refOf(binding);
    for (const subject of bindingSubjects(binding)) {
      if (subject.kind === 'ServiceAccount')
        this.relate('applies_to', from, this.refs.ref('ServiceAccount', subject.namespace, subject.name), binding);
    }
    const role = roleRef(binding);
    if (!role) return;
    const to =
      role.kind === 'ClusterRole'
        ? this.refs.ref('ClusterRole', undefined, role.name)
        : this.refs.ref('Role', binding.namespace, role.name);
    if (role.kind === 'ClusterRole' && isBuiltInClusterRole(role.name) && !this.builder.hasCi(to)) return;
    this.relate('uses', from, to, binding);
  }
}

function selectorMatchesWorkload(service: K8sObject, workload: K8sObject): boolean {
  const selector = serviceSelector(service);
  return selector !== undefined && selectorMatches(selector, podLabels(workload));
}
