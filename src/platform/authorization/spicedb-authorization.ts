import type { v1 as V1 } from '@authzed/authzed-node';
import { AuthorizationPort, ObjectRef, Relationship, RelationshipFilter, SubjectRef } from './authorization.port';
import { SpiceDbClient } from './spicedb-client';

/**
 * AuthorizationPort over SpiceDB's permissions API: one adapter for the embedded instance and a
 * remote server alike. Reads are fully consistent, so an answer reflects every write before it.
 */
export class SpiceDbAuthorization extends AuthorizationPort {
  private readonly v1: typeof V1;

  constructor(private readonly client: SpiceDbClient) {
    super();
    this.v1 = client.v1;
  }

  async check(subject: SubjectRef, permission: string, resource: ObjectRef): Promise<boolean> {
    const response = await this.client.permissions.checkPermission(
      this.v1.CheckPermissionRequest.create({
        resource: this.object(resource),
        permission,
        subject: this.subject(subject),
        consistency: this.fullyConsistent(),
      }),
    );
    return response.permissionship === this.v1.CheckPermissionResponse_Permissionship.HAS_PERMISSION;
  }

  async lookupResources(subject: SubjectRef, permission: string, resourceType: string): Promise<string[]> {
    const responses = await this.client.permissions.lookupResources(
      this.v1.LookupResourcesRequest.create({
        resourceObjectType: resourceType,
        permission,
        subject: this.subject(subject),
        consistency: this.fullyConsistent(),
      }),
    );
    return responses.map((r) => r.resourceObjectId);
  }

  async writeRelationships(touch: Relationship[], remove: Relationship[] = []): Promise<void> {
    const { RelationshipUpdate, RelationshipUpdate_Operation: Operation } = this.v1;
    const updates = [
      ...touch.map((r) => RelationshipUpdate.create({ operation: Operation.TOUCH, relationship: this.relationship(r) })),
      ...remove.map((r) => RelationshipUpdate.create({ operation: Operation.DELETE, relationship: this.relationship(r) })),
    ];
    if (updates.length === 0) return;
    await this.client.permissions.writeRelationships(this.v1.WriteRelationshipsRequest.create({ updates }));
  }

  async deleteRelationships(filter: RelationshipFilter): Promise<void> {
    await this.client.permissions.deleteRelationships(
      this.v1.DeleteRelationshipsRequest.create({ relationshipFilter: this.filter(filter) }),
    );
  }

  async readRelationships(filter: RelationshipFilter): Promise<Relationship[]> {
    const responses = await this.client.permissions.readRelationships(
      this.v1.ReadRelationshipsRequest.create({ relationshipFilter: this.filter(filter), consistency: this.fullyConsistent() }),
    );
    return responses.flatMap(({ relationship: r }) =>
      r?.resource && r.subject?.object
        ? [
            {
              resource: { type: r.resource.objectType, id: r.resource.objectId },
              relation: r.relation,
              subject: {
                type: r.subject.object.objectType,
                id: r.subject.object.objectId,
                ...(r.subject.optionalRelation ? { relation: r.subject.optionalRelation } : {}),
              },
            },
          ]
        : [],
    );
  }

  private object(ref: ObjectRef): V1.ObjectReference {
    return this.v1.ObjectReference.create({ objectType: ref.type, objectId: ref.id });
  }

  private subject(ref: SubjectRef): V1.SubjectReference {
    return this.v1.SubjectReference.create({ object: this.object(ref), optionalRelation: ref.relation ?? '' });
  }

  private relationship(r: Relationship): V1.Relationship {
    return this.v1.Relationship.create({ resource: this.object(r.resource), relation: r.relation, subject: this.subject(r.subject) });
  }

  private filter(f: RelationshipFilter): V1.RelationshipFilter {
    const subjectFilter = f.subject
      ? this.v1.SubjectFilter.create({
          subjectType: f.subject.type,
          optionalSubjectId: f.subject.id,
          optionalRelation: f.subject.relation ? this.v1.SubjectFilter_RelationFilter.create({ relation: f.subject.relation }) : undefined,
        })
      : undefined;
    return this.v1.RelationshipFilter.create({
      resourceType: f.resourceType,
      optionalResourceId: f.resourceId ?? '',
      optionalRelation: f.relation ?? '',
      optionalSubjectFilter: subjectFilter,
    });
  }

  private fullyConsistent(): V1.Consistency {
    // The in-memory store quantizes revisions: anything less could miss a write made just before.
    return this.v1.Consistency.create({ requirement: { oneofKind: 'fullyConsistent', fullyConsistent: true } });
  }
}
