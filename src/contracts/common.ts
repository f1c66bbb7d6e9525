import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';
import { MAX_ITEMS_PER_REQUEST } from '../core/shared/limits.js';
import { MAX_PAGE } from '../core/shared/page.js';

/** RFC 9457 problem details: the body of every error the API returns. */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'A stable URI naming the kind of problem: urn:cairn:error:<CODE>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'One sentence: what was wrong and what to do' }),
    code: Type.String({ description: 'The stable error code (docs/errors.md)' }),
    instance: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'ProblemDetails', title: 'ProblemDetails' },
);
export type ProblemDetails = Static<typeof ProblemDetails>;

const problemResponse = (description: string) => ({ ...Type.Ref(ProblemDetails), description });

/** Every error status a route may answer, as problem details. */
export const ERROR_RESPONSES = {
  400: problemResponse('The request is malformed; `errors` names each bad field'),
  401: problemResponse('No valid session or API token'),
  403: problemResponse('The caller’s role may not do this'),
  404: problemResponse('Not found'),
  409: problemResponse('Conflicts with the current state'),
  412: problemResponse('If-Match does not match: the item moved on'),
  422: problemResponse('Idempotency-Key reused with a different request'),
  429: problemResponse('Too many attempts'),
  502: problemResponse('A service Cairn relies on (the identity provider) failed or cannot be reached'),
} as const;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** The response map of a route: its success bodies plus the listed error statuses. */
export function responses<S extends Record<number, TSchema>>(
  success: S,
  errors: ErrorStatus[] = [],
): S & Partial<typeof ERROR_RESPONSES> {
  const out: Record<number, unknown> = { ...success };
  for (const status of [400, 401, 403, ...errors] as ErrorStatus[]) out[status] = ERROR_RESPONSES[status];
  return out as S & Partial<typeof ERROR_RESPONSES>;
}

export const JsonObject = KeyedBy(Type.Unknown());
export const StringMap = KeyedBy(Type.String());

/** A list in a request body, at most MAX_ITEMS_PER_REQUEST items: a bigger one is refused before any work. */
export const ItemList = <T extends TSchema>(item: T, options: { description?: string } = {}) =>
  Type.Array(item, { maxItems: MAX_ITEMS_PER_REQUEST, ...options });

export const CiRefParams = Type.Object({
  class: Type.String({ pattern: '^[a-z][a-z0-9_]*$', description: 'Class name' }),
  name: Type.String({ minLength: 1, maxLength: 255, description: 'CI name (encode a `/` in it as %2F)' }),
});
export type CiRefParams = Static<typeof CiRefParams>;

export const AtQuery = Type.Object({
  at: Type.Optional(Type.String({ description: 'A revision number, baseline, change (CHG-n) or ISO time' })),
});

export const MessageField = Type.Optional(
  Type.String({ maxLength: 2000, description: 'Why: recorded on the revision' }),
);

export { MAX_PAGE };

export const PageQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 100, description: `Page size, at most ${MAX_PAGE}` }),
  ),
  cursor: Type.Optional(Type.String({ description: 'The nextCursor of the previous page' })),
});

export function Page<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as `cursor` for the next page; null on the last page',
      }),
      total: Type.Optional(
        Type.Integer({ description: 'How many items the whole list has: on the first page, where counting is cheap' }),
      ),
    },
    { title },
  );
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Replays the stored response when the same request is sent again',
    }),
  ),
});

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag the write is based on; 412 when the item moved on' })),
});

export const Empty = Type.Null({ description: 'No content' });
