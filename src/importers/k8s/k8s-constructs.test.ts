import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { readSample, samplePath } from '../../../test/helpers/samples.js';
import type { ImportResult } from '../importer.types.js';
import { k8sImporter } from './k8s.importer.js';

/** Every manifest of the k8s-constructs sample folder, read together as one import. */
function constructFiles(): { path: string; text: string }[] {
  const root = samplePath('k8s-constructs');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readSample('k8s-constructs', path) }));
}

/** Counts `kind:` lines (top-level, or the quoted JSON-style one of hpa-rs.yaml), independently of the importer. */
function kindCounts(files: { text: string }[]): Record<string, number> {
  const kinds = files.flatMap((f) => [...f.text.matchAll(/^(?:kind: (\w+)\s*$| {2}kind: "(\w+)",$)/gm)]);
  return countBy(kinds, (m) => m[1] ?? m[2]!);
}

const files = constructFiles();
const result: ImportResult = k8sImporter.parse(files);
const byRef = new Map(result.state.cis.map((ci) => [`${ci.class}/${ci.name}`, ci]));
const related = (type: string, from: string): string[] =>
  result.state.relations
    .filter((r) => r.type === type && r.from === from)
    .map((r) => r.to)
    .sort();

describe('k8s importer on the Kubernetes project samples of each construct', () => {
  it('makes one CI per object of the input, of the class of its kind', () => {
    const kinds = kindCounts(files);
    expect(kinds).toEqual({
      Namespace: 1,
      ServiceAccount: 2,
      Role: 2,
      ClusterRole: 2,
      RoleBinding: 2,
      ClusterRoleBinding: 2,
      ConfigMap: 1,
      Service: 11,
      Deployment: 4,
      StatefulSet: 2,
      ReplicaSet: 1,
      ReplicationController: 2,
      Pod: 1,
      Job: 2,
      HorizontalPodAutoscaler: 2,
      PodDisruptionBudget: 1,
      NetworkPolicy: 1,
      IngressClass: 1,
      PersistentVolume: 1,
      PersistentVolumeClaim: 1,
      StorageClass: 1,
      ValidatingWebhookConfiguration: 1,
      ServiceMonitor: 1,
    });
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      // ingress-nginx declares its namespace; `default` and `monitoring` are implied.
      k8s_namespace: kinds['Namespace']! + 2,
      k8s_service_account: kinds['ServiceAccount'],
      k8s_role: kinds['Role'],
      k8s_cluster_role: kinds['ClusterRole'],
      k8s_role_binding: kinds['RoleBinding'],
      k8s_cluster_role_binding: kinds['ClusterRoleBinding'],
      k8s_configmap: kinds['ConfigMap'],
      k8s_service: kinds['Service'],
      k8s_deployment: kinds['Deployment'],
      k8s_statefulset: kinds['StatefulSet'],
      k8s_replicaset: kinds['ReplicaSet'],
      k8s_replication_controller: kinds['ReplicationController'],
      k8s_pod: kinds['Pod'],
      k8s_job: kinds['Job'],
      k8s_hpa: kinds['HorizontalPodAutoscaler'],
      k8s_pdb: kinds['PodDisruptionBudget'],
      k8s_network_policy: kinds['NetworkPolicy'],
      k8s_ingress_class: kinds['IngressClass'],
      k8s_persistent_volume: kinds['PersistentVolume'],
      k8s_pvc: kinds['PersistentVolumeClaim'],
      k8s_storage_class: kinds['StorageClass'],
      k8s_validating_webhook: kinds['ValidatingWebhookConfiguration'],
      k8s_object: kinds['ServiceMonitor'],
    });
    expect(result.issues).toEqual([]);
    expect(result.skipped).toEqual([]);
    expectConsistent(result);
  });

  it('has Services select ReplicationControllers and bare Pods as they select Deployments', () => {
    expect(related('selects', 'k8s_service/default/guestbook')).toEqual([
      'k8s_replication_controller/default/guestbook',
    ]);
    expect(related('selects', 'k8s_service/default/redis-replica')).toEqual([
      'k8s_replication_controller/default/redis-replica',
    ]);
    expect(related('selects', 'k8s_service/default/mysql')).toEqual(['k8s_pod/default/mysql']);
    expect(byRef.get('k8s_replication_controller/default/guestbook')?.attributes).toMatchObject({
      replicas: 3,
      selector: { app: 'guestbook' },
    });
    expect(byRef.get('k8s_replicaset/default/frontend')?.attributes).toMatchObject({
      replicas: 3,
      selector: { tier: 'frontend' },
      images: ['nginx'],
    });
  });

  it('never stores the literal password of the bare Pod, only the variable name', () => {
    const mysql = byRef.get('k8s_pod/default/mysql');
    expect(mysql?.attributes?.['containers']).toEqual([
      {
        name: 'mysql',
        image: 'mysql',
        ports: [3306],
        env: ['MYSQL_ROOT_PASSWORD'],
        resources: { limits: { cpu: '500m' } },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('yourpassword');
  });

  it('keeps resource requests and limits in their canonical form', () => {
    const vllm = byRef.get('k8s_deployment/default/vllm-gemma-deployment')?.attributes?.['containers'] as {
      resources: unknown;
    }[];
    expect(vllm[0]?.resources).toEqual({
      requests: { cpu: '2', 'ephemeral-storage': '10Gi', memory: '10Gi', 'nvidia.com/gpu': '1' },
      limits: { cpu: '2', 'ephemeral-storage': '10Gi', memory: '10Gi', 'nvidia.com/gpu': '1' },
    });
    // zookeeper.yaml asks for cpu "0.5": the API server gives it back as 500m.
    const zk = byRef.get('k8s_statefulset/default/zk')?.attributes?.['containers'] as { resources: unknown }[];
    expect(zk[0]?.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
  });

  it('relates autoscalers and disruption budgets to the workload they act on', () => {
    expect(related('applies_to', 'k8s_hpa/default/gemma-server-hpa')).toEqual([
      'k8s_deployment/default/vllm-gemma-deployment',
    ]);
    expect(related('applies_to', 'k8s_hpa/default/frontend-scaler')).toEqual(['k8s_replicaset/default/frontend']);
    expect(byRef.get('k8s_hpa/default/frontend-scaler')?.attributes).toEqual({
      namespace: 'default',
      target: { kind: 'ReplicaSet', name: 'frontend' },
      min_replicas: 3,
      max_replicas: 10,
      target_cpu_utilization: 50,
    });
    expect(related('applies_to', 'k8s_pdb/default/zk-pdb')).toEqual(['k8s_statefulset/default/zk']);
    expect(byRef.get('k8s_pdb/default/zk-pdb')?.attributes).toMatchObject({ max_unavailable: 1 });
  });

  it('keeps a NetworkPolicy with its selector and rules, applying to no workload of the input', () => {
    expect(byRef.get('k8s_network_policy/default/test-network-policy')?.attributes).toMatchObject({
      pod_selector: { matchLabels: { role: 'db' } },
      policy_types: ['Ingress', 'Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
    });
    expect(related('applies_to', 'k8s_network_policy/default/test-network-policy')).toEqual([]);
  });

  it('relates RBAC bindings to their service accounts and roles', () => {
    expect(related('applies_to', 'k8s_cluster_role_binding/ingress-nginx')).toEqual([
      'k8s_service_account/ingress-nginx/ingress-nginx',
    ]);
    expect(related('uses', 'k8s_cluster_role_binding/ingress-nginx')).toEqual(['k8s_cluster_role/ingress-nginx']);
    expect(related('applies_to', 'k8s_role_binding/ingress-nginx/ingress-nginx-admission')).toEqual([
      'k8s_service_account/ingress-nginx/ingress-nginx-admission',
    ]);
    expect(related('uses', 'k8s_role_binding/ingress-nginx/ingress-nginx-admission')).toEqual([
      'k8s_role/ingress-nginx/ingress-nginx-admission',
    ]);
    expect(byRef.get('k8s_role/ingress-nginx/ingress-nginx-admission')?.attributes).toEqual({
      namespace: 'ingress-nginx',
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] }],
    });
  });

  it('relates the admission webhook to the Service it calls, and keeps the cluster-wide kinds without namespace', () => {
    expect(related('depends_on', 'k8s_validating_webhook/ingress-nginx-admission')).toEqual([
      'k8s_service/ingress-nginx/ingress-nginx-controller-admission',
    ]);
    expect(byRef.get('k8s_ingress_class/nginx')?.attributes).toEqual({ controller: 'k8s.io/ingress-nginx' });
    expect(byRef.get('k8s_storage_class/fast')?.attributes).toEqual({
      provisioner: 'k8s.io/minikube-hostpath',
      parameters: { type: 'pd-ssd' },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'Immediate',
    });
    const clusterWide = result.state.relations.filter(
      (r) => r.type === 'contains' && /k8s_(ingress_class|storage_class|persistent_volume|cluster_role)/.test(r.to),
    );
    expect(clusterWide).toEqual([]);
  });

  it('relates a claim to the volume it is bound to', () => {
    expect(related('uses', 'k8s_pvc/default/my-model-pvc')).toEqual(['k8s_persistent_volume/my-model-pv']);
    expect(byRef.get('k8s_persistent_volume/my-model-pv')?.attributes).toEqual({
      storage: '1Gi',
      access_modes: ['ReadOnlyMany'],
      reclaim_policy: 'Retain',
      volume_mode: 'Filesystem',
      source: 'hostPath',
      path: '/mnt/models/my_model',
    });
  });

  it('keeps a custom resource generically, with its kind, apiVersion and spec', () => {
    expect(byRef.get('k8s_object/monitoring/ServiceMonitor/vllm-gemma-servicemonitor')?.attributes).toEqual({
      namespace: 'monitoring',
      kind: 'ServiceMonitor',
      api_version: 'monitoring.coreos.com/v1',
      spec: {
        namespaceSelector: { matchNames: ['vllm-example'] },
        selector: { matchLabels: { app: 'gemma-server' } },
        endpoints: [{ port: 'http', path: '/metrics', interval: '15s' }],
      },
    });
    expect(result.state.relations).toContainEqual({
      type: 'contains',
      from: 'k8s_namespace/monitoring',
      to: 'k8s_object/monitoring/ServiceMonitor/vllm-gemma-servicemonitor',
    });
  });

  it('does not make a workload depend on its own Service named in its configuration', () => {
    // CASSANDRA_SEEDS=cassandra-0.cassandra.default.svc.cluster.local names the set's own Service.
    expect(related('depends_on', 'k8s_statefulset/default/cassandra')).toEqual([]);
  });
});
