/**
 * Semantic versions (SemVer 2.0.0, https://semver.org): parsed strictly and ordered by the spec's
 * precedence rules. Written here rather than taken from the `semver` package, which is only a
 * transitive dependency of the toolchain (no types, not in package.json), and the ordering is
 * small enough to hold to the spec's own table (semver.test.ts).
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers (`rc.1` → ['rc', '1']); empty for a release. */
  prerelease: string[];
  /** Build metadata identifiers: kept, never ordered by. */
  build: string[];
}

// The spec's own grammar (its "suggested regular expression"), anchored: no leading `v`, no
// leading zeros in numeric parts, identifiers of [0-9A-Za-z-].
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Longest version text accepted: versions are names people type, not payloads. */
const MAX_LENGTH = 256;

/** Parses a version; undefined when it is not SemVer 2.0.0 (e.g. `1.2`, `v1.2.3`, `01.2.3`). */
export function parseSemVer(text: string): SemVer | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  const [major, minor, patch] = [m[1]!, m[2]!, m[3]!].map(Number) as [number, number, number];
  // Beyond 2^53 a number no longer orders exactly: refuse rather than misorder.
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return {
    major,
    minor,
    patch,
    prerelease: m[4] === undefined ? [] : m[4].split('.'),
    build: m[5] === undefined ? [] : m[5].split('.'),
  };
}

/**
 * Precedence (spec §11): major, minor, patch numerically; a pre-release before its release;
 * pre-release identifiers left to right, numeric ones numerically and before alphanumeric ones,
 * alphanumeric ones in ASCII order, a shorter list first when all before are equal. Build
 * metadata is ignored. Negative when `a` comes before `b`.
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  // A release comes after every pre-release of it.
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifier(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

const NUMERIC = /^\d+$/;

function compareIdentifier(x: string, y: string): number {
  const xn = NUMERIC.test(x);
  const yn = NUMERIC.test(y);
  if (xn && yn) {
    // Compared as numbers of any length: by length first (no leading zeros), then digit by digit.
    return Math.sign(x.length - y.length) || (x < y ? -1 : x > y ? 1 : 0);
  }
  if (xn) return -1;
  if (yn) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two version texts; both must parse (callers validate first). */
export function compareVersionText(a: string, b: string): number {
  const x = parseSemVer(a);
  const y = parseSemVer(b);
  if (!x || !y) throw new Error(`not semantic versions: ${a}, ${b}`);
  return compareSemVer(x, y);
}
