export { csvImporter } from './csv.importer.js';
export type { CsvMapping, ValueType } from './csv-mapping.js';
