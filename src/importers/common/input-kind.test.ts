import { describe, expect, it } from 'vitest';
import { probableInput, withProbableInput, yamlMessage } from './input-kind.js';
import { parseYamlFile } from './infra-yaml.js';

describe('what a failed input probably is', () => {
  // The head of ingress.yaml as `helm create` writes it, before `helm template` renders it.
  const helm = [
    '{{- if .Values.ingress.enabled -}}',
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: {{ include "mychart.fullname" . }}',
    '{{- end }}',
  ].join('\n');

  it('names an unrendered Helm template, in the YAML syntax error of the importers', () => {
    expect(probableInput(helm)).toMatch(/unrendered Helm template .*helm template/);
    const { issues } = parseYamlFile('ingress.yaml', helm);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.message).toMatch(/^YAML syntax error: .*; it looks like an unrendered Helm template/);
  });

  it("names GLPI's legacy XML inventory and XML in general", () => {
    expect(probableInput('<?xml version="1.0"?>\n<REQUEST><CONTENT></CONTENT></REQUEST>')).toMatch(
      /GLPI's legacy XML inventory/,
    );
    expect(probableInput('<?xml version="1.0"?>\n<domain/>')).toBe('it is XML, not YAML or JSON');
  });

  it('says nothing of an ordinary file', () => {
    expect(probableInput('cis: []\n')).toBe('');
    expect(withProbableInput('bad', 'a: [')).toBe('bad');
  });

  it('speaks of several documents, not of the library that found them', () => {
    const message = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
    expect(yamlMessage(message)).toBe('the file holds several YAML documents (separated by ---) where one is expected');
    expect(yamlMessage('Nested mappings are not allowed; please use YAML.parseDocument()')).not.toMatch(/YAML\./);
  });
});
