/**
 * Why a JSON object is not a state Cairn reads, in words that tell the user what to run instead;
 * undefined for a state of format version 4. Terraform wrote format 1 to 3 up to 0.11, format 4
 * since 0.12; `terraform show -json` and plans are other documents that hold no dependencies.
 */
export function stateVersionProblem(state: Record<string, unknown>): string | undefined {
  const version = state['version'];
  if (version === 4) return undefined;
  if ('format_version' in state && ('values' in state || 'planned_values' in state)) {
    const what = 'planned_values' in state ? 'a Terraform plan in JSON' : 'the output of `terraform show -json`';
    return `this is ${what}, not a state: Cairn reads the state itself; get it with \`terraform state pull > state.tfstate\``;
  }
  if (version === 1 || version === 2 || version === 3) {
    return `this is a Terraform state of format version ${version}, written by Terraform 0.11 or earlier; Cairn reads format version 4. Run \`terraform state pull > state.tfstate\` with Terraform 0.12 or later (it upgrades the state as it reads it) and import that file`;
  }
  if (typeof version === 'number' && version > 4) {
    return `this is a Terraform state of format version ${version}, newer than the version 4 Cairn reads`;
  }
  const seen = typeof version === 'string' ? `"version" is "${version}"` : 'it has no "version"';
  return `not a Terraform state: ${seen}; Cairn reads states of format version 4, as \`terraform state pull\` prints them`;
}
