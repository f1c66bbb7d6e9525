import { describe, expect, it } from 'vitest';
import { unflatten } from './tf-flatmap.js';

describe('attributes_flat', () => {
  it('expands lists, sets, maps and nested blocks as Terraform does, values kept as strings', () => {
    expect(
      unflatten({
        id: 'sg-1',
        name: 'web',
        'tags.%': '2',
        'tags.Name': 'web',
        'tags.team': 'shop',
        'ingress.#': '2',
        'ingress.2541437006.from_port': '443',
        'ingress.2541437006.cidr_blocks.#': '1',
        'ingress.2541437006.cidr_blocks.0': '0.0.0.0/0',
        'ingress.516175195.from_port': '80',
        'ingress.516175195.cidr_blocks.#': '0',
        'egress.#': '0',
        'empty.%': '0',
      }),
    ).toEqual({
      id: 'sg-1',
      name: 'web',
      tags: { Name: 'web', team: 'shop' },
      ingress: [
        { from_port: '80', cidr_blocks: [] },
        { from_port: '443', cidr_blocks: ['0.0.0.0/0'] },
      ],
      egress: [],
      empty: {},
    });
  });

  it('reads anything but an object of strings as nothing', () => {
    expect(unflatten(null)).toEqual({});
    expect(unflatten({ id: 'x', count: 3 })).toEqual({ id: 'x' });
  });
});
