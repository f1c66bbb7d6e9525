import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateEnvironments } from '../../src/core/policy/environments-input.js';
import { validatePolicy } from '../../src/core/policy/policy-input.js';
import { readRelease } from '../../src/core/release/release-input.js';

const page = readFileSync(new URL('../../docs/releases.md', import.meta.url), 'utf8');

/** The YAML blocks of docs/releases.md whose first key is `key`. */
function examples(key: string): unknown[] {
  return [...page.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => parse(m[1]!) as Record<string, unknown>)
    .filter((doc) => Object.keys(doc)[0] === key);
}

describe('docs/releases.md', () => {
  it('its environments.yaml is valid against a policy with the groups and freeze it names', () => {
    const policy = validatePolicy({
      groups: [
        { name: 'cab', members: ['carol', 'dave'] },
        { name: 'release-managers', members: ['rita'] },
      ],
      freeze: [{ name: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
    });
    const [doc] = examples('environments');
    expect(doc).toBeDefined();
    const read = validateEnvironments(doc, policy);
    expect(read.environments.map((e) => e.name)).toEqual(['development', 'test', 'staging', 'production']);
    expect(read.environments[3]).toMatchObject({ controlled: true, freezes: ['year-end'] });
  });

  it('its release.yaml is valid', () => {
    const [doc] = examples('notes');
    const read = readRelease('application/shop-frontend', '1.10.0', doc);
    expect(read.artifacts[0]!.dependencies).toEqual([{ name: 'react', version: '19.3.1' }]);
    expect(read.updates.cis.map((c) => `${c.class}/${c.name}`)).toEqual(['application/shop-frontend', 'server/web-01']);
  });
});
