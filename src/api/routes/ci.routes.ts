import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { refKey } from '../../core/ci/apply-plan.js';
import { toCiView, toRelationView, type CiVersion } from '../../core/ci/ci.types.js';
import { AtQuery, CiRefParams, IfMatchHeaders, responses } from '../../contracts/common.js';
import {
  CiPage,
  CiView,
  DeleteCiQuery,
  ListCisQuery,
  PutCiBody,
  PutCiResponse,
  RelationView,
  WriteOutcome,
} from '../../contracts/ci.contracts.js';
import { outcomeJson } from '../../core/cmdb/write-views.js';
import { ciListQueryOf } from '../../core/cmdb/ci-query.service.js';
import { checkAfterNoop, etagOf, movedOn, parseIfMatch, withExpectation, type Expectation } from '../preconditions.js';
import type { ApiServices } from '../services.js';
import { ciViewJson } from '../ci-view-json.js';
import { CurrentCiViews } from '../current-ci-views.js';
import { meta, resolveAt } from './route-helpers.js';

/** What Fastify writes for a JSON answer it serializes itself. */
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * One CI's answer: its ETag, and the stored JSON put in as it is where there is one
 * (ci-view-json.ts): the schema's bytes.
 */
function sendCi(reply: FastifyReply, ci: CiVersion, json: string | undefined): CiView | FastifyReply {
  reply.header('etag', etagOf(ci.revFrom));
  if (json === undefined) return toCiView(ci);
  return reply.type(JSON_TYPE).send(json);
}

/** CIs: list with filters and cursor pages, read (now or as of a point), upsert one, delete one. */
export function ciRoutes(app: FastifyInstance, s: ApiServices): void {
  // The current CIs' answers, kept while the CMDB does not change (current-ci-views.ts).
  const views = new CurrentCiViews(() => s.cmdb.changeStamp());
  app.get<{ Querystring: ListCisQuery }>(
    '/api/v1/cis',
    {
      schema: { tags: ['cis'], summary: 'List CIs', querystring: ListCisQuery, response: responses({ 200: CiPage }) },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const page = await s.cis.list(ciListQueryOf(req.query));
      return { ...page, items: page.items.map(toCiView) };
    },
  );

  app.get<{ Params: CiRefParams; Querystring: { at?: string } }>(
    '/api/v1/cis/:class/:name',
    {
      schema: {
        tags: ['cis'],
        summary: 'Get one CI (ETag: the revision of its version)',
        params: CiRefParams,
        querystring: AtQuery,
        response: responses({ 200: CiView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => {
      if (req.query.at !== undefined) {
        const ci = await s.cmdb.getCi(req.params, await resolveAt(s, req.query.at));
        return sendCi(reply, ci, ciViewJson(ci));
      }
      // Now: nothing to resolve, and the answer may be kept from a GET before (no read at all).
      const key = refKey(req.params.class, req.params.name);
      const { answer, stamp } = views.lookUp(key);
      if (answer) return reply.header('etag', answer.etag).type(JSON_TYPE).send(answer.json);
      const ci = await s.cmdb.getCi(req.params);
      const json = ciViewJson(ci);
      if (json !== undefined) views.keep(key, stamp, { etag: etagOf(ci.revFrom), json });
      return sendCi(reply, ci, json);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { at?: string } }>(
    '/api/v1/cis/by-id/:id',
    {
      schema: {
        tags: ['cis'],
        summary: 'Get one CI by its id',
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        querystring: AtQuery,
        response: responses({ 200: CiView }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req, reply) => {
      const ci = await s.cis.getById(req.params.id, req.query.at);
      reply.header('etag', etagOf(ci.revFrom));
      return toCiView(ci);
    },
  );

  app.get<{ Params: CiRefParams; Querystring: { at?: string } }>(
    '/api/v1/cis/:class/:name/relations',
    {
      schema: {
        tags: ['cis'],
        summary: 'Relationships of a CI, both ends named',
        params: CiRefParams,
        querystring: AtQuery,
        response: responses({ 200: Type.Array(RelationView) }, [404]),
      },
      config: { action: 'cmdb:read' },
    },
    async (req) => {
      const at = await resolveAt(s, req.query.at);
      const ci = await s.cmdb.getCi(req.params, at);
      const relations = await s.cmdb.relationsOf(ci.id, at);
      return relations.map(toRelationView);
    },
  );

  app.put<{ Params: CiRefParams; Body: PutCiBody; Headers: { 'if-match'?: string; 'if-none-match'?: string } }>(
    '/api/v1/cis/:class/:name',
    {
      schema: {
        tags: ['cis'],
        summary: 'Create or update one CI (merge); If-Match: its ETag, If-None-Match: * to create only',
        params: CiRefParams,
        headers: IfMatchHeaders,
        body: PutCiBody,
        response: responses({ 200: PutCiResponse, 201: PutCiResponse }, [409, 412]),
      },
      config: { action: 'cmdb:write' },
    },
    async (req, reply) => {
      const ref = req.params;
      const { message, ...fields } = req.body;
      const expectation = await ciExpectation(s, ref, req.headers['if-match'], req.headers['if-none-match']);
      const outcome = await withExpectation(expectation, () =>
        s.cmdb.apply(
          { cis: [{ ...ref, ...fields }], relations: [] },
          meta(req, message ?? `update ${ref.class}/${ref.name}`),
        ),
      );
      if (!outcome.revision) await checkAfterNoop(expectation, s);
      const written = outcome.writes.cis.find((w) => w.after?.class === ref.class && w.after.name === ref.name);
      const ci = written?.after ?? (await s.cmdb.getCi(ref));
      reply.code(written && !written.before ? 201 : 200).header('etag', etagOf(ci.revFrom));
      return { ...outcomeJson(outcome), ci: toCiView(ci) };
    },
  );

  app.delete<{ Params: CiRefParams; Querystring: { message?: string }; Headers: { 'if-match'?: string } }>(
    '/api/v1/cis/:class/:name',
    {
      schema: {
        tags: ['cis'],
        summary: 'Delete one CI and its relationships; If-Match: its ETag',
        params: CiRefParams,
        querystring: DeleteCiQuery,
        headers: IfMatchHeaders,
        response: responses({ 200: WriteOutcome }, [404, 412]),
      },
      config: { action: 'cmdb:write' },
    },
    async (req) => {
      const expectation = await ciExpectation(s, req.params, req.headers['if-match'], undefined);
      const outcome = await withExpectation(expectation, () =>
        s.cmdb.deleteCis([req.params], meta(req, req.query.message ?? `delete ${req.params.class}/${req.params.name}`)),
      );
      return outcomeJson(outcome);
    },
  );
}

/** Checks If-Match / If-None-Match now (clear 412 before any work) and returns what the write guard re-checks under the lock. */
async function ciExpectation(
  s: ApiServices,
  ref: { class: string; name: string },
  ifMatch: string | undefined,
  ifNoneMatch: string | undefined,
): Promise<Expectation | undefined> {
  const match = parseIfMatch(ifMatch);
  const createOnly = ifNoneMatch?.trim() === '*';
  if (match === undefined && !createOnly) return undefined;
  const current = await s.cis.find(ref);
  const actual = current ? current.revFrom : 'absent';
  if (createOnly) {
    if (current) throw movedOn(ref, 'absent', actual);
    return { ci: { ref, rev: 'absent' } };
  }
  if (match === '*') {
    if (!current) throw movedOn(ref, 0, 'absent');
    return undefined;
  }
  if (!current || !match!.includes(current.revFrom)) throw movedOn(ref, match![0] ?? 0, actual);
  return { ci: { ref, rev: current.revFrom } };
}
