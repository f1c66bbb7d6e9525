/** Configuration audit: drift of observed state from authorized state, and its reconciliation. */
export * from './drift.types.js';
export { authorityFrom, authorityHash, ownerOf, parseAuthorityRules, sourceName, type AuthorityRules, type AuthorityVersion, type SourceRule } from './authority.js';
export { ChangeRecordLookup, combinedLookup, DEFAULT_REVISION_WINDOW_MS, RevisionChangeLookup } from './change-lookup.js';
export { classifyFindings, type AuthorizingChange, type ClassifyContext } from './classify.js';
export { compareMatch, inScope, type CompareOptions } from './compare.js';
export { runCheck, summarise, type CheckDeps, type CheckInput } from './drift-check.js';
export { DriftService, loadAuthority, type AcceptOutcome, type DriftServiceDeps, type FindingSelection, type RemediateOutcome } from './drift.service.js';
export { candidateClasses, identificationRoot, matchObserved, type MatchedPair, type MatchResult } from './match.js';
export { acceptDocument, remediationDraft, type RemediationDraft } from './reconcile.js';
export { activeRules, checkSuppression, suppressingRule, type SuppressionInput } from './suppression.js';
