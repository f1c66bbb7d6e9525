import type { RolesView } from '../contracts/admin.contracts.js';
import type { CreateUserBody, UpdateUserBody, UserView } from '../contracts/auth.contracts.js';

/**
 * The people who can log in to a server (`/users`: credentials and roles, not the change
 * workflow's people) and the role table, for the web UI's administration pages.
 */
export interface AccountsClient {
  list(): Promise<UserView[]>;
  create(input: CreateUserBody): Promise<UserView>;
  /** Changes a user's password, roles or disabled flag. */
  update(username: string, patch: UpdateUserBody): Promise<UserView>;
  /** Every role, what it is for and the actions it allows. */
  roles(): Promise<RolesView>;
}
