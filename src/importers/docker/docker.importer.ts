import { isRecord, toLabels } from '../common/infra-json.js';
import { declareOverrideClass, readClassOverrides, readMappingString } from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import { readJsonValues } from '../common/json-values.js';
import { asArray, asText } from '../common/plain-json.js';
import { InputError } from '../../core/shared/errors.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import {
  containerAttributes,
  containerMounts,
  containerName,
  containerNetworks,
  dockerKind,
  networkAttributes,
  volumeAttributes,
} from './docker-objects.js';

/**
 * `docker inspect` JSON → containers with their networks and volumes. See
 * docs/importers/docker.md. Reads what `docker inspect` (and `docker container|network|volume
 * inspect`) prints, an array of objects, or one object as the Engine API returns it.
 */
export const dockerImporter: Importer = {
  format: 'docker',
  description: 'docker inspect JSON: containers, their image, ports, mounts, networks and volumes',
  parse: parseDocker,
};

const CLASSES = { container: 'container', network: 'network', volume: 'volume' } as const;
type Kind = keyof typeof CLASSES;

interface Naming {
  classOf: (kind: Kind) => string;
  /** `web-01/name` when the mapping names the Docker host: names are only unique on one host. */
  name: (name: string) => string;
  /** The Docker host's CI (`server/web-01`), when the mapping names it. */
  host?: string;
}

function parseDocker(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'docker', kinds: Object.keys(CLASSES), kindWord: 'kind of object', otherKeys: ['host'] },
    options?.mapping,
  );
  const host = readMappingString('docker', options?.mapping, 'host');
  if (host !== undefined && !/^[a-z][a-z0-9_]*\/./.test(host))
    throw new InputError(
      'IMPORT_MAPPING_INVALID',
      `docker mapping: "host" must name the Docker host's CI as class/name (server/web-01), not "${host}"`,
    );
  const builder = new StateBuilder();
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `A Docker ${kind}`);
  const hostName = host?.slice(host.indexOf('/') + 1);
  const naming: Naming = {
    classOf: (kind) => overrides.get(kind) ?? CLASSES[kind],
    name: (name) => (hostName === undefined ? name : `${hostName}/${name}`),
    ...(host !== undefined ? { host } : {}),
  };
  for (const file of files) {
    const read = readJsonValues(file, 'docker inspect output');
    for (const issue of read.issues) builder.issue(issue, issue.message);
    for (const { value, line } of read.values) {
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      items.forEach((item, i) => {
        const origin = { file: file.path, location: Array.isArray(value) ? `line ${line}, [${i}]` : `line ${line}` };
        readObject(builder, item, origin, naming);
      });
    }
  }
  return builder.build();
}

function readObject(builder: StateBuilder, item: unknown, origin: Origin, naming: Naming): void {
  const object = isRecord(item) ? item : {};
  const kind = dockerKind(object);
  const { classOf, name } = naming;
  switch (kind) {
    case undefined:
      builder.issue(origin, 'not docker inspect output: a container, network or volume was expected');
      return;
    case 'image': {
      const tag = asText(asArray(object['RepoTags'])[0]) ?? asText(object['Id']) ?? 'without a tag';
      builder.skipNonInventory(
        origin,
        `image ${tag}: an image is what a container runs, kept as its image and image_id`,
      );
      return;
    }
    case 'network':
    case 'volume': {
      const own = asText(object['Name']);
      if (own === undefined) return builder.issue(origin, `the ${kind} has no Name; left out`);
      const attributes = kind === 'network' ? networkAttributes(object) : volumeAttributes(object);
      const labels = toLabels(object['Labels']);
      builder.addCi({ class: classOf(kind), name: name(own), attributes, labels }, origin);
      return;
    }
    case 'container':
      readContainer(builder, object, origin, naming);
  }
}

function readContainer(
  builder: StateBuilder,
  container: Record<string, unknown>,
  origin: Origin,
  naming: Naming,
): void {
  const own = containerName(container);
  if (own === undefined) return builder.issue(origin, 'the container has no Name; left out');
  const labels = toLabels((container['Config'] as Record<string, unknown>)['Labels']);
  const ref = builder.addCi(
    { class: naming.classOf('container'), name: naming.name(own), attributes: containerAttributes(container), labels },
    origin,
  );
  if (ref === undefined) return;
  for (const network of containerNetworks(container))
    builder.addRelation(
      { type: 'connects_to', from: ref, to: `${naming.classOf('network')}/${naming.name(network)}` },
      origin,
    );
  for (const mount of containerMounts(container))
    if (mount.volume !== undefined)
      builder.addRelation(
        { type: 'uses', from: ref, to: `${naming.classOf('volume')}/${naming.name(mount.volume)}` },
        origin,
      );
  if (naming.host !== undefined) builder.addRelation({ type: 'runs_on', from: ref, to: naming.host }, origin);
}
