export { composeImporter } from './compose.importer.js';
