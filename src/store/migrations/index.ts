import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../engine.js';
import { applyMigrations } from './migrator.js';
import * as m0001 from './0001-cmdb.js';
import * as m0002 from './0002-changes.js';
import * as m0003 from './0003-auth-webhooks.js';
import * as m0004 from './0004-attribute-sources.js';
import * as m0005 from './0005-drift.js';
import * as m0006 from './0006-drift-schedules.js';
import * as m0007 from './0007-record-counts.js';
import * as m0008 from './0008-outbox-login-attempts.js';
import * as m0009 from './0009-single-sign-on.js';
import * as m0010 from './0010-notifications.js';
import * as m0013 from './0013-audit-verifications.js';
import * as m0015 from './0015-unresolved-refs.js';
import * as m0017e from './0017-environments.js';
import * as m0014 from './0014-cab-minutes.js';
import * as m0017r from './0017-releases.js';
import * as m0018 from './0018-calendar-feeds.js';
import * as m0019 from './0019-drift-scope-relations.js';
import * as m0020 from './0020-deployments.js';
import * as m0021 from './0021-revision-backouts.js';
import * as m0022 from './0022-incidents.js';
import * as m0025 from './0025-deployment-revisions.js';
import * as m0026 from './0026-revisions-change-partial.js';

/**
 * Versioned migrations, applied in name order by `cairn init` and whenever a store opens.
 * Each migration takes the engine so that the few type differences (jsonb/text,
 * timestamptz/text) are stated where the table is.
 */
function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001-cmdb': { up: m0001.up(engine) },
    '0002-changes': { up: m0002.up(engine) },
    '0003-auth-webhooks': { up: m0003.up(engine) },
    '0004-attribute-sources': { up: m0004.up(engine) },
    '0005-drift': { up: m0005.up(engine) },
    '0006-drift-schedules': { up: m0006.up(engine) },
    '0007-record-counts': { up: m0007.up(engine) },
    '0008-outbox-login-attempts': { up: m0008.up(engine) },
    '0009-single-sign-on': { up: m0009.up(engine) },
    '0010-notifications': { up: m0010.up(engine) },
    '0013-audit-verifications': { up: m0013.up(engine) },
    '0015-unresolved-refs': { up: m0015.up(engine) },
    '0017-environments': { up: m0017e.up(engine) },
    '0014-cab-minutes': { up: m0014.up(engine) },
    '0017-releases': { up: m0017r.up(engine) },
    '0018-calendar-feeds': { up: m0018.up(engine) },
    '0019-drift-scope-relations': { up: m0019.up(engine) },
    '0020-deployments': { up: m0020.up(engine) },
    '0021-revision-backouts': { up: m0021.up(engine) },
    '0022-incidents': { up: m0022.up(engine) },
    '0025-deployment-revisions': { up: m0025.up(engine) },
    '0026-revisions-change-partial': { up: m0026.up(engine) },
  };
}

export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await applyMigrations(db, engine, migrations(engine));
}
