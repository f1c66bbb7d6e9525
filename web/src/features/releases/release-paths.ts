/** `/releases/<class>/<name>/<version>`: a release's page (a `/` in the name is sent as %2F). */
export function releasePath(service: string, version: string): string {
  const slash = service.indexOf('/');
  return `/releases/${service.slice(0, slash)}/${encodeURIComponent(service.slice(slash + 1))}/${encodeURIComponent(version)}`;
}

/** The service and version of a release page's path segments after `releases`; none when they are not there. */
export function releaseOfSegments(segments: readonly string[]): { service: string; version: string } | undefined {
  const [cls, ...rest] = segments;
  if (!cls || rest.length < 2) return undefined;
  return { service: `${cls}/${rest.slice(0, -1).join('/')}`, version: rest.at(-1)! };
}
