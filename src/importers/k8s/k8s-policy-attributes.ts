import { toJsonValue, type JsonValue } from '../common/infra-json.js';
import { customSpec } from './k8s-custom.js';
import { dig, records, str, type K8sObject } from './k8s-objects.js';
import { quantity } from './k8s-workload-attributes.js';

type Attributes = Record<string, JsonValue>;

function set(target: Attributes, key: string, value: unknown): void {
  const json = toJsonValue(value);
  if (json !== undefined && json !== null) target[key] = json;
}

/** The workload an autoscaler scales: `{ kind, name }`. */
export function scaleTarget(object: K8sObject): { kind: string; name: string } | undefined {
  const ref = dig(object.body, 'spec', 'scaleTargetRef');
  const kind = str(dig(ref, 'kind'));
  const name = str(dig(ref, 'name'));
  return kind && name ? { kind, name } : undefined;
}

function autoscalerAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  const target = scaleTarget(object);
  if (target) out['target'] = target;
  const min = dig(spec, 'minReplicas');
  out['min_replicas'] = typeof min === 'number' ? min : 1;
  set(out, 'max_replicas', dig(spec, 'maxReplicas'));
  // autoscaling/v1 names one CPU target; v2 lists metrics.
  set(out, 'target_cpu_utilization', dig(spec, 'targetCPUUtilizationPercentage'));
  set(out, 'metrics', dig(spec, 'metrics'));
}

function disruptionBudgetAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  set(out, 'min_available', dig(spec, 'minAvailable'));
  set(out, 'max_unavailable', dig(spec, 'maxUnavailable'));
  set(out, 'selector', dig(spec, 'selector'));
}

function networkPolicyAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  out['pod_selector'] = toJsonValue(dig(spec, 'podSelector')) ?? {};
  const ingress = dig(spec, 'ingress');
  const egress = dig(spec, 'egress');
  // Kubernetes' default: Ingress always, Egress when egress rules are given.
  const types = dig(spec, 'policyTypes');
  out['policy_types'] = Array.isArray(types)
    ? (toJsonValue(types) ?? [])
    : egress !== undefined
      ? ['Ingress', 'Egress']
      : ['Ingress'];
  set(out, 'ingress', ingress);
  set(out, 'egress', egress);
}

/** A binding's subjects as `{ kind, name, namespace }`; a ServiceAccount's namespace defaults to the binding's. */
export function bindingSubjects(object: K8sObject): { kind: string; name: string; namespace?: string }[] {
  return records(dig(object.body, 'subjects')).flatMap((s) => {
    const kind = str(s['kind']);
    const name = str(s['name']);
    if (!kind || !name) return [];
    const namespace = str(s['namespace']) ?? (kind === 'ServiceAccount' ? object.namespace : undefined);
    return [namespace ? { kind, name, namespace } : { kind, name }];
  });
}

export function roleRef(object: K8sObject): { kind: string; name: string } | undefined {
  const kind = str(dig(object.body, 'roleRef', 'kind'));
  const name = str(dig(object.body, 'roleRef', 'name'));
  return kind && name ? { kind, name } : undefined;
}

function webhookAttributes(object: K8sObject, out: Attributes): void {
  out['webhooks'] = records(object.body['webhooks']).map((hook) => {
    const entry: Attributes = {};
    set(entry, 'name', str(hook['name']));
    const service = dig(hook, 'clientConfig', 'service');
    if (service !== undefined) {
      const target: Attributes = {};
      for (const key of ['namespace', 'name', 'path', 'port']) set(target, key, dig(service, key));
      entry['service'] = target;
    }
    set(entry, 'url', str(dig(hook, 'clientConfig', 'url')));
    // The defaults of admissionregistration.k8s.io/v1, which the API server fills in.
    entry['failure_policy'] = str(hook['failurePolicy']) ?? 'Fail';
    set(entry, 'side_effects', str(hook['sideEffects']));
    set(entry, 'rules', hook['rules']);
    set(entry, 'namespace_selector', hook['namespaceSelector']);
    set(entry, 'object_selector', hook['objectSelector']);
    return entry;
  });
}

/** The Service each webhook of a configuration calls, as `{ namespace, name }`. */
export function webhookServices(object: K8sObject): { namespace: string; name: string }[] {
  return records(object.body['webhooks']).flatMap((hook) => {
    const service = dig(hook, 'clientConfig', 'service');
    const namespace = str(dig(service, 'namespace'));
    const name = str(dig(service, 'name'));
    return namespace && name ? [{ namespace, name }] : [];
  });
}

/** Which of a PersistentVolume's sources it uses: `hostPath`, `nfs`, `csi`, … */
const VOLUME_SOURCES = [
  'csi',
  'hostPath',
  'local',
  'nfs',
  'iscsi',
  'fc',
  'cephfs',
  'rbd',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'cinder',
  'vsphereVolume',
];

function persistentVolumeAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  set(out, 'storage', quantity(dig(spec, 'capacity', 'storage'), 'storage'));
  set(out, 'access_modes', dig(spec, 'accessModes'));
  // Retain is the default of a volume made by hand; a provisioned one carries its class's policy.
  out['reclaim_policy'] = str(dig(spec, 'persistentVolumeReclaimPolicy')) ?? 'Retain';
  set(out, 'storage_class', str(dig(spec, 'storageClassName')));
  out['volume_mode'] = str(dig(spec, 'volumeMode')) ?? 'Filesystem';
  const source = VOLUME_SOURCES.find((key) => dig(spec, key) !== undefined);
  set(out, 'source', source);
  set(out, 'csi_driver', str(dig(spec, 'csi', 'driver')));
  set(
    out,
    'path',
    str(dig(spec, 'hostPath', 'path')) ?? str(dig(spec, 'local', 'path')) ?? str(dig(spec, 'nfs', 'path')),
  );
  set(out, 'server', str(dig(spec, 'nfs', 'server')));
  const claim = claimOf(object);
  if (claim) out['claim'] = `${claim.namespace}/${claim.name}`;
}

/** The claim a PersistentVolume is bound or reserved to. */
export function claimOf(object: K8sObject): { namespace: string; name: string } | undefined {
  const namespace = str(dig(object.body, 'spec', 'claimRef', 'namespace'));
  const name = str(dig(object.body, 'spec', 'claimRef', 'name'));
  return namespace && name ? { namespace, name } : undefined;
}

/** Attributes of the policy, access, cluster and custom kinds; false for a kind not handled here. */
export function policyAttributes(object: K8sObject, out: Attributes): boolean {
  const spec = dig(object.body, 'spec');
  switch (object.kind) {
    case 'HorizontalPodAutoscaler':
      autoscalerAttributes(object, out);
      return true;
    case 'PodDisruptionBudget':
      disruptionBudgetAttributes(object, out);
      return true;
    case 'NetworkPolicy':
      networkPolicyAttributes(object, out);
      return true;
    case 'Role':
    case 'ClusterRole':
      out['rules'] = toJsonValue(object.body['rules']) ?? [];
      set(out, 'aggregation_rule', object.body['aggregationRule']);
      return true;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      set(out, 'role_ref', roleRef(object));
      out['subjects'] = bindingSubjects(object);
      return true;
    case 'ValidatingWebhookConfiguration':
    case 'MutatingWebhookConfiguration':
      webhookAttributes(object, out);
      return true;
    case 'IngressClass':
      set(out, 'controller', str(dig(spec, 'controller')));
      set(out, 'parameters', dig(spec, 'parameters'));
      // The one annotation read: it is how a cluster names its default class.
      if (dig(object.body, 'metadata', 'annotations', 'ingressclass.kubernetes.io/is-default-class') === 'true')
        out['default'] = true;
      return true;
    case 'StorageClass':
      set(out, 'provisioner', str(object.body['provisioner']));
      set(out, 'parameters', object.body['parameters']);
      out['reclaim_policy'] = str(object.body['reclaimPolicy']) ?? 'Delete';
      out['volume_binding_mode'] = str(object.body['volumeBindingMode']) ?? 'Immediate';
      set(out, 'allow_volume_expansion', object.body['allowVolumeExpansion']);
      return true;
    case 'PersistentVolume':
      persistentVolumeAttributes(object, out);
      return true;
    case 'CustomResource':
      out['kind'] = object.custom?.kind ?? '';
      out['api_version'] = object.custom?.apiVersion ?? '';
      set(out, 'spec', customSpec(spec));
      return true;
    case 'Namespace':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Pod':
    case 'Job':
    case 'CronJob':
    case 'Service':
    case 'Ingress':
    case 'ConfigMap':
    case 'Secret':
    case 'PersistentVolumeClaim':
    case 'ServiceAccount':
      return false;
  }
}
