import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import { expectConsistent } from '../../../test/helpers/import-checks.js';
import { terraformImporter } from './terraform.importer.js';

const sample = (name: string) => ({ path: name, text: readSample('terraform-states', name) });
const edges = (relations: { from: string; to: string }[]) => relations.map((r) => `${r.from} -> ${r.to}`).sort();

describe('terraform importer on states older writers made', () => {
  it('unflattens attributes_flat and resolves depends_on naming a counted resource and one instance', () => {
    const result = terraformImporter.parse([sample('opentofu-v3-simple.out.tfstate')]);
    expect(result.issues).toEqual([]);
    expect(result.state.cis.map((ci) => `${ci.class}/${ci.name}`)).toEqual([
      'tf_state/f2968801-fa14-41ab-a044-224f3a4adf04',
      'tf_null_resource/null_resource.bar',
      'tf_null_resource/null_resource.foo[0]',
      'tf_null_resource/null_resource.foo[1]',
      'tf_null_resource/null_resource.foobar',
    ]);
    expect(result.state.cis[1]?.attributes).toMatchObject({
      id: '5388490630832483079',
      values: { id: '5388490630832483079', triggers: { whaaat: '0,1' } },
    });
    // foo has two instances (count): both; foobar[1] names an instance foobar does not have: foobar itself.
    expect(edges(result.state.relations)).toEqual([
      'tf_null_resource/null_resource.bar -> tf_null_resource/null_resource.foo[0]',
      'tf_null_resource/null_resource.bar -> tf_null_resource/null_resource.foo[1]',
      'tf_null_resource/null_resource.bar -> tf_null_resource/null_resource.foobar',
    ]);
    expectConsistent(result);
  });

  it('keeps the outputs on the state CI, and a dependency on a variable is no relationship and no issue', () => {
    const result = terraformImporter.parse([sample('opentofu-v4-legacy-foreach.in.tfstate')]);
    expect(result.issues).toEqual([]);
    expect(result.state.relations).toEqual([]);
    expect(result.state.cis[0]).toEqual({
      class: 'tf_state',
      name: 'f2968801-fa14-41ab-a044-224f3a4adf04',
      attributes: {
        lineage: 'f2968801-fa14-41ab-a044-224f3a4adf04',
        terraform_version: '0.12.0',
        outputs: { numbers: '0,1' },
      },
    });
    const lookup = terraformImporter.parse([sample('tfstate-lookup-test.tfstate')]);
    expect(lookup.state.cis[0]?.attributes?.['outputs']).toEqual({
      foo: 'FOO',
      bar: ['A', 'B', 'C'],
      'dash-tuple': [3, 2, 1],
    });
  });
});

/** Records of a hosted zone each, made with for_each, and a zone with count; written to the v4 format. */
const zones = {
  version: 4,
  terraform_version: '1.6.0',
  lineage: 'zones',
  outputs: {
    admin_password: { value: 'hunter2', type: 'string' },
    api_token: { value: 'abc', type: 'string', sensitive: true },
    zone_ids: { value: ['Z1AAA', 'Z2BBB'], type: ['list', 'string'] },
  },
  resources: [
    {
      mode: 'managed',
      type: 'aws_route53_zone',
      name: 'zones',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: ['shop.example', 'blog.example'].map((name, i) => ({
        index_key: name,
        attributes: { id: `Z${i + 1}${'AB'[i]!.repeat(3)}`, zone_id: `Z${i + 1}${'AB'[i]!.repeat(3)}`, name },
      })),
    },
    {
      mode: 'managed',
      type: 'aws_route53_record',
      name: 'www',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          index_key: 'shop.example',
          attributes: { id: 'Z1AAA_www_A', zone_id: 'Z1AAA', name: 'www.shop.example' },
          dependencies: ['aws_route53_zone.zones'],
        },
        {
          index_key: 'blog.example',
          attributes: { id: 'Z2BBB_www_A', zone_id: 'Z2BBB', name: 'www.blog.example' },
          dependencies: ['aws_route53_zone.zones'],
        },
        {
          index_key: 'other',
          attributes: { id: 'Z9ZZZ_www_A', zone_id: 'Z9ZZZ', name: 'www.other.example' },
          dependencies: ['aws_route53_zone.zones', 'aws_subnet.private'],
        },
      ],
    },
  ],
};

describe('terraform importer, dependencies per instance', () => {
  const result = terraformImporter.parse([{ path: 'zones.tfstate', text: JSON.stringify(zones) }]);

  it('relates each record to the zone its zone_id names, and to every zone when it names none', () => {
    expect(result.issues).toEqual([]);
    const onZones = result.state.relations.filter((r) => r.to.startsWith('tf_aws_route53_zone/'));
    expect(edges(onZones)).toEqual([
      'tf_aws_route53_record/aws_route53_record.www["blog.example"] -> tf_aws_route53_zone/aws_route53_zone.zones["blog.example"]',
      'tf_aws_route53_record/aws_route53_record.www["other"] -> tf_aws_route53_zone/aws_route53_zone.zones["blog.example"]',
      'tf_aws_route53_record/aws_route53_record.www["other"] -> tf_aws_route53_zone/aws_route53_zone.zones["shop.example"]',
      'tf_aws_route53_record/aws_route53_record.www["shop.example"] -> tf_aws_route53_zone/aws_route53_zone.zones["shop.example"]',
    ]);
    expectConsistent(result);
  });

  it('keeps a dependency on a resource of another state by its address, for the import to resolve', () => {
    expect(result.state.relations).toContainEqual({
      type: 'depends_on',
      from: 'tf_aws_route53_record/aws_route53_record.www["other"]',
      to: 'tf_aws_subnet/aws_subnet.private',
    });
  });

  it('keeps outputs but not the values of sensitive or credential-named ones', () => {
    expect(result.state.cis[0]?.attributes).toEqual({
      lineage: 'zones',
      terraform_version: '1.6.0',
      outputs: { zone_ids: ['Z1AAA', 'Z2BBB'] },
      sensitive_outputs: ['admin_password', 'api_token'],
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('resolves a dependency against the instances of another file of the same import', () => {
    const subnets = {
      version: 4,
      lineage: 'network',
      resources: [
        {
          mode: 'managed',
          type: 'aws_subnet',
          name: 'private',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [0, 1].map((i) => ({ index_key: i, attributes: { id: `subnet-${i}` } })),
        },
      ],
    };
    const both = terraformImporter.parse([
      { path: 'zones.tfstate', text: JSON.stringify(zones) },
      { path: 'network.tfstate', text: JSON.stringify(subnets) },
    ]);
    const onSubnets = both.state.relations.filter((r) => r.to.startsWith('tf_aws_subnet/'));
    expect(onSubnets.map((r) => r.to)).toEqual([
      'tf_aws_subnet/aws_subnet.private[0]',
      'tf_aws_subnet/aws_subnet.private[1]',
    ]);
  });
});
