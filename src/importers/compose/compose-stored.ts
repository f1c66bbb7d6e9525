/**
 * Which interpolated values Cairn keeps. A variable that is not set only matters where its value
 * would be stored: an unset `${DB_PASSWORD}` in `environment`, `build.args` or a secret's
 * `environment` is never read by Cairn (only the names of environment variables are kept), so
 * it cannot fail an import.
 */

/** Service keys whose values become attributes or relationships (compose-map.ts). */
const STORED_SERVICE_KEYS = new Set([
  'image',
  'container_name',
  'hostname',
  'command',
  'entrypoint',
  'restart',
  'platform',
  'network_mode',
  'user',
  'ports',
  'expose',
  'profiles',
  'env_file',
  'labels',
  'depends_on',
  'links',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'mem_limit',
  'scale',
  'extends',
]);

/** Keys of top-level networks, volumes, secrets and configs that are kept. */
const STORED_RESOURCE_KEYS = new Set([
  'name',
  'driver',
  'external',
  'internal',
  'attachable',
  'labels',
  'file',
  'environment',
]);

/** Whether the value at a path of a Compose file (`services.web.build.args.TAG`) is stored. */
export function isStoredPath(path: string): boolean {
  const [section, , key, sub, subsub] = path.split(/\.|(?=\[)/);
  if (section === 'name' || section === 'include') return true;
  if (section === 'services') {
    if (key === 'build') return sub === undefined || ['context', 'dockerfile', 'target'].includes(sub);
    if (key === 'deploy') return sub === 'replicas' || (sub === 'resources' && subsub === 'limits');
    if (key === 'healthcheck') return sub === 'disable';
    return key !== undefined && STORED_SERVICE_KEYS.has(key.replace(/\[.*$/, ''));
  }
  if (section === 'networks' || section === 'volumes' || section === 'secrets' || section === 'configs')
    return key !== undefined && STORED_RESOURCE_KEYS.has(key);
  return false;
}

/**
 * Compose's own variables, defined for interpolation as Compose defines them: the project's
 * name, the files, and the settings of the compose command (empty when not set, so that a file
 * reading `${COMPOSE_PROFILES}` does not report a gap).
 */
export function predefinedVariables(project: string, files: string[]): Map<string, string> {
  const settings = [
    'COMPOSE_PROFILES',
    'COMPOSE_ENV_FILES',
    'COMPOSE_CONVERT_WINDOWS_PATHS',
    'COMPOSE_IGNORE_ORPHANS',
    'COMPOSE_REMOVE_ORPHANS',
    'COMPOSE_PARALLEL_LIMIT',
    'COMPOSE_ANSI',
    'COMPOSE_STATUS_STDOUT',
    'COMPOSE_MENU',
    'COMPOSE_EXPERIMENTAL',
    'COMPOSE_PROGRESS',
    'COMPOSE_BAKE',
  ];
  return new Map([
    ['COMPOSE_PROJECT_NAME', project],
    ['COMPOSE_FILE', files.join(':')],
    ['COMPOSE_PATH_SEPARATOR', ':'],
    ...settings.map((name): [string, string] => [name, '']),
  ]);
}
