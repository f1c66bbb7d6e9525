import { ansibleImporter } from './ansible/index.js';
import { backstageImporter } from './backstage/index.js';
import { composeImporter } from './compose/index.js';
import { csvImporter } from './csv/index.js';
import { glpiImporter } from './glpi/index.js';
import type { Importer } from './importer.types.js';
import { k8sImporter } from './k8s/index.js';
import { netboxImporter } from './netbox/index.js';
import { terraformImporter } from './terraform/index.js';

/** Every importer of outside formats, by the FORMAT word of `cairn import FORMAT FILE…`. */
export const IMPORTERS: ReadonlyMap<string, Importer> = new Map(
  [ansibleImporter, backstageImporter, composeImporter, csvImporter, glpiImporter, k8sImporter, netboxImporter, terraformImporter].map((i) => [i.format, i]),
);

export function importerFor(format: string): Importer | undefined {
  return IMPORTERS.get(format);
}

export type { Importer, ImportFile, ImportIssue, ImportResult, ImporterOptions } from './importer.types.js';
