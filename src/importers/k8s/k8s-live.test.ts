import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { k8sImporter } from './k8s.importer.js';

/**
 * What `kubectl get deploy,rs,pod,svc -o yaml` prints for the ingress-nginx controller once
 * applied: the objects as the API server keeps them (defaults filled in, an assigned cluster IP,
 * status, managed fields), plus the ReplicaSet and Pod the Deployment made. Written to the API's
 * specification from the ingress-nginx sample, trimmed to the fields that matter here.
 */
const live = `
apiVersion: v1
kind: List
metadata: { resourceVersion: "" }
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ingress-nginx-controller
      namespace: ingress-nginx
      uid: 3f0c6a1e-0d2b-4c43-9d57-0a8f1c6a7e01
      resourceVersion: "48213"
      generation: 1
      creationTimestamp: "2026-03-21T10:00:00Z"
      labels:
        app.kubernetes.io/component: controller
        app.kubernetes.io/instance: ingress-nginx
        app.kubernetes.io/name: ingress-nginx
        app.kubernetes.io/part-of: ingress-nginx
        app.kubernetes.io/version: 1.15.1
      managedFields: [{ manager: kubectl-client-side-apply, operation: Update }]
    spec:
      replicas: 1
      progressDeadlineSeconds: 600
      revisionHistoryLimit: 10
      selector:
        matchLabels:
          app.kubernetes.io/component: controller
          app.kubernetes.io/instance: ingress-nginx
          app.kubernetes.io/name: ingress-nginx
      strategy:
        type: RollingUpdate
        rollingUpdate: { maxSurge: 25%, maxUnavailable: 25% }
      template:
        metadata:
          labels:
            app.kubernetes.io/component: controller
            app.kubernetes.io/instance: ingress-nginx
            app.kubernetes.io/name: ingress-nginx
        spec:
          serviceAccountName: ingress-nginx
          serviceAccount: ingress-nginx
          containers:
            - name: controller
              image: IMAGE
              env:
                - name: POD_NAME
                  valueFrom: { fieldRef: { apiVersion: v1, fieldPath: metadata.name } }
                - name: POD_NAMESPACE
                  valueFrom: { fieldRef: { apiVersion: v1, fieldPath: metadata.namespace } }
                - { name: LD_PRELOAD, value: /usr/local/lib/libmimalloc.so }
              ports:
                - { containerPort: 80, name: http, protocol: TCP }
                - { containerPort: 443, name: https, protocol: TCP }
                - { containerPort: 8443, name: webhook, protocol: TCP }
              resources: { requests: { cpu: 100m, memory: 90Mi } }
              volumeMounts: [{ mountPath: /usr/local/certificates/, name: webhook-cert, readOnly: true }]
          volumes:
            - name: webhook-cert
              secret: { secretName: ingress-nginx-admission, defaultMode: 420 }
    status: { availableReplicas: 1, readyReplicas: 1, replicas: 1 }
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: ingress-nginx-controller-5d88495688
      namespace: ingress-nginx
      ownerReferences:
        - { apiVersion: apps/v1, kind: Deployment, name: ingress-nginx-controller, controller: true, blockOwnerDeletion: true, uid: 3f0c6a1e-0d2b-4c43-9d57-0a8f1c6a7e01 }
    spec:
      replicas: 1
      selector: { matchLabels: { app.kubernetes.io/name: ingress-nginx, pod-template-hash: 5d88495688 } }
      template:
        metadata: { labels: { app.kubernetes.io/name: ingress-nginx, pod-template-hash: 5d88495688 } }
        spec: { containers: [{ name: controller, image: IMAGE }] }
  - apiVersion: v1
    kind: Pod
    metadata:
      name: ingress-nginx-controller-5d88495688-x7k2p
      namespace: ingress-nginx
      labels: { app.kubernetes.io/name: ingress-nginx, pod-template-hash: 5d88495688 }
      ownerReferences:
        - { apiVersion: apps/v1, kind: ReplicaSet, name: ingress-nginx-controller-5d88495688, controller: true }
    spec: { containers: [{ name: controller, image: IMAGE }] }
    status: { phase: Running, podIP: 10.244.0.12 }
  - apiVersion: v1
    kind: Service
    metadata:
      name: ingress-nginx-controller-admission
      namespace: ingress-nginx
      labels:
        app.kubernetes.io/component: controller
        app.kubernetes.io/instance: ingress-nginx
        app.kubernetes.io/name: ingress-nginx
        app.kubernetes.io/part-of: ingress-nginx
        app.kubernetes.io/version: 1.15.1
    spec:
      clusterIP: 10.96.141.7
      clusterIPs: [10.96.141.7]
      internalTrafficPolicy: Cluster
      ipFamilies: [IPv4]
      ipFamilyPolicy: SingleStack
      ports:
        - { appProtocol: https, name: https-webhook, port: 443, protocol: TCP, targetPort: webhook }
      selector:
        app.kubernetes.io/component: controller
        app.kubernetes.io/instance: ingress-nginx
        app.kubernetes.io/name: ingress-nginx
      sessionAffinity: None
      type: ClusterIP
    status: { loadBalancer: {} }
  - apiVersion: discovery.k8s.io/v1
    kind: EndpointSlice
    metadata: { name: ingress-nginx-controller-admission-abcde, namespace: ingress-nginx }
`;

describe('k8s importer on a live cluster listing (the drift observation format)', () => {
  const manifest = k8sImporter.parse([
    { path: 'deploy.yaml', text: readSample('k8s-constructs', 'ingress-nginx', 'deploy.yaml') },
  ]);
  const controller = manifest.state.cis.find(
    (c) => c.class === 'k8s_deployment' && c.name === 'ingress-nginx/ingress-nginx-controller',
  );
  const image = (controller?.attributes?.['images'] as string[])[0]!;
  const observed = k8sImporter.parse([{ path: 'live.yaml', text: live.replaceAll('IMAGE', image) }]);

  it('skips what controllers made and what is not inventory, with a note each', () => {
    expect(observed.issues).toEqual([]);
    expect(observed.skipped?.map((s) => s.message)).toEqual([
      'ReplicaSet ingress-nginx-controller-5d88495688: made and managed by Deployment ingress-nginx-controller, which is what is imported; skipped',
      'Pod ingress-nginx-controller-5d88495688-x7k2p: made and managed by ReplicaSet ingress-nginx-controller-5d88495688, which is what is imported; skipped',
      'EndpointSlice ingress-nginx-controller-admission-abcde: Cairn does not import the kind EndpointSlice; skipped',
    ]);
    expect(observed.state.cis.map((c) => `${c.class}/${c.name}`)).toEqual([
      'k8s_deployment/ingress-nginx/ingress-nginx-controller',
      'k8s_service/ingress-nginx/ingress-nginx-controller-admission',
      'k8s_namespace/ingress-nginx',
    ]);
  });

  it('gives the live objects the attributes of their manifest: defaults and assigned addresses do not differ', () => {
    for (const ci of observed.state.cis.filter((c) => c.class !== 'k8s_namespace')) {
      const declared = manifest.state.cis.find((c) => c.class === ci.class && c.name === ci.name);
      expect(ci.attributes, `${ci.class}/${ci.name}`).toEqual(declared?.attributes);
      expect(ci.labels).toEqual(declared?.labels);
    }
  });
});

const more = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: certificates.cert-manager.io }
spec:
  group: cert-manager.io
  scope: Namespaced
  names: { kind: Certificate, plural: certificates }
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
spec:
  secretName: web-tls
  dnsNames: [shop.example.com]
  keystores: { pkcs12: { create: true, password: hunter2 } }
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: { name: letsencrypt }
spec: { acme: { server: "https://acme-v02.api.letsencrypt.org/directory" } }
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: cert-manager-webhook }
webhooks:
  - name: webhook.cert-manager.io
    clientConfig: { service: { name: cert-manager-webhook, namespace: cert-manager, path: /mutate } }
    sideEffects: None
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ci-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: ServiceAccount, name: deployer, namespace: ci }
  - { kind: User, name: alice }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  ingressClassName: nginx
  defaultBackend: { service: { name: web, port: { number: 80 } } }
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-1 }
spec:
  capacity: { storage: 5Gi }
  accessModes: [ReadWriteOnce]
  storageClassName: standard
  claimRef: { namespace: default, name: data }
  nfs: { server: nfs.example.com, path: /exports/data }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web }
spec:
  minAvailable: 1
  selector: { matchExpressions: [{ key: tier, operator: In, values: [web, api] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-pod, labels: { tier: web } }
spec: { containers: [{ name: web, image: web:1 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: batch-pod, labels: { tier: batch } }
spec: { containers: [{ name: batch, image: batch:1 }] }
`;

describe('k8s importer on the other constructs, written to the API specification', () => {
  const result = k8sImporter.parse([{ path: 'more.yaml', text: more }]);
  const refs = result.state.relations.map((r) => `${r.type} ${r.from} → ${r.to}`);

  it('keeps custom resources generically, scoped by their definition, credentials left out', () => {
    expect(result.skipped?.map((s) => s.message)).toEqual([
      'CustomResourceDefinition certificates.cert-manager.io: Cairn does not import the kind CustomResourceDefinition; skipped',
    ]);
    const certificate = result.state.cis.find((c) => c.name === 'default/Certificate/web');
    expect(certificate).toMatchObject({
      class: 'k8s_object',
      attributes: {
        namespace: 'default',
        kind: 'Certificate',
        api_version: 'cert-manager.io/v1',
        spec: {
          secretName: 'web-tls',
          dnsNames: ['shop.example.com'],
          keystores: { pkcs12: { create: true, password: '[not kept: credential]' } },
        },
      },
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(result.state.cis.find((c) => c.name === 'ClusterIssuer/letsencrypt')?.attributes).not.toHaveProperty(
      'namespace',
    );
  });

  it('relates webhooks, bindings, ingresses, volumes and budgets', () => {
    expect(refs).toEqual(
      expect.arrayContaining([
        'depends_on k8s_mutating_webhook/cert-manager-webhook → k8s_service/cert-manager/cert-manager-webhook',
        'applies_to k8s_cluster_role_binding/ci-admin → k8s_service_account/ci/deployer',
        'uses k8s_ingress/default/web → k8s_ingress_class/nginx',
        'uses k8s_pvc/default/data → k8s_persistent_volume/pv-1',
        'uses k8s_persistent_volume/pv-1 → k8s_storage_class/standard',
        'applies_to k8s_pdb/default/web → k8s_pod/default/web-pod',
      ]),
    );
    // cluster-admin is in every cluster: no import will bring it, so no reference waits for it.
    expect(refs.filter((r) => r.includes('cluster-admin'))).toEqual([]);
    expect(refs.filter((r) => r.includes('batch-pod') && !r.startsWith('contains'))).toEqual([]);
    expect(result.state.cis.find((c) => c.class === 'k8s_mutating_webhook')?.attributes).toEqual({
      webhooks: [
        {
          name: 'webhook.cert-manager.io',
          service: { namespace: 'cert-manager', name: 'cert-manager-webhook', path: '/mutate' },
          failure_policy: 'Fail',
          side_effects: 'None',
        },
      ],
    });
  });
});
