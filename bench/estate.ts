import type { DesiredCi, DesiredRelation } from '../src/core/ci/desired-state.js';

/**
 * A synthetic but realistic estate, generated deterministically from (seed, index): CI `i` and its
 * outgoing relationships are pure functions of `i`, so any batch can be produced on demand without
 * holding 1M CIs and 3M relationships in memory, and every engine (and Git) sees identical data.
 *
 * Layout (share of CIs): racks, network devices, servers, VMs, databases, services, applications,
 * business services. Relationships follow the default model's impact directions so that a change
 * to a rack or a server propagates up to business services in 5–6 hops:
 *   rack ←located_in– server ←runs_on– VM ←runs_on– service ←depends_on– application –part_of→ business service
 * and network devices (in pods of 4, `connects_to` their pod leader) are what servers and VMs
 * depend_on. About 2.9 relationships per CI.
 */
const LAYOUT = [
  ['rack', 0.015],
  ['network_device', 0.02],
  ['server', 0.17],
  ['virtual_machine', 0.6],
  ['database', 0.04],
  ['service', 0.12],
  ['application', 0.03],
  ['business_service', 0.005],
] as const;

export type EstateClass = (typeof LAYOUT)[number][0];

interface Range {
  cls: EstateClass;
  start: number;
  count: number;
}

const ENVIRONMENTS = ['production', 'production', 'production', 'staging', 'test', 'dev'];
const OSES = ['ubuntu-24.04', 'ubuntu-22.04', 'rhel-9', 'debian-12', 'windows-2022'];
const CRITICALITY = ['low', 'medium', 'high', 'critical'];

export class Estate {
  readonly ranges: Range[];
  private readonly byClass = new Map<EstateClass, Range>();

  constructor(
    readonly size: number,
    readonly seed = 42,
  ) {
    let start = 0;
    this.ranges = LAYOUT.map(([cls, share]) => {
      const count = cls === 'virtual_machine' ? 0 : Math.max(1, Math.round(size * share));
      const r = { cls, start: 0, count };
      return r;
    });
    // VMs take whatever the other classes leave, so the total is exactly `size`.
    const others = this.ranges.reduce((n, r) => n + r.count, 0);
    this.ranges.find((r) => r.cls === 'virtual_machine')!.count = Math.max(1, size - others);
    for (const r of this.ranges) {
      r.start = start;
      start += r.count;
      this.byClass.set(r.cls, r);
    }
  }

  get ciCount(): number {
    return this.ranges.reduce((n, r) => n + r.count, 0);
  }

  classOf(i: number): EstateClass {
    for (const r of this.ranges) if (i < r.start + r.count) return r.cls;
    throw new RangeError(`CI ${i} is outside the estate`);
  }

  nameOf(i: number): string {
    return `${this.classOf(i).replace('_', '-')}-${String(i).padStart(7, '0')}`;
  }

  refOf(i: number): string {
    return `${this.classOf(i)}/${this.nameOf(i)}`;
  }

  /** The index back from a reference this estate made (names end in the zero-padded index). */
  indexOfRef(ref: string): number {
    return Number(ref.slice(ref.lastIndexOf('-') + 1));
  }

  /** CI `i` in full; `generation` > 0 changes 1 % of CIs (a different 1 % each generation). */
  ciAt(i: number, generation = 0): DesiredCi {
    const cls = this.classOf(i);
    const h = this.hash(i, 0);
    const attributes: Record<string, unknown> = {
      environment: ENVIRONMENTS[h % ENVIRONMENTS.length],
      ...this.attributesOf(cls, i, h),
    };
    if (generation > 0 && (i + generation) % 100 === 0) attributes.patch_level = generation;
    return {
      class: cls,
      name: this.nameOf(i),
      status: 'active',
      attributes,
      labels: { team: `team-${h % 53}`, region: `eu-${h % 3}` },
    };
  }

  /** The relationships CI `i` is the source of. */
  relationsOf(i: number): DesiredRelation[] {
    const from = this.refOf(i);
    const to = (type: string, target: number): DesiredRelation => ({ type, from, to: this.refOf(target) });
    switch (this.classOf(i)) {
      case 'rack':
      case 'business_service':
        return [];
      case 'network_device': {
        const own = this.byClass.get('network_device')!;
        const local = i - own.start;
        const out = [to('located_in', this.pick('rack', i, 1))];
        if (local % 4 !== 0) out.push(to('connects_to', own.start + local - (local % 4)));
        return out;
      }
      case 'server':
        return [
          to('located_in', this.pick('rack', i, 1)),
          ...this.distinct('network_device', i, 2).map((t) => to('depends_on', t)),
        ];
      case 'virtual_machine':
        return [
          to('runs_on', this.pick('server', i, 1)),
          ...this.distinct('network_device', i, 2).map((t) => to('depends_on', t)),
        ];
      case 'database':
        return [to('runs_on', this.pick('virtual_machine', i, 1))];
      case 'service':
        return [
          to('runs_on', this.pick('virtual_machine', i, 1)),
          to('depends_on', this.pick('database', i, 2)),
          ...this.distinct('service', i, 1, i).map((t) => to('depends_on', t)),
        ];
      case 'application':
        return [
          to('part_of', this.pick('business_service', i, 1)),
          ...this.distinct('service', i, 2).map((t) => to('depends_on', t)),
          to('depends_on', this.pick('database', i, 3)),
        ];
    }
  }

  *ciBatches(batchSize: number, generation = 0): Generator<DesiredCi[]> {
    for (let i = 0; i < this.size; i += batchSize) {
      const batch: DesiredCi[] = [];
      for (let j = i; j < Math.min(this.size, i + batchSize); j++) batch.push(this.ciAt(j, generation));
      yield batch;
    }
  }

  *relationBatches(batchSize: number): Generator<DesiredRelation[]> {
    let batch: DesiredRelation[] = [];
    for (let i = 0; i < this.size; i++) {
      for (const r of this.relationsOf(i)) batch.push(r);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  relationCount(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) n += this.relationsOf(i).length;
    return n;
  }

  /** A deterministic pseudo-random CI index for sample `k` of a stream named `salt`. */
  sampleIndex(salt: number, k: number): number {
    return this.hash(k, 1000 + salt) % this.size;
  }

  private attributesOf(cls: EstateClass, i: number, h: number): Record<string, unknown> {
    const serial = `SN${(h % 1e9).toString(36).toUpperCase()}${i}`;
    switch (cls) {
      case 'rack':
        return { u_height: 42, row: `r${h % 40}` };
      case 'network_device':
        return { serial_number: serial, model: `sw-${h % 7}`, firmware: `9.${h % 5}.${h % 11}` };
      case 'server':
        return {
          serial_number: serial,
          os: OSES[h % OSES.length],
          cpu: 8 << (h % 4),
          memory_gb: 32 << (h % 4),
          fqdn: `${this.nameOf(i)}.dc.example`,
        };
      case 'virtual_machine':
        return {
          os: OSES[h % OSES.length],
          cpu: 1 + (h % 8),
          memory_gb: 2 << (h % 5),
          fqdn: `${this.nameOf(i)}.vm.example`,
        };
      case 'database':
        return {
          engine: h % 2 ? 'postgresql' : 'mysql',
          version: `${12 + (h % 5)}.${h % 9}`,
          criticality: CRITICALITY[h % 4],
        };
      case 'service':
        return {
          criticality: CRITICALITY[h % 4],
          version: `1.${h % 30}.${h % 7}`,
          image: `registry.example/svc-${i}:${h % 100}`,
        };
      case 'application':
        return { criticality: CRITICALITY[h % 4], version: `${h % 5}.${h % 20}`, owner: `owner-${h % 97}` };
      case 'business_service':
        return { criticality: CRITICALITY[h % 4], owner: `owner-${h % 97}` };
    }
  }

  private pick(cls: EstateClass, i: number, k: number): number {
    const r = this.byClass.get(cls)!;
    return r.start + (this.hash(i, k) % r.count);
  }

  /** `n` distinct picks from a class, never `avoid` (a service does not depend on itself). */
  private distinct(cls: EstateClass, i: number, n: number, avoid = -1): number[] {
    const r = this.byClass.get(cls)!;
    const out: number[] = [];
    for (let k = 0; out.length < Math.min(n, r.count - (avoid >= 0 ? 1 : 0)); k++) {
      const t = r.start + (this.hash(i, 10 + k) % r.count);
      if (t !== avoid && !out.includes(t)) out.push(t);
    }
    return out;
  }

  /** A 32-bit mix of (seed, i, k): cheap, stateless and well spread (murmur3 finaliser). */
  private hash(i: number, k: number): number {
    let x = (Math.imul(i, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b) ^ this.seed) >>> 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  }
}
