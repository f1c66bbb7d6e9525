import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ansibleImporter } from './ansible.importer.js';
import { inventoryValue } from './ansible-values.js';
import { shellWords } from './shell-words.js';

/** Each expected value is what Python's `ast.literal_eval` gives (tuples and sets as lists), or the text itself. */
const LITERALS: [string, unknown][] = [
  ['1', 1],
  ['-1', -1],
  ['+1', 1],
  ['- 2', -2],
  ['1.5', 1.5],
  ['.5', 0.5],
  ['09.5', 9.5],
  ['1e3', 1000],
  ['1_000', 1000],
  ['0x1F', 31],
  ['0o17', 15],
  ['0b101', 5],
  ['00', 0],
  ['True', true],
  ['False', false],
  ['None', null],
  ["'03'", '03'],
  ['"a b"', 'a b'],
  ["'a' 'b'", 'ab'],
  ["'\\n'", '\n'],
  ["r'\\n'", '\\n'],
  ['"\\x41\\u00e9"', 'Aé'],
  ["b'abc'", 'abc'],
  ['[1, 2]', [1, 2]],
  ['[1,]', [1]],
  ["[1, 'a', [True, None]]", [1, 'a', [true, null]]],
  ['(1, 2)', [1, 2]],
  ['(1)', 1],
  ['()', []],
  ['80, 443', [80, 443]],
  ['{}', {}],
  ["{'a': 1, 'b': [2]}", { a: 1, b: [2] }],
  ["{1: 'x'}", { '1': 'x' }],
  ['{1, 2, 2}', [1, 2]],
  ['set()', []],
  ['...', '...'],
  ['1 # a comment', 1],
  ["'{{ x }}'", '{{ x }}'],
  // Not Python literals: kept as written.
  ['010', '010'],
  ['1__0', '1__0'],
  ['0_7', '0_7'],
  ['true', 'true'],
  ['yes', 'yes'],
  ['FALSE', 'FALSE'],
  ['-True', '-True'],
  ['1-1', '1-1'],
  ['ubuntu-24.04', 'ubuntu-24.04'],
  ['10.0.0.1', '10.0.0.1'],
  ['2024-01-01', '2024-01-01'],
  ['{{ foo }}', '{{ foo }}'],
  ['{{ 1 }}', '{{ 1 }}'],
  ['{{ lookup("env", "HOME") }}', '{{ lookup("env", "HOME") }}'],
  ['x y', 'x y'],
  ['foo # c', 'foo # c'],
  ["f'x'", "f'x'"],
  ["'unterminated", "'unterminated"],
  ["it's", "it's"],
  ['', ''],
  ['12345678901234567890', '12345678901234567890'],
];

describe('INI inventory values, typed as ansible-core types them', () => {
  it.each(LITERALS)('%s', (text, expected) => {
    expect(inventoryValue(text)).toEqual(expected);
  });

  it('splits host lines like POSIX shlex with comments', () => {
    expect(shellWords(`web01 a=1 c="'03'" e='{{ x }}' h="a b" i=x#comment j=1`)).toEqual([
      'web01',
      'a=1',
      "c='03'",
      'e={{ x }}',
      'h=a b',
      'i=x',
    ]);
    expect(shellWords('web02 j=\\"q\\" k="x\\y" l="a\\"b"')).toEqual(['web02', 'j="q"', 'k=x\\y', 'l=a"b']);
    expect(shellWords('web03 a="open')).toBe('a double quote is not closed');
  });
});

// The expected variables are those `ansible-inventory --list` prints for this file (ansible-core's
// INI reader: shlex on host lines, then ast.literal_eval on each value, in :vars too).
const INI = `
[web]
web01 a=1 b=True c="'03'" d="[1, 2]" e='{{ x }}' f=true g=ubuntu-24.04 h="a b" i=x#comment j=2
web02 l="{'k': [1, None]}" m=1,2 n="1" o=08 p=0x1F
web03 q="unclosed

[web:vars]
http_port = 8080 # all members
has_java = True # vars in child groups override same in parent
ntp = "ntp.example.com"
tags = ['a', 'b']
flag=FALSE
path = /opt/x
home = {{ lookup("env", "HOME") }}
`;

describe('ansible importer types INI values', () => {
  const result = ansibleImporter.parse([{ path: 'hosts.ini', text: INI }]);
  const vars = (name: string) => result.state.cis.find((ci) => ci.name === name)?.attributes?.['vars'];

  it('types inline host variables', () => {
    expect(vars('web01')).toEqual({
      a: 1,
      b: true,
      c: '03',
      d: [1, 2],
      e: '{{ x }}',
      f: 'true',
      g: 'ubuntu-24.04',
      h: 'a b',
      i: 'x',
    });
    expect(vars('web02')).toEqual({ l: { k: [1, null] }, m: [1, 2], n: 1, o: '08', p: 31 });
  });

  it('types :vars values the same way, Jinja verbatim', () => {
    expect(vars('web')).toEqual({
      http_port: 8080,
      has_java: true,
      ntp: 'ntp.example.com',
      tags: ['a', 'b'],
      flag: 'FALSE',
      path: '/opt/x',
      home: '{{ lookup("env", "HOME") }}',
    });
  });

  it('reports a host line with an open quote and leaves the host out', () => {
    expect(result.issues).toEqual([
      { file: 'hosts.ini', location: 'line 5', message: 'a double quote is not closed; the host line is left out' },
    ]);
    expect(result.state.cis.some((ci) => ci.name === 'web03')).toBe(false);
  });
});

describe('ansible importer reads YAML inventories with YAML 1.1 rules, as ansible-core does', () => {
  const yaml = [
    'all:',
    '  hosts:',
    '    db1:',
    '      backup: yes',
    '      replica: off',
    '      mode: 0755',
    '      window: 1:30',
    '      since: 2024-01-01',
    '      flag: "yes"',
    '      motd: !unsafe "{{ not_templated }}"',
    '      db_password: !vault |',
    '        $ANSIBLE_VAULT;1.1;AES256',
    '        6162636465',
  ].join('\n');
  const result = ansibleImporter.parse([{ path: 'inventory.yml', text: yaml }]);

  it('reads yes/off as booleans, 0755 as octal, 1:30 as base 60, dates as text; keeps no vaulted value', () => {
    const db1 = result.state.cis.find((ci) => ci.name === 'db1');
    expect(db1?.attributes).toEqual({
      vars: {
        backup: true,
        replica: false,
        mode: 493,
        window: 90,
        since: '2024-01-01',
        flag: 'yes',
        motd: '{{ not_templated }}',
      },
      redacted_vars: ['db_password'],
    });
    expect(result.issues).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('ANSIBLE_VAULT');
  });
});

describe('the example of docs/importers/ansible.md', () => {
  it('gives what the page says', () => {
    const page = readFileSync(new URL('../../../docs/importers/ansible.md', import.meta.url), 'utf8');
    const example = page.slice(page.indexOf('## Example'));
    const ini = /```ini\n([\s\S]*?)```/.exec(example)?.[1] ?? '';
    const expected = parse(/```yaml\n([\s\S]*?)```/.exec(example)?.[1] ?? '') as unknown;
    expect(ansibleImporter.parse([{ path: 'hosts.ini', text: ini }]).state).toEqual(expected);
  });
});
