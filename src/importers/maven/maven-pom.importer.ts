import { declareOverrideClass, readClassOverrides } from '../common/infra-mapping.js';
import { StateBuilder, type Origin } from '../common/infra-state-builder.js';
import { child, children, childText, readXml, type XmlElement } from '../common/xml-elements.js';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';

/**
 * A Maven `pom.xml` → the application it builds (`groupId:artifactId`, its version and
 * packaging) and a `software` CI per dependency, which the application `depends_on` with the
 * version and scope Maven would use. See docs/importers/maven.md.
 */
export const mavenPomImporter: Importer = {
  format: 'maven',
  description: 'Maven pom.xml: an application and the libraries it depends on, with their versions and scopes',
  parse: parseMavenPoms,
};

const CLASSES = { application: 'application', dependency: 'software' } as const;
type Kind = keyof typeof CLASSES;

/** How deep `${a}` may name `${b}` before the value is taken as unresolvable (Maven refuses cycles too). */
const MAX_INTERPOLATION = 10;

function parseMavenPoms(files: ImportFile[], options?: ImporterOptions): ImportResult {
  const overrides = readClassOverrides(
    { format: 'maven', kinds: Object.keys(CLASSES), kindWord: 'kind of CI' },
    options?.mapping,
  );
  const builder = new StateBuilder();
  const classOf = (kind: Kind): string => overrides.get(kind) ?? CLASSES[kind];
  for (const [kind, className] of overrides)
    declareOverrideClass(builder, className, CLASSES[kind as Kind], `A Maven ${kind}`);
  for (const file of files) {
    const roots = readXml(file.text);
    if (!Array.isArray(roots)) {
      builder.issue({ file: file.path, location: `line ${roots.line}` }, `not well-formed XML: ${roots.error}`);
      continue;
    }
    for (const root of roots) {
      const origin = { file: file.path, location: `line ${root.line}` };
      if (root.name !== 'project') builder.issue(origin, `<${root.name}> is not a Maven POM (<project>); left out`);
      else readPom(builder, root, origin, classOf);
    }
  }
  return builder.build();
}

function readPom(builder: StateBuilder, project: XmlElement, origin: Origin, classOf: (kind: Kind) => string): void {
  const parent = child(project, 'parent');
  const groupId = childText(project, 'groupId') ?? childText(parent, 'groupId');
  const artifactId = childText(project, 'artifactId');
  if (groupId === undefined || artifactId === undefined)
    return builder.issue(origin, 'the POM names no groupId (nor a parent that gives one) or no artifactId; left out');
  const properties = propertiesOf(project, parent, groupId);
  const resolve = (text: string | undefined) => interpolate(text, properties);
  const version = resolve(childText(project, 'version') ?? childText(parent, 'version'));
  const modules = children(child(project, 'modules'), 'module').map((m) => m.text.trim());
  const app = builder.addCi(
    {
      class: classOf('application'),
      name: `${groupId}:${artifactId}`,
      attributes: {
        ...(version.value !== undefined ? { version: version.value } : {}),
        packaging: childText(project, 'packaging') ?? 'jar',
        build_tool: 'maven',
        ...(childText(project, 'name') ? { title: childText(project, 'name') } : {}),
        ...(parent ? { parent: coordinates(parent) } : {}),
        ...(modules.length > 0 ? { modules } : {}),
      },
    },
    origin,
  );
  if (app === undefined) return;
  const managed = managedVersions(project, resolve);
  for (const dependency of children(child(project, 'dependencies'), 'dependency')) {
    const at: Origin = { file: origin.file, location: `line ${dependency.line}` };
    const group = resolve(childText(dependency, 'groupId')).value;
    const artifact = resolve(childText(dependency, 'artifactId')).value;
    if (group === undefined || artifact === undefined) {
      builder.issue(at, 'a dependency without groupId or artifactId; left out');
      continue;
    }
    const name = `${group}:${artifact}`;
    const declared = childText(dependency, 'version');
    const own = resolve(declared);
    const ref = builder.addCi(
      {
        class: classOf('dependency'),
        name,
        attributes: { ecosystem: 'maven', purl: `pkg:maven/${group}/${artifact}` },
      },
      at,
    );
    if (ref === undefined) continue;
    const versionOf = declared === undefined ? managed.get(name) : own;
    builder.addRelation(
      {
        type: 'depends_on',
        from: app,
        to: ref,
        attributes: {
          scope: childText(dependency, 'scope') ?? 'compile',
          ...(versionOf?.value !== undefined ? { version: versionOf.value } : {}),
          // Said, not guessed: a version the parent or an imported BOM manages is not in this file.
          ...(versionOf === undefined ? { version_from: 'managed outside this POM' } : {}),
          ...(versionOf?.unresolved !== undefined ? { version_expression: versionOf.unresolved } : {}),
          ...(childText(dependency, 'optional') === 'true' ? { optional: true } : {}),
          ...(childText(dependency, 'type') ? { type: childText(dependency, 'type') } : {}),
          ...(childText(dependency, 'classifier') ? { classifier: childText(dependency, 'classifier') } : {}),
        },
      },
      at,
    );
  }
}

/** `<properties>` and the project's own coordinates, as `${…}` reads them. */
function propertiesOf(project: XmlElement, parent: XmlElement | undefined, groupId: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const p of child(project, 'properties')?.children ?? []) properties.set(p.name, p.text.trim());
  const version = childText(project, 'version') ?? childText(parent, 'version');
  const own: [string, string | undefined][] = [
    ['project.groupId', groupId],
    ['project.artifactId', childText(project, 'artifactId')],
    ['project.version', version],
    ['project.parent.groupId', childText(parent, 'groupId')],
    ['project.parent.version', childText(parent, 'version')],
    // Maven 2's names, still read by Maven 3.
    ['pom.version', version],
    ['version', version],
  ];
  for (const [key, value] of own) if (value !== undefined && !properties.has(key)) properties.set(key, value);
  return properties;
}

/** The versions `<dependencyManagement>` gives, by `groupId:artifactId`. */
function managedVersions(
  project: XmlElement,
  resolve: (text: string | undefined) => Interpolated,
): Map<string, Interpolated> {
  const managed = new Map<string, Interpolated>();
  const list = child(child(project, 'dependencyManagement'), 'dependencies');
  for (const d of children(list, 'dependency')) {
    const group = resolve(childText(d, 'groupId')).value;
    const artifact = resolve(childText(d, 'artifactId')).value;
    if (group !== undefined && artifact !== undefined && childText(d, 'scope') !== 'import')
      managed.set(`${group}:${artifact}`, resolve(childText(d, 'version')));
  }
  return managed;
}

interface Interpolated {
  value?: string;
  /** The expression as written, when a property it names is not defined in this POM. */
  unresolved?: string;
}

/** `${name}` replaced by the POM's properties, as Maven does; a name defined elsewhere (a parent) leaves the value unknown. */
function interpolate(text: string | undefined, properties: Map<string, string>): Interpolated {
  if (text === undefined) return {};
  let value = text;
  for (let depth = 0; depth < MAX_INTERPOLATION && value.includes('${'); depth++)
    value = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
  return value.includes('${') ? { unresolved: text } : { value };
}

function coordinates(element: XmlElement): string {
  return [childText(element, 'groupId'), childText(element, 'artifactId'), childText(element, 'version')]
    .filter((part) => part !== undefined)
    .join(':');
}
