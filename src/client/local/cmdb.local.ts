import { toCiView, toRelationView } from '../../core/ci/ci.types.js';
import { parseRef, type CiRef } from '../../core/ci/desired-state.js';
import { outcomeJson, planReport } from '../../core/cmdb/write-views.js';
import type { CmdbFaceServices } from '../../core/cmdb/cmdb-services.js';
import { InputError } from '../../core/shared/errors.js';
import { ciListQueryOf } from '../../core/cmdb/ci-query.service.js';
import type { CmdbClient } from '../cmdb.client.js';
import type { LocalSession } from './session.js';

/** The CMDB client in-process: the same services the API routes call, the same views they return. */
export function localCmdbClient(s: CmdbFaceServices, session: LocalSession): CmdbClient {
  const at = async (point: string | undefined) => (point === undefined ? undefined : s.history.resolvePoint(point));
  return {
    getCi: async (ref, point) => toCiView(await s.cmdb.getCi(refOf(ref), await at(point))),
    async relationsOf(ref, point) {
      const rev = await at(point);
      const ci = await s.cmdb.getCi(refOf(ref), rev);
      const relations = await s.cmdb.relationsOf(ci.id, rev);
      return relations.map(toRelationView);
    },
    async listCis(q) {
      const page = await s.cis.list(ciListQueryOf(q));
      return { ...page, items: page.items.map(toCiView) };
    },
    apply: async (document, message) =>
      outcomeJson(await s.cmdb.apply({ cis: [], relations: [], ...document }, session.meta(message ?? 'apply'))),
    plan: async (document, depth) => ({
      ...(await planReport(s, { cis: [], relations: [], ...document }, depth ?? 6)),
      revision: null,
      hash: null,
    }),
    deleteCis: async (refs, message) =>
      outcomeJson(await s.cmdb.deleteCis(refs.map(refOf), session.meta(message ?? `delete ${refs.join(' ')}`))),
    impact: async (refs, options = {}) =>
      s.impact.impactOf(refs.map(refOf), { depth: options.depth ?? 6, at: await at(options.at) }),
    neighbourhood: async (refs, options = {}) =>
      s.neighbourhood.neighbourhoodOf(refs.map(refOf), {
        depth: options.depth,
        limit: options.limit,
        at: await at(options.at),
        skipMissing: true,
      }),
  };
}

export function refOf(text: string): CiRef {
  const ref = parseRef(text);
  if (!ref)
    throw new InputError('INVALID_REF', `"${text}" is not a CI reference: write it as class/name, e.g. server/web-01`, [
      { path: 'ref', message: 'must be class/name' },
    ]);
  return ref;
}
