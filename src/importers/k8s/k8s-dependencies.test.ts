import { describe, expect, it } from 'vitest';
import { servicesNamed } from './k8s-dependencies.js';
import { k8sImporter } from './k8s.importer.js';

const known = new Set(['shop/cartservice', 'shop/redis-cart', 'cache/redis']);
const has = (ns: string, name: string): boolean => known.has(`${ns}/${name}`);

describe('servicesNamed', () => {
  it.each([
    ['cartservice:7070', [['shop', 'cartservice', false]]],
    ['http://cartservice', [['shop', 'cartservice', false]]],
    ['cartservice', [['shop', 'cartservice', false]]],
    ['redis://:pw@redis-cart:6379/0', [['shop', 'redis-cart', false]]],
    ['redis.cache:6379', [['cache', 'redis', false]]],
    ['http://redis-cart.shop.svc.cluster.local:6379', [['shop', 'redis-cart', true]]],
    ['zipkin.tracing.svc.cluster.local', [['tracing', 'zipkin', true]]],
    ['cassandra-0.cassandra.db.svc.cluster.local', [['db', 'cassandra', true]]],
    [
      'cartservice:7070,redis-cart:6379',
      [
        ['shop', 'cartservice', false],
        ['shop', 'redis-cart', false],
      ],
    ],
    // A word in a sentence, a name the input has no Service of, an outside host: no dependency.
    ['use cartservice for carts', []],
    ['unknown:80', []],
    ['https://api.example.com:443', []],
    ['10.0.0.1:80', []],
  ])('%s', (value, expected) => {
    expect(servicesNamed(value, 'shop', has).map((s) => [s.namespace, s.name, s.qualified])).toEqual(expected);
  });
});

const shop = `
apiVersion: v1
kind: ConfigMap
metadata: { name: web-config, namespace: shop }
data:
  CART_URL: http://cartservice:7070/api
  nginx.conf: |
    upstream redis { server redis-cart.shop.svc.cluster.local:6379; }
  motd: welcome to the cartservice
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web:1
          envFrom: [{ configMapRef: { name: web-config } }]
          env:
            - { name: SELF_URL, value: "http://web:8080" }
            - { name: PAYMENTS, value: "payments.billing.svc.cluster.local:443" }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: cartservice, namespace: shop }
spec: { selector: { app: cart }, ports: [{ port: 7070 }] }
---
apiVersion: v1
kind: Service
metadata: { name: redis-cart, namespace: shop }
spec: { selector: { app: redis }, ports: [{ port: 6379 }] }
`;

describe('k8s importer: service dependencies inferred from configuration', () => {
  const result = k8sImporter.parse([{ path: 'shop.yaml', text: shop }]);
  const dependsOn = result.state.relations.filter((r) => r.type === 'depends_on');

  it('makes the workload depend on each Service its env values and ConfigMap entries name', () => {
    expect(dependsOn).toEqual([
      {
        type: 'depends_on',
        from: 'k8s_deployment/shop/web',
        to: 'k8s_service/billing/payments',
        attributes: { via: ['env:PAYMENTS'] },
      },
      {
        type: 'depends_on',
        from: 'k8s_deployment/shop/web',
        to: 'k8s_service/shop/cartservice',
        attributes: { via: ['configmap:web-config/CART_URL'] },
      },
      {
        type: 'depends_on',
        from: 'k8s_deployment/shop/web',
        to: 'k8s_service/shop/redis-cart',
        attributes: { via: ['configmap:web-config/nginx.conf'] },
      },
    ]);
  });

  it('stores no configuration value, only the names of the variables and entries', () => {
    const json = JSON.stringify(result.state.cis);
    for (const value of ['http://cartservice', 'upstream redis', 'welcome', 'payments.billing'])
      expect(json).not.toContain(value);
  });
});
