import type { CreateTokenBody, TokenCreated, TokenView } from '../contracts/auth.contracts.js';
import type { Page, PageQuery } from './page.js';

/** API tokens for scripts and pipelines: created (the value shown once), listed, revoked. */
export interface TokensClient {
  create(input: CreateTokenBody): Promise<TokenCreated>;
  list(query: PageQuery): Promise<Page<TokenView>>;
  /** Revokes the active token with this id or name. */
  revoke(idOrName: string): Promise<TokenView>;
}
