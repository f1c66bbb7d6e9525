/**
 * The format words of `cairn import` and `cairn export`, written out here so that `--help` can
 * list them without loading an importer (import-formats.test.ts checks they match the importers).
 */
export const IMPORT_FORMATS = [
  'ansible',
  'ansible-facts',
  'backstage',
  'chef',
  'compose',
  'csv',
  'docker',
  'glpi',
  'json',
  'k8s',
  'libvirt',
  'maven',
  'ndjson',
  'netbox',
  'npm',
  'puppet-facts',
  'salt-grains',
  'terraform',
  'vsphere',
  'yaml',
] as const;

export const EXPORT_FORMATS = ['ndjson', 'json', 'yaml', 'csv'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];
