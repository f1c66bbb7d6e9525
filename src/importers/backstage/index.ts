export { backstageImporter } from './backstage.importer.js';
export { DEFAULT_BACKSTAGE_CLASSES } from './backstage-mapping.js';
export { parseEntityRef } from './entity-ref.js';
