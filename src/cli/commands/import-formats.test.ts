import { describe, expect, it } from 'vitest';
import { DOCUMENT_FORMATS, STREAMING_IMPORTERS } from '../../importers/cairn/cairn-formats.js';
import { EXPORT_FORMATS as WRITERS } from '../../importers/cairn/format-writers.js';
import { IMPORTERS } from '../../importers/importer-registry.js';
import { EXPORT_FORMATS, IMPORT_FORMATS } from './import-formats.js';

describe('the format words --help lists', () => {
  it('are every importer and writer there is, no more', () => {
    const importers = [...new Set([...STREAMING_IMPORTERS.keys(), ...DOCUMENT_FORMATS, ...IMPORTERS.keys()])].sort();
    expect([...IMPORT_FORMATS]).toEqual(importers);
    expect([...EXPORT_FORMATS]).toEqual([...WRITERS]);
  });
});
