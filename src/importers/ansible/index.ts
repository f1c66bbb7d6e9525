export { ansibleImporter } from './ansible.importer.js';
