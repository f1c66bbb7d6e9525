export { outcomeJson } from '../core/ci/write-views.js';
