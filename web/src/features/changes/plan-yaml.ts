import { parse, stringify, YAMLParseError } from 'yaml';

/** A plan written as YAML, read: the document, or the sentence saying where it does not parse. */
export type YamlRead = { plan: Record<string, unknown> } | { error: string };

/**
 * Reads the plan editor's text (the `plan:` of change.yaml, as `cairn apply -f` reads it). Only
 * the syntax is checked here; what it says is checked by the server, which names the field.
 */
export function readPlanYaml(text: string): YamlRead {
  if (text.trim() === '') return { error: 'The plan is empty: write at least one CI under cis:.' };
  try {
    const doc: unknown = parse(text);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      return { error: 'The plan must be a mapping with cis:, relations: or delete:.' };
    return { plan: doc as Record<string, unknown> };
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const where = e.linePos?.[0];
      const first = e.message.split('\n')[0] ?? e.message;
      return {
        error: `YAML ${where ? `line ${where.line}, column ${where.col}` : ''}: ${first.replace(/ at line \d+, column \d+:?$/, '')}`,
      };
    }
    return { error: `The YAML cannot be read: ${(e as Error).message}` };
  }
}

/** The plan as the YAML editor shows it. */
export function planYaml(plan: Record<string, unknown>): string {
  return stringify(plan, { lineWidth: 0 });
}
