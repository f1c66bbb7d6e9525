export { k8sImporter } from './k8s.importer.js';
