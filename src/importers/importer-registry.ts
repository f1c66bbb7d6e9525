import { ansibleImporter } from './ansible/ansible.importer.js';
import { ansibleFactsImporter } from './facts/ansible-facts.importer.js';
import { chefNodeImporter } from './facts/chef-node.importer.js';
import { puppetFactsImporter } from './facts/puppet-facts.importer.js';
import { saltGrainsImporter } from './facts/salt-grains.importer.js';
import { backstageImporter } from './backstage/backstage.importer.js';
import { composeImporter } from './compose/compose.importer.js';
import { csvImporter } from './csv/csv.importer.js';
import { dockerImporter } from './docker/docker.importer.js';
import { glpiImporter } from './glpi/glpi.importer.js';
import type { Importer } from './importer.types.js';
import { k8sImporter } from './k8s/k8s.importer.js';
import { libvirtImporter } from './libvirt/libvirt.importer.js';
import { mavenPomImporter } from './maven/maven-pom.importer.js';
import { netboxImporter } from './netbox/netbox.importer.js';
import { npmLockImporter } from './npm/npm-lock.importer.js';
import { terraformImporter } from './terraform/terraform.importer.js';
import { vsphereImporter } from './vsphere/vsphere.importer.js';

/** Every importer of outside formats, by the FORMAT word of `cairn import FORMAT FILE…`. */
export const IMPORTERS: ReadonlyMap<string, Importer> = new Map(
  [
    ansibleImporter,
    ansibleFactsImporter,
    backstageImporter,
    chefNodeImporter,
    composeImporter,
    csvImporter,
    dockerImporter,
    glpiImporter,
    k8sImporter,
    libvirtImporter,
    mavenPomImporter,
    netboxImporter,
    npmLockImporter,
    puppetFactsImporter,
    saltGrainsImporter,
    terraformImporter,
    vsphereImporter,
  ].map((i) => [i.format, i]),
);

export function importerFor(format: string): Importer | undefined {
  return IMPORTERS.get(format);
}
