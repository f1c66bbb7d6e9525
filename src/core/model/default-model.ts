import type { ClassDefinition, JsonSchema, RelationTypeDefinition } from './model.types.js';

/**
 * The model Cairn ships with: enough classes and relationship types to describe an estate from
 * business services down to racks, and to receive every built-in importer's output. Users extend
 * it with `cairn class apply`. Schemas are open (extra attributes allowed) but type the keys that
 * Cairn itself reads: `environment` for change control, `criticality` for risk.
 */

const environment = { type: 'string', minLength: 1 };
const criticality = { enum: ['low', 'medium', 'high', 'critical'] };

function open(properties: Record<string, unknown> = {}, required: string[] = []): JsonSchema {
  const schema: JsonSchema = { type: 'object', properties: { environment, ...properties } };
  if (required.length > 0) schema.required = required;
  return schema;
}

function cls(name: string, description: string, extra: Partial<ClassDefinition> = {}): ClassDefinition {
  return { name, description, attributes: open(), ...extra };
}

export const DEFAULT_CLASSES: ClassDefinition[] = [
  // Services and software
  cls('business_service', 'A service the business consumes and pays attention to.', {
    attributes: open({ criticality, owner: { type: 'string' } }),
    controlled: true,
  }),
  cls('application', 'A deployable piece of software, a system of components.', {
    attributes: open({ criticality, version: { type: 'string' }, owner: { type: 'string' } }),
    controlled: true,
  }),
  cls('service', 'A technical service or software component that runs somewhere.', {
    attributes: open({ criticality, version: { type: 'string' }, image: { type: 'string' } }),
    controlled: true,
  }),
  cls('api', 'An interface one component provides and others consume.'),
  cls('system', 'A collection of components, APIs and resources that together expose a capability.'),
  cls('domain', 'A business area grouping systems.'),
  cls('software', 'A software package installed on a host.', { attributes: open({ version: { type: 'string' } }) }),
  cls('operating_system', 'An operating system release.'),
  cls('database', 'A database or data store.', {
    attributes: open({ engine: { type: 'string' }, version: { type: 'string' }, criticality }),
    controlled: true,
  }),
  cls('certificate', 'An X.509 certificate.', { attributes: open({ expires: { type: 'string' } }) }),
  // People
  cls('team', 'A group of people that owns CIs.'),
  cls('person', 'A person.'),
  // Hosts and hardware
  cls('hardware', 'A physical device.', {
    attributes: open({ serial_number: { type: 'string' }, asset_tag: { type: 'string' } }),
    identify: ['serial_number', 'asset_tag'],
  }),
  cls('server', 'A physical or logical server.', {
    parent: 'hardware',
    attributes: open({
      os: { type: 'string' },
      cpu: { type: 'integer', minimum: 1 },
      memory_gb: { type: 'number', minimum: 0 },
      fqdn: { type: 'string' },
    }),
    identify: ['serial_number', 'fqdn'],
    controlled: true,
  }),
  cls('linux_server', 'A server running Linux.', { parent: 'server' }),
  cls('windows_server', 'A server running Windows.', { parent: 'server' }),
  cls('computer', 'A workstation or laptop.', { parent: 'hardware' }),
  cls('network_device', 'A switch, router, firewall or load balancer.', { parent: 'hardware', controlled: true }),
  cls('storage_device', 'A storage array or appliance.', { parent: 'hardware' }),
  cls('host', 'A host known by name only (an inventory entry), physical or virtual.', {
    attributes: open({ address: { type: 'string' } }),
    identify: ['address'],
  }),
  cls('host_group', 'A group of hosts (an inventory group).'),
  cls('virtual_machine', 'A virtual machine.', {
    attributes: open({ cpu: { type: 'integer', minimum: 1 }, memory_gb: { type: 'number', minimum: 0 } }),
    identify: ['uuid'],
    controlled: true,
  }),
  cls('container', 'A running container or a container service definition.', {
    attributes: open({ image: { type: 'string' } }),
  }),
  cls('cluster', 'A virtualization or compute cluster.'),
  // Kubernetes
  cls('k8s_cluster', 'A Kubernetes cluster.', { controlled: true }),
  cls('k8s_namespace', 'A Kubernetes namespace.'),
  cls('k8s_workload', 'A Kubernetes workload: pods managed by a controller.', {
    attributes: open({ replicas: { type: 'integer', minimum: 0 }, images: { type: 'array' } }),
    controlled: true,
  }),
  cls('k8s_deployment', 'A Kubernetes Deployment.', { parent: 'k8s_workload' }),
  cls('k8s_statefulset', 'A Kubernetes StatefulSet.', { parent: 'k8s_workload' }),
  cls('k8s_daemonset', 'A Kubernetes DaemonSet.', { parent: 'k8s_workload' }),
  cls('k8s_job', 'A Kubernetes Job.', { parent: 'k8s_workload' }),
  cls('k8s_cronjob', 'A Kubernetes CronJob.', { parent: 'k8s_workload' }),
  cls('k8s_replicaset', 'A Kubernetes ReplicaSet of its own (not one a Deployment made).', { parent: 'k8s_workload' }),
  cls('k8s_replication_controller', 'A Kubernetes ReplicationController.', { parent: 'k8s_workload' }),
  cls('k8s_pod', 'A bare Kubernetes Pod (not one a controller made).', { parent: 'k8s_workload' }),
  cls('k8s_hpa', 'A Kubernetes HorizontalPodAutoscaler.'),
  cls('k8s_pdb', 'A Kubernetes PodDisruptionBudget.'),
  cls('k8s_service', 'A Kubernetes Service.'),
  cls('k8s_ingress', 'A Kubernetes Ingress.'),
  cls('k8s_ingress_class', 'A Kubernetes IngressClass: which controller serves an Ingress.'),
  cls('k8s_network_policy', 'A Kubernetes NetworkPolicy.'),
  cls('k8s_configmap', 'A Kubernetes ConfigMap.'),
  cls('k8s_secret', 'A Kubernetes Secret (its name and keys only, never its values).'),
  cls('k8s_pvc', 'A Kubernetes PersistentVolumeClaim.'),
  cls('k8s_persistent_volume', 'A Kubernetes PersistentVolume.'),
  cls('k8s_storage_class', 'A Kubernetes StorageClass.'),
  cls('k8s_service_account', 'A Kubernetes ServiceAccount.'),
  cls('k8s_role', 'A Kubernetes Role: permissions in one namespace.'),
  cls('k8s_cluster_role', 'A Kubernetes ClusterRole: permissions cluster-wide.'),
  cls('k8s_role_binding', 'A Kubernetes RoleBinding: a role granted to accounts in one namespace.'),
  cls('k8s_cluster_role_binding', 'A Kubernetes ClusterRoleBinding: a cluster role granted cluster-wide.'),
  cls('k8s_validating_webhook', 'A Kubernetes ValidatingWebhookConfiguration.'),
  cls('k8s_mutating_webhook', 'A Kubernetes MutatingWebhookConfiguration.'),
  cls('k8s_object', 'A Kubernetes custom resource, kept generically with its kind and apiVersion.'),
  // Network and data centre
  cls('network', 'A network or network segment.'),
  cls('volume', 'A storage volume.'),
  cls('network_interface', 'A network interface of a device or virtual machine.', {
    attributes: open({ mac_address: { type: 'string' } }),
    identify: ['mac_address'],
  }),
  cls('ip_address', 'An IP address.', { attributes: open({ address: { type: 'string' } }), identify: ['address'] }),
  cls('prefix', 'An IP prefix.', { attributes: open({ prefix: { type: 'string' } }), identify: ['prefix'] }),
  cls('vlan', 'A VLAN.', { attributes: open({ vid: { type: 'integer', minimum: 1, maximum: 4094 } }) }),
  cls('vrf', 'A VRF (routing table).'),
  cls('circuit', 'A circuit from a provider.'),
  cls('provider', 'A circuit or cloud provider.'),
  cls('region', 'A geographic region.'),
  cls('site', 'A site: a building or campus.'),
  cls('location', 'A location inside a site: a room or floor.'),
  cls('rack', 'A rack.', { attributes: open({ u_height: { type: 'integer', minimum: 1 } }) }),
  cls('manufacturer', 'A hardware manufacturer.'),
  cls('device_type', 'A hardware model.'),
  // Cloud and infrastructure as code
  cls('cloud_resource', 'A resource managed by infrastructure as code (a Terraform resource instance).'),
];

export const DEFAULT_RELATION_TYPES: RelationTypeDefinition[] = [
  { name: 'depends_on', inverse: 'used_by', impact: 'target-to-source', description: 'A needs B to work.' },
  { name: 'runs_on', inverse: 'hosts', impact: 'target-to-source', description: 'A runs on B.' },
  { name: 'contains', inverse: 'contained_in', impact: 'source-to-target', description: 'A contains B.' },
  { name: 'connects_to', inverse: 'connects_to', impact: 'both', description: 'A and B are connected.' },
  { name: 'provides', inverse: 'provided_by', impact: 'source-to-target', description: 'A provides B (an API).' },
  { name: 'consumes', inverse: 'consumed_by', impact: 'target-to-source', description: 'A consumes B (an API).' },
  { name: 'part_of', inverse: 'has_part', impact: 'source-to-target', description: 'A is part of B.' },
  { name: 'routes_to', inverse: 'routed_from', impact: 'target-to-source', description: 'A sends traffic to B.' },
  {
    name: 'selects',
    inverse: 'selected_by',
    impact: 'target-to-source',
    description: 'A selects B (a service selects pods).',
  },
  {
    name: 'uses',
    inverse: 'used_by_workload',
    impact: 'target-to-source',
    description: 'A uses B (configuration, storage, identity).',
  },
  {
    name: 'applies_to',
    inverse: 'subject_to',
    impact: 'source-to-target',
    description:
      "A's rules apply to B (an autoscaler, disruption budget or network policy to pods, a role binding to an account).",
  },
  { name: 'member_of', inverse: 'has_member', impact: 'none', description: 'A is a member of B.' },
  { name: 'owned_by', inverse: 'owns', impact: 'none', description: 'A is owned by B.' },
  { name: 'installed_on', inverse: 'has_installed', impact: 'target-to-source', description: 'A is installed on B.' },
  { name: 'located_in', inverse: 'location_of', impact: 'target-to-source', description: 'A is located in B.' },
];
