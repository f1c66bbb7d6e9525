import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS: its module object is the plugin, which also carries itself as `default`.
const addFormats = addFormatsModule.default;

/** verbose and the x- keywords: errors carry their schema, whose x-message says what is wrong in words. */
const COMMON: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: true,
  verbose: true,
  keywords: ['x-message', 'x-required', 'x-unknown'],
};

/**
 * Requests are checked by two Ajv instances. The URL's parts are text, so they are coerced to the
 * schema's types, and a value given once is a list of one (`?label=tier` for a list of labels).
 * A JSON body is typed already and is checked as the CLI checks the same document, without
 * coercion: under Ajv's array coercion a one-item list inside a union (`groups: [{…}]`, list or
 * null) was unwrapped while the union tried its branches, and a bad key inside it was reported
 * as "groups must be a list" instead of naming the key.
 */
export function registerRequestValidation(app: FastifyInstance): void {
  const url = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  const body = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : url).compile(schema));
}
