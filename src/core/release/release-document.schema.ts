import { Type, type Static } from '@sinclair/typebox';
import { PlanDocument } from '../change/change-document.schema.js';
import { Fields, ListOrNone, NonEmptyText, OptionalText } from '../shared/schema-words.js';

/** The shape of release.yaml (and of the API's body beside service and version). */

const Dependency = Fields({ name: NonEmptyText(), version: NonEmptyText() });

const ArtifactDocument = Fields(
  {
    name: NonEmptyText(),
    digest: Type.String({
      pattern: '^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]+$',
      maxLength: 512,
      'x-message': 'must be an algorithm and a hash, e.g. sha256:9f86d08…',
    }),
    location: NonEmptyText({ maxLength: 2048 }),
    dependencies: ListOrNone(Dependency),
  },
  { title: 'Artifact' },
);

export const ReleaseFields = {
  notes: Type.Optional(OptionalText),
  artifacts: ListOrNone(ArtifactDocument),
  // CI updates the release makes in an environment, beyond the service's version (apply format).
  plan: Type.Optional(PlanDocument),
};

export const ReleaseDocument = Fields(ReleaseFields, { title: 'ReleaseDocument' });
export type ReleaseDocument = Static<typeof ReleaseDocument>;
