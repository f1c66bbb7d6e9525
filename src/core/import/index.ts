export { ImportService } from './import.service.js';
export { exportPages, type CiRecord, type ExportOptions, type ExportPage, type RelationRecord } from './export-records.js';
export type { ImportBatch, ImportOptions, ImportOutcome, ImportPosition, ImportProblem } from './import.types.js';
