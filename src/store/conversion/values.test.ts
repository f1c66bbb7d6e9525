import { describe, expect, it } from 'vitest';
import { jsonInterner } from './values.js';

describe('jsonInterner', () => {
  it('parses each short text once and answers the same object for equal texts', () => {
    const json = jsonInterner();
    const a = json<Record<string, string>>('{"team":"ops"}');
    expect(a).toEqual({ team: 'ops' });
    expect(json('{"team":"ops"}')).toBe(a);
    expect(json('{"team":"web"}')).not.toBe(a);
    // Another read interns on its own.
    expect(jsonInterner()('{"team":"ops"}')).not.toBe(a);
  });

  it('parses long texts each time, and passes values a driver already parsed through', () => {
    const json = jsonInterner();
    const long = JSON.stringify({ fqdn: 'x'.repeat(200) });
    const first = json(long);
    expect(json(long)).toEqual(first);
    expect(json(long)).not.toBe(first);
    const parsed = { cpu: 4 };
    expect(json(parsed)).toBe(parsed);
  });
});
