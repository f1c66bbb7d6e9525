import { isRecord, type JsonValue } from '../common/infra-json.js';
import type { Origin, StateBuilder } from '../common/infra-state-builder.js';
import { configAddress, RESOURCE_TYPE } from './tf-address.js';

/** One managed instance of the input, as dependencies need it. */
export interface InstanceRecord {
  ref: string;
  /** `module.a[0].aws_subnet.private[1]` */
  address: string;
  type: string;
  values: Record<string, JsonValue>;
}

/** An instance's `dependencies`: configuration addresses of the resources it was applied after. */
export interface PendingDependency {
  from: InstanceRecord;
  dependencies: string[];
  origin: Origin;
}

/** Values shorter than this (`0`, `on`) say nothing about which instance is meant. */
const MIN_IDENTIFIER = 3;

/**
 * What names an instance in other resources' attributes: its `id`, `arn` or `self_link`, and the
 * `<noun>_id` of its type (an `aws_route53_zone`'s `zone_id`, which records name it by).
 */
function identifiersOf(instance: InstanceRecord): string[] {
  const noun = instance.type.split('_').pop() ?? '';
  return ['id', 'arn', 'self_link', `${noun}_id`]
    .map((key) => instance.values[key])
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_IDENTIFIER);
}

function stringsOf(value: JsonValue, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= MIN_IDENTIFIER) into.add(value);
  } else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (isRecord(value)) for (const item of Object.values(value)) stringsOf(item, into);
  return into;
}

/**
 * The instances of the input by configuration address, read as a whole so that a dependency
 * finds its resource in any file of the import, and the `depends_on` each dependency gives.
 */
export class DependencyResolver {
  private readonly byAddress = new Map<string, InstanceRecord[]>();
  private readonly pending: PendingDependency[] = [];

  addInstance(address: string, instance: InstanceRecord): void {
    const key = configAddress(address);
    this.byAddress.set(key, [...(this.byAddress.get(key) ?? []), instance]);
  }

  /** A resource with no instance (count = 0) is still a resource of the input, not of another state. */
  addResource(address: string): void {
    const key = configAddress(address);
    if (!this.byAddress.has(key)) this.byAddress.set(key, []);
  }

  addPending(dependency: PendingDependency): void {
    this.pending.push(dependency);
  }

  /**
   * A dependency on a resource with several instances (`count`, `for_each`) goes to the instances
   * the dependent's attributes name (a record's `zone_id` names one zone), or to every instance
   * when its attributes name none. A resource the input does not hold is depended on by its
   * address (`classFor` gives the class it would have), for the import to keep as an unresolved
   * reference: a later import of a state holding `aws_subnet.private[0]` and `[1]` answers it.
   */
  resolve(builder: StateBuilder, classFor: (type: string) => string): void {
    for (const { from, dependencies, origin } of this.pending) {
      for (const dependency of new Set(dependencies)) {
        if (!namesResource(dependency)) continue;
        const targets = this.byAddress.get(configAddress(dependency));
        if (targets !== undefined) {
          for (const to of this.narrow(from, dependency, targets))
            builder.addRelation({ type: 'depends_on', from: from.ref, to: to.ref }, origin);
          continue;
        }
        const type = typeOfAddress(dependency);
        if (type === undefined) {
          builder.issue(origin, `depends on "${dependency}", which is not a resource address; relation left out`);
          continue;
        }
        builder.addRelation({ type: 'depends_on', from: from.ref, to: `${classFor(type)}/${dependency}` }, origin);
      }
    }
  }

  private narrow(from: InstanceRecord, dependency: string, targets: InstanceRecord[]): InstanceRecord[] {
    if (targets.length < 2) return targets;
    // States upgraded from version 3 name one instance (`null_resource.foobar[1]`).
    const exact = targets.filter((t) => t.address === dependency);
    if (exact.length > 0) return exact;
    const named = stringsOf(from.values, new Set());
    const chosen = targets.filter((t) => identifiersOf(t).some((id) => named.has(id)));
    return chosen.length > 0 ? chosen : targets;
  }
}

/**
 * Whether a dependency names a managed resource. Early 0.12 states also list what a resource's
 * expressions read (`var.input`, `local.x`, a whole `module.vpc`) and data sources: none is a
 * resource of a state.
 */
function namesResource(dependency: string): boolean {
  const parts = configAddress(dependency).split('.');
  while (parts[0] === 'module' && parts.length > 2) parts.splice(0, 2);
  if (parts.length !== 2) return false;
  return !['data', 'var', 'local', 'module', 'path', 'terraform', 'count', 'each', 'self'].includes(parts[0]!);
}

/** The resource type of a configuration address (`module.vpc.aws_vpc.this` → `aws_vpc`). */
function typeOfAddress(address: string): string | undefined {
  const parts = configAddress(address).split('.');
  while (parts[0] === 'module' && parts.length > 3) parts.splice(0, 2);
  return parts.length === 2 && RESOURCE_TYPE.test(parts[0]!) ? parts[0] : undefined;
}
