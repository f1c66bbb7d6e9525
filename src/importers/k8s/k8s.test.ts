import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import type { ImportResult } from '../importer.types.js';
import { k8sImporter } from './k8s.importer.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';

/** Counts top-level `kind:` lines of a manifest file, independently of the importer. */
function kindCounts(text: string): Record<string, number> {
  return countBy([...text.matchAll(/^kind: (\w+)\s*$/gm)], (m) => m[1]!);
}

const boutique = (release: string): ImportResult => {
  const path = `kubernetes-manifests-${release}.yaml`;
  return k8sImporter.parse([{ path, text: readSample('k8s-online-boutique', path) }]);
};

describe('k8s importer on Online Boutique v0.10.6', () => {
  const text = readSample('k8s-online-boutique', 'kubernetes-manifests-v0.10.6.yaml');
  const result = boutique('v0.10.6');
  const kinds = kindCounts(text);
  const classes = countBy(result.state.cis, (ci) => ci.class);
  const relations = countBy(result.state.relations, (r) => r.type);

  it('makes one CI per object and the implicit default namespace', () => {
    expect(kinds).toEqual({ Deployment: 12, Service: 12, ServiceAccount: 11 });
    expect(classes).toEqual({
      k8s_deployment: kinds['Deployment'],
      k8s_service: kinds['Service'],
      k8s_service_account: kinds['ServiceAccount'],
      k8s_namespace: 1,
    });
    expect(result.state.cis.find((ci) => ci.class === 'k8s_namespace')?.name).toBe('default');
    expect(result.issues).toEqual([]);
    expectConsistent(result);
  });

  it('relates services, accounts and the namespace', () => {
    // SOURCE.txt: 12 service→deployment selections, 11 deployment→service account, 16 calls named
    // by `*_ADDR` variables; 35 objects in `default`.
    expect(relations).toEqual({ contains: 35, depends_on: 16, selects: 12, uses: 11 });
    const frontendSelectors = result.state.relations.filter(
      (r) => r.type === 'selects' && r.to === 'k8s_deployment/default/frontend',
    );
    expect(frontendSelectors.map((r) => r.from).sort()).toEqual([
      'k8s_service/default/frontend',
      'k8s_service/default/frontend-external',
    ]);
    expect(result.state.relations).toContainEqual({
      type: 'uses',
      from: 'k8s_deployment/default/cartservice',
      to: 'k8s_service_account/default/cartservice',
      attributes: { via: ['serviceAccountName'] },
    });
  });

  it('keeps useful attributes and labels, and env variable names without values', () => {
    const frontend = result.state.cis.find((ci) => ci.name === 'default/frontend' && ci.class === 'k8s_deployment');
    expect(frontend?.labels).toEqual({ app: 'frontend' });
    expect(frontend?.attributes).toMatchObject({
      namespace: 'default',
      replicas: 1,
      images: ['us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.6'],
      service_account: 'frontend',
    });
    const env = (frontend?.attributes?.['containers'] as { env: string[] }[])[0]!.env;
    expect(env).toContain('PRODUCT_CATALOG_SERVICE_ADDR');
    expect(JSON.stringify(frontend)).not.toContain('productcatalogservice:3550');
    const external = result.state.cis.find((ci) => ci.name === 'default/frontend-external');
    expect(external?.attributes).toMatchObject({ type: 'LoadBalancer', selector: { app: 'frontend' } });
  });
});

describe('k8s importer on Online Boutique v0.8.0', () => {
  it('does not relate workloads to the implicit default service account', () => {
    const result = boutique('v0.8.0');
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      k8s_deployment: 12,
      k8s_service: 12,
      k8s_namespace: 1,
    });
    expect(countBy(result.state.relations, (r) => r.type)).toEqual({ contains: 24, depends_on: 16, selects: 12 });
    expect(result.issues).toEqual([]);
  });
});

describe('k8s importer on sock-shop', () => {
  const text = readSample('sock-shop', 'complete-demo.yaml');
  const result = k8sImporter.parse([{ path: 'complete-demo.yaml', text }]);

  it('maps the declared namespace, deployments and services', () => {
    const kinds = kindCounts(text);
    expect(kinds).toEqual({ Namespace: 1, Deployment: 14, Service: 14 });
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      k8s_namespace: 1,
      k8s_deployment: 14,
      k8s_service: 14,
    });
    // user reads `mongo=user-db:27017`, shipping `ZIPKIN=zipkin.jaeger.svc.cluster.local` (a
    // Service outside the file, kept for the import to resolve).
    expect(countBy(result.state.relations, (r) => r.type)).toEqual({ contains: 28, depends_on: 2, selects: 14 });
    expect(result.issues).toEqual([]);
    expectConsistent(result);
  });

  it('lists both images of a two-container pod', () => {
    const rabbit = result.state.cis.find((ci) => ci.name === 'sock-shop/rabbitmq' && ci.class === 'k8s_deployment');
    expect((rabbit?.attributes?.['images'] as string[]).length).toBe(2);
  });
});

const shop = `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: settings, namespace: shop }
    data: { LOG_LEVEL: debug, FEATURE_X: "on" }
  - apiVersion: v1
    kind: Secret
    metadata:
      name: db-credentials
      namespace: shop
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"hunter2-plain"}}'
    data: { password: aHVudGVyMi1iYXNlNjQ= }
    stringData: { username: admin-plain-value }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 5Gi } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop, labels: { tier: data } }
spec:
  replicas: 3
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres:16
          envFrom: [{ configMapRef: { name: settings } }]
          env:
            - name: PASSWORD
              valueFrom: { secretKeyRef: { name: db-credentials, key: password } }
            - name: OPTIONAL
              valueFrom: { secretKeyRef: { name: not-there, key: x, optional: true } }
      volumes:
        - name: data
          persistentVolumeClaim: { claimName: data }
        - name: conf
          configMap: { name: settings }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec: { selector: { app: db }, ports: [{ port: 5432 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: db, port: { number: 5432 } } }
          - path: /missing
            pathType: Prefix
            backend: { service: { name: no-such-service, port: { number: 80 } } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: backup }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: backup
          containers: [{ name: backup, image: "backup:1" }]
---
apiVersion: v1
kind: Event
metadata: { name: out-of-scope }
`;

describe('k8s importer on a hand-written sample', () => {
  const result = k8sImporter.parse([{ path: 'shop.yaml', text: shop }]);

  it('maps List items and every in-scope kind, skipping other kinds with a note each', () => {
    expect(result.skipped).toEqual([
      {
        file: 'shop.yaml',
        location: 'document 7 (line 83)',
        message: 'Event out-of-scope: Cairn does not import the kind Event; skipped',
      },
    ]);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({
      k8s_configmap: 1,
      k8s_secret: 1,
      k8s_pvc: 1,
      k8s_statefulset: 1,
      k8s_service: 1,
      k8s_ingress: 1,
      k8s_cronjob: 1,
      k8s_namespace: 2,
    });
    expect(result.state.cis.find((ci) => ci.class === 'k8s_cronjob')?.attributes).toMatchObject({
      schedule: '0 3 * * *',
      namespace: 'default',
    });
    expect(result.state.cis.find((ci) => ci.class === 'k8s_statefulset')?.attributes).toMatchObject({
      replicas: 3,
      images: ['postgres:16'],
    });
  });

  it('records secret keys but never secret values', () => {
    const secret = result.state.cis.find((ci) => ci.class === 'k8s_secret');
    expect(secret?.attributes).toEqual({ namespace: 'shop', type: 'Opaque', keys: ['password', 'username'] });
    const json = JSON.stringify(result);
    for (const value of ['hunter2', 'aHVudGVyMi1iYXNlNjQ=', 'admin-plain-value', 'last-applied'])
      expect(json).not.toContain(value);
  });

  it('relates the workload to what it mounts and uses, merging the ways it uses one thing', () => {
    const uses = result.state.relations.filter((r) => r.type === 'uses');
    expect(uses).toEqual(
      expect.arrayContaining([
        {
          type: 'uses',
          from: 'k8s_statefulset/shop/db',
          to: 'k8s_configmap/shop/settings',
          attributes: { via: ['envFrom', 'volume'] },
        },
        {
          type: 'uses',
          from: 'k8s_statefulset/shop/db',
          to: 'k8s_secret/shop/db-credentials',
          attributes: { via: ['env'] },
        },
        { type: 'uses', from: 'k8s_statefulset/shop/db', to: 'k8s_pvc/shop/data', attributes: { via: ['volume'] } },
      ]),
    );
    expect(result.state.relations).toContainEqual({
      type: 'routes_to',
      from: 'k8s_ingress/shop/web',
      to: 'k8s_service/shop/db',
    });
    expect(result.state.relations).toContainEqual({
      type: 'selects',
      from: 'k8s_service/shop/db',
      to: 'k8s_statefulset/shop/db',
    });
    expectConsistent(result);
  });

  it('keeps references to objects missing from the input for the import to resolve, except optional ones', () => {
    expect(result.issues).toEqual([]);
    const refs = new Set(result.state.cis.map((ci) => `${ci.class}/${ci.name}`));
    const outside = result.state.relations.flatMap((r, i) =>
      refs.has(r.to) ? [] : [{ to: r.to, at: result.positions?.relations[i] }],
    );
    expect(outside).toEqual([
      {
        to: 'k8s_service/shop/no-such-service',
        at: { file: 'shop.yaml', location: 'document 5 (line 56), Ingress web' },
      },
      { to: 'k8s_service_account/default/backup', at: expect.objectContaining({ file: 'shop.yaml' }) },
    ]);
    expect(JSON.stringify(result.state.relations)).not.toContain('not-there');
  });
});

describe('k8s importer on bad input', () => {
  it('reports syntax errors, objects without kind or name, with their document and line', () => {
    const text = [
      'kind: Deployment\nmetadata: { name: ok }\n',
      'kind: Service\nmetadata: {}\n',
      'metadata: { name: no-kind }\n',
      '- just\n- a list\n',
      'kind: ConfigMap\nmetadata: { name: [unclosed\n',
    ].join('---\n');
    const result = k8sImporter.parse([{ path: 'bad.yaml', text }]);
    expect(result.state.cis.map((ci) => `${ci.class}/${ci.name}`)).toEqual([
      'k8s_deployment/default/ok',
      'k8s_namespace/default',
    ]);
    expect(result.issues).toEqual([
      {
        file: 'bad.yaml',
        location: expect.stringMatching(/^document 5, line \d+$/),
        message: expect.stringMatching(/^YAML syntax error/),
      },
      { file: 'bad.yaml', location: 'document 2 (line 4)', message: 'Service has no metadata.name' },
      { file: 'bad.yaml', location: 'document 3 (line 7)', message: 'not a Kubernetes object: "kind" is missing' },
      {
        file: 'bad.yaml',
        location: 'document 4 (line 9)',
        message: 'not a Kubernetes object: the document is not a mapping',
      },
    ]);
  });

  it('keeps the later of two declarations of one object and says so', () => {
    const doc = (image: string): string =>
      `kind: Deployment\nmetadata: { name: web }\nspec: { template: { spec: { containers: [{ name: w, image: "${image}" }] } } }\n`;
    const result = k8sImporter.parse([
      { path: 'a.yaml', text: doc('web:1') },
      { path: 'b.yaml', text: doc('web:2') },
    ]);
    expect(result.state.cis.filter((ci) => ci.class === 'k8s_deployment')).toHaveLength(1);
    expect(result.state.cis[0]?.attributes?.['images']).toEqual(['web:2']);
    expect(result.issues).toEqual([
      expect.objectContaining({ file: 'b.yaml', message: expect.stringMatching(/declared again \(first in a.yaml/) }),
    ]);
  });
});

describe('k8s importer mapping', () => {
  it('overrides the class of a kind and declares the new class', () => {
    const result = k8sImporter.parse([{ path: 'shop.yaml', text: shop }], {
      mapping: { classes: { StatefulSet: 'my_database' } },
    });
    expect(result.state.cis.find((ci) => ci.name === 'shop/db' && ci.class === 'my_database')).toBeDefined();
    expect(result.state.classes).toEqual([expect.objectContaining({ name: 'my_database', parent: 'k8s_statefulset' })]);
    expect(result.state.relations).toContainEqual({
      type: 'selects',
      from: 'k8s_service/shop/db',
      to: 'my_database/shop/db',
    });
  });

  it('rejects unknown keys, unknown kinds and bad class names with a sentence', () => {
    const parse = (mapping: Record<string, unknown>): ImportResult => k8sImporter.parse([], { mapping });
    expect(() => parse({ klasses: {} })).toThrow(/unknown key "klasses"/);
    expect(() => parse({ classes: { Event: 'k8s_event' } })).toThrow(
      /classes.Event: unknown Kubernetes kind "Event"; known: Namespace, Deployment/,
    );
    expect(() => parse({ classes: { Deployment: 'Not-A-Class' } })).toThrow(/classes.Deployment must be a class name/);
  });
});
