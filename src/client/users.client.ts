import type { WorkflowGroup, WorkflowUser } from '../contracts/change-governance.contracts.js';
import type { Page, PageQuery } from './page.js';

/** The people of the change workflow (requesters, approvers; not logins) and their approver groups. */
export interface UsersClient {
  listUsers(query: PageQuery): Promise<Page<WorkflowUser>>;
  /** Adds a person, or updates their email and display name. */
  addUser(name: string, details?: { email?: string; displayName?: string }): Promise<WorkflowUser>;
  listGroups(query: PageQuery): Promise<Page<WorkflowGroup>>;
  addGroup(name: string, description?: string): Promise<WorkflowGroup>;
  /** Adds a person to a group; returns the group with its members. */
  addMember(group: string, user: string): Promise<WorkflowGroup>;
}
