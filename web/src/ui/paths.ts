/** `class/name` → the page of that CI under /cis (a `/` in the name is sent as %2F). */
export function ciPath(ref: string): string {
  const slash = ref.indexOf('/');
  return `/cis/${ref.slice(0, slash)}/${encodeURIComponent(ref.slice(slash + 1))}`;
}
