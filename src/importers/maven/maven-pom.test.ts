import { describe, expect, it } from 'vitest';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { readSample } from '../../../test/helpers/samples.js';
import { mavenPomImporter } from './maven-pom.importer.js';

const pom = readSample('maven-poms', 'pom.xml');
/** The dependencies of the project itself, counted in the file: those before <build> (profiles and plugins have their own). */
const ownDependencies =
  pom.slice(pom.indexOf('<dependencies>'), pom.indexOf('</dependencies>')).split('<dependency>').length - 1;
const app = 'application/org.apache.commons:commons-text';

describe('Maven importer on the POM of Apache Commons Text', () => {
  const result = mavenPomImporter.parse([{ path: 'pom.xml', text: pom }]);
  const dependency = (name: string) => result.state.relations.find((r) => r.to === `software/${name}`);

  it('makes the application, named by its coordinates with the groupId its parent gives, and one CI per dependency', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    expect(ownDependencies).toBe(10);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ application: 1, software: ownDependencies });
    expect(result.state.cis[0]).toEqual({
      class: 'application',
      name: 'org.apache.commons:commons-text',
      attributes: {
        version: '1.15.1-SNAPSHOT',
        packaging: 'jar',
        build_tool: 'maven',
        title: 'Apache Commons Text',
        parent: 'org.apache.commons:commons-parent:104',
      },
    });
    // Profiles' dependencies (mockito, graalvm) count only when a profile is active: not here.
    expect(result.state.cis.some((ci) => ci.name.includes('mockito'))).toBe(false);
  });

  it('reads versions through properties, keeps scopes, and says when the parent manages a version', () => {
    expect(dependency('org.apache.commons:commons-lang3')).toEqual({
      type: 'depends_on',
      from: app,
      to: 'software/org.apache.commons:commons-lang3',
      attributes: { scope: 'compile', version: '3.20.0' },
    });
    expect(dependency('net.bytebuddy:byte-buddy')?.attributes).toEqual({ scope: 'test', version: '1.18.10' });
    expect(dependency('org.junit.jupiter:junit-jupiter')?.attributes).toEqual({
      scope: 'test',
      version_from: 'managed outside this POM',
    });
    expect(result.state.cis.find((ci) => ci.name === 'commons-io:commons-io')?.attributes).toEqual({
      ecosystem: 'maven',
      purl: 'pkg:maven/commons-io/commons-io',
    });
  });
});

describe('Maven importer on the constructs of the POM reference', () => {
  const parse = (text: string) => mavenPomImporter.parse([{ path: 'pom.xml', text }]);

  it('takes a version from dependencyManagement, keeps an undefined property as written, and lists modules', () => {
    const result = parse(`<project>
  <groupId>com.example</groupId><artifactId>shop</artifactId><version>2.0.0</version><packaging>pom</packaging>
  <modules><module>api</module><module>web</module></modules>
  <properties><jackson.version>2.17.1</jackson.version><shop.version>\${project.version}</shop.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>\${jackson.version}</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>
    <dependency><groupId>com.example</groupId><artifactId>shop-api</artifactId><version>\${shop.version}</version><optional>true</optional></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>\${slf4j.version}</version><scope>runtime</scope></dependency>
  </dependencies>
</project>`);
    expect(result.issues).toEqual([]);
    expect(result.state.cis[0]?.attributes).toMatchObject({ packaging: 'pom', modules: ['api', 'web'] });
    expect(result.state.relations.map((r) => [r.to, r.attributes])).toEqual([
      ['software/com.fasterxml.jackson.core:jackson-databind', { scope: 'compile', version: '2.17.1' }],
      ['software/com.example:shop-api', { scope: 'compile', version: '2.0.0', optional: true }],
      ['software/org.slf4j:slf4j-api', { scope: 'runtime', version_expression: '${slf4j.version}' }],
    ]);
  });

  it('names what is not a POM, a POM without coordinates and XML that is not well formed, each on its line', () => {
    const messages = (text: string) => parse(text).issues.map((i) => i.message);
    expect(messages('<settings></settings>')).toEqual(['<settings> is not a Maven POM (<project>); left out']);
    expect(messages('<project><artifactId>x</artifactId></project>')).toEqual([
      'the POM names no groupId (nor a parent that gives one) or no artifactId; left out',
    ]);
    expect(messages('<project><groupId>a</groupId>')[0]).toMatch(/^not well-formed XML: <project> is never closed/);
    expect(messages('<!DOCTYPE project [<!ENTITY x "y">]><project/>')[0]).toContain('a DOCTYPE is not read');
  });
});
