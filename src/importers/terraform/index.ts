export { terraformImporter } from './terraform.importer.js';
