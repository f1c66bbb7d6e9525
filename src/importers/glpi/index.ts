export { glpiImporter } from './glpi.importer.js';
export { DEFAULT_GLPI_CLASSES } from './glpi-mapping.js';
