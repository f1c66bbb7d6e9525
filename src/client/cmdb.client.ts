import type {
  ApplyBody,
  CiView,
  ImpactReport,
  ListCisQuery,
  PlanResult,
  RelationView,
  WriteOutcome,
} from '../contracts/ci.contracts.js';
import type { Neighbourhood } from '../contracts/graph.contracts.js';
import type { Page } from './page.js';

/** A desired-state document: what `cairn apply -f` reads and POST /apply takes (without its message). */
export type DesiredStateDocument = Omit<ApplyBody, 'message'>;

/** The CMDB's items: read, list, write, plan and follow impact. `ref` is always `class/name`. */
export interface CmdbClient {
  getCi(ref: string, at?: string): Promise<CiView>;
  relationsOf(ref: string, at?: string): Promise<RelationView[]>;
  /** One page of CIs, filtered; the first page says how many match in all. */
  listCis(query: ListCisQuery): Promise<Page<CiView>>;
  /** Upserts the document as one revision; nothing is written when nothing changes. */
  apply(document: DesiredStateDocument, message?: string): Promise<WriteOutcome>;
  /** What apply would write, and what that would impact; writes nothing. */
  plan(document: DesiredStateDocument, depth?: number): Promise<PlanResult>;
  deleteCis(refs: string[], message?: string): Promise<WriteOutcome>;
  impact(refs: string[], options?: { depth?: number; at?: string }): Promise<ImpactReport>;
  /** The CIs within `depth` relationships of any of `refs` and the relationships among them, at most `limit` CIs. */
  neighbourhood(refs: string[], options?: { depth?: number; at?: string; limit?: number }): Promise<Neighbourhood>;
}
