/**
 * What an input that failed to parse probably is, so that the message says what to do rather
 * than what the parser tripped on: an unrendered Helm template, an XML file (GLPI's legacy
 * inventory), several YAML documents where Cairn's own document is one.
 */

/** `{{ .Values.x }}`, `{{- include "…" . }}`, `{{ .Release.Name }}`: Go template actions Helm renders. */
const HELM_ACTION =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|include\s|template\s|if\s|range\s|with\s|toYaml|end\b|-?\s*\/\*)/;

/** A sentence to append to a parse error, or '' when the input looks like nothing in particular. */
export function probableInput(text: string): string {
  const head = text.slice(0, 4096).trimStart();
  if (HELM_ACTION.test(text.slice(0, 200_000)))
    return 'it looks like an unrendered Helm template ({{ … }}): render it with `helm template RELEASE CHART > manifests.yaml` and import the output';
  if (/^<\?xml|^<REQUEST>/i.test(head))
    return /<REQUEST>/i.test(head)
      ? "it is XML: GLPI's legacy XML inventory (<REQUEST><CONTENT>) is not read; send the agent's JSON inventory (glpi-agent --json)"
      : 'it is XML, not YAML or JSON';
  return '';
}

/**
 * A YAML parser's message in Cairn's words: no advice to call the library's functions. The
 * `yaml` package says "please use YAML.parseAllDocuments()" of a file with several documents.
 */
export function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (/multiple documents/i.test(first))
    return 'the file holds several YAML documents (separated by ---) where one is expected';
  return first.replace(/;?\s*please use YAML\.\w+\(\)/i, '');
}

/** `reason` with what the input probably is, when that is recognisable. */
export function withProbableInput(reason: string, text: string): string {
  const probable = probableInput(text);
  return probable === '' ? reason : `${reason}; ${probable}`;
}
