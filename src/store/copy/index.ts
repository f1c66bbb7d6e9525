export { copyDatabase, type CopyProgress, type CopyReport, type TableCount } from './copy-database.js';
