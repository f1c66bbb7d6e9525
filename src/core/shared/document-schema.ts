import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import type { Static, TSchema } from '@sinclair/typebox';
import type { ErrorCodeOf } from './error-codes.js';
import { InputError, describeFieldErrors, type FieldError } from './errors.js';
import { fieldErrorsOf } from './schema-errors.js';

/**
 * The input documents people write (desired state, change.yaml, policy.yaml with its windows and
 * templates) are TypeBox schemas, checked by this one Ajv instance.
 *
 * Why the schemas live in core and not in src/contracts: the core reads these documents itself
 * (a change raised from the CLI, the API or a revert is checked the same way), and the core
 * imports nothing from outside itself. src/contracts imports them from here to describe the API's
 * request bodies, so the dependency points inward, as contracts already do for the core's words.
 *
 * Ajv and each document's validator are built on first use, not when the module loads: a command
 * that reads no document does not pay for compiling one.
 */
let ajv: Ajv | undefined;
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // verbose: each error carries its schema and data, from which the field's message is taken.
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: true }).addVocabulary([
      'x-message',
      'x-required',
      'x-unknown',
    ]);
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The field errors of a document against its schema; none when it has the schema's shape. */
export function schemaErrors(schema: TSchema, doc: unknown, root = ''): FieldError[] {
  const validate = validatorOf(schema);
  if (validate(doc)) return [];
  return fieldErrorsOf(validate.errors ?? [], root);
}

/** How a document's errors are reported: the error's code and the sentence's start (`change.yaml is not valid`). */
export interface DocumentErrors {
  code: ErrorCodeOf<'input'>;
  summary: string;
}

/** The one error a document with these field errors gets, wherever it was checked (core, or an API route's schema). */
export function invalidDocument(document: DocumentErrors, errors: FieldError[]): InputError {
  return new InputError(document.code, describeFieldErrors(document.summary, errors), errors);
}

/**
 * Returns the document typed by its schema, or throws one InputError (`code`) naming every field
 * that is wrong, in the sentence `summary: path message; …`.
 */
export function checkShape<S extends TSchema>(
  schema: S,
  doc: unknown,
  code: ErrorCodeOf<'input'>,
  summary: string,
  root = '',
): Static<S> {
  const errors = schemaErrors(schema, doc, root);
  if (errors.length > 0) throw invalidDocument({ code, summary }, errors);
  return doc;
}
