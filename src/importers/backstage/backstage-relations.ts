/**
 * The spec fields of Backstage entities that name other entities, the kind a bare name
 * defaults to, and the Cairn relationship each gives. `reverse` fields point the other way
 * (a Group's `children` are part_of the group).
 */
export interface RelationField {
  field: string;
  /** Kind of a reference that does not say one; undefined means it must say one. */
  defaultKind?: string;
  type: string;
  reverse?: boolean;
}

const OWNER: RelationField = { field: 'owner', defaultKind: 'group', type: 'owned_by' };
const OWNED_BY: RelationField = { field: 'ownedBy', defaultKind: 'group', type: 'owned_by' };
const DEPENDS_ON: RelationField = { field: 'dependsOn', type: 'depends_on' };
const DEPENDENCY_OF: RelationField = { field: 'dependencyOf', type: 'depends_on', reverse: true };
const SYSTEM: RelationField = { field: 'system', defaultKind: 'system', type: 'part_of' };
const PART_OF: RelationField = { field: 'partOf', defaultKind: 'system', type: 'part_of' };

export const RELATION_FIELDS: Readonly<Record<string, RelationField[]>> = {
  component: [
    OWNER,
    OWNED_BY,
    SYSTEM,
    PART_OF,
    { field: 'subcomponentOf', defaultKind: 'component', type: 'part_of' },
    { field: 'providesApis', defaultKind: 'api', type: 'provides' },
    { field: 'consumesApis', defaultKind: 'api', type: 'consumes' },
    DEPENDS_ON,
    DEPENDENCY_OF,
  ],
  api: [OWNER, OWNED_BY, SYSTEM, PART_OF],
  resource: [OWNER, OWNED_BY, SYSTEM, PART_OF, DEPENDS_ON, DEPENDENCY_OF],
  system: [
    OWNER,
    OWNED_BY,
    { field: 'domain', defaultKind: 'domain', type: 'part_of' },
    { field: 'partOf', defaultKind: 'domain', type: 'part_of' },
  ],
  domain: [OWNER, OWNED_BY, { field: 'subdomainOf', defaultKind: 'domain', type: 'part_of' }],
  group: [
    { field: 'parent', defaultKind: 'group', type: 'part_of' },
    { field: 'children', defaultKind: 'group', type: 'part_of', reverse: true },
    { field: 'members', defaultKind: 'user', type: 'member_of', reverse: true },
  ],
  user: [{ field: 'memberOf', defaultKind: 'group', type: 'member_of' }],
};

/** The fields every kind may use, read on kinds Cairn keeps generically (Environment, a custom kind). */
export const GENERIC_RELATION_FIELDS: RelationField[] = [OWNER, OWNED_BY, SYSTEM, PART_OF, DEPENDS_ON, DEPENDENCY_OF];
