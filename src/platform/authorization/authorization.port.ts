/** An object in the authorization graph, e.g. `{ type: 'workspace', id: '<uuid>' }`. */
export interface ObjectRef {
  type: string;
  id: string;
}

/** A subject; `relation` names a subject set, e.g. `team:<id>#member`. */
export interface SubjectRef extends ObjectRef {
  relation?: string;
}

/** One relationship: `resource#relation@subject`. */
export interface Relationship {
  resource: ObjectRef;
  relation: string;
  subject: SubjectRef;
}

/** Selects relationships to delete: a resource type plus any of id, relation and subject. */
export interface RelationshipFilter {
  resourceType: string;
  resourceId?: string;
  relation?: string;
  subject?: SubjectRef;
}

/** The one question every endpoint asks, and the writes that keep its answers true. */
export abstract class AuthorizationPort {
  /** Whether `subject` has `permission` on `resource`, fully consistent with every write so far. */
  abstract check(subject: SubjectRef, permission: string, resource: ObjectRef): Promise<boolean>;

  /** Ids of every `resourceType` on which `subject` has `permission`. */
  abstract lookupResources(subject: SubjectRef, permission: string, resourceType: string): Promise<string[]>;

  /** Idempotent: TOUCH each of `touch`, DELETE each of `remove` (absent ones are no error). */
  abstract writeRelationships(touch: Relationship[], remove?: Relationship[]): Promise<void>;

  /** Idempotent: deletes every relationship the filter matches. */
  abstract deleteRelationships(filter: RelationshipFilter): Promise<void>;

  /** Every stored relationship of `resourceType` (for tests and resync audits). */
  abstract readRelationships(filter: RelationshipFilter): Promise<Relationship[]>;
}
