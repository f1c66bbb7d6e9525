/**
 * The one place that reads process.env. Flags override these; these override the defaults.
 */
export interface CairnConfig {
  /** `--db`: a SQLite file path or a postgres:// URL. */
  db: string;
  /** `--author`: who revisions are attributed to when not given. */
  author?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CairnConfig {
  return {
    db: env.CAIRN_DB && env.CAIRN_DB !== '' ? env.CAIRN_DB : './cairn.db',
    author: env.CAIRN_AUTHOR && env.CAIRN_AUTHOR !== '' ? env.CAIRN_AUTHOR : undefined,
  };
}
