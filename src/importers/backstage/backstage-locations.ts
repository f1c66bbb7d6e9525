import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { asArray, asText } from '../common/plain-json.js';
import type { CatalogEntity } from './backstage-entity.js';

/** What following a Location's targets gave: files to read, and notes or issues to report. */
export interface FollowedTargets {
  files: ImportFile[];
  /** Targets that are not files Cairn reads (a URL, a glob): a note each, not a bad record. */
  notFollowed: string[];
  /** Targets naming a file that is not there: bad records of the Location. */
  missing: ImportIssue[];
}

const URL_TARGET = /^[a-z][a-z0-9+.-]*:\/\//i;
const GLOB = /[*?{[]/;

/**
 * Keeps track of the catalog files read so far, and reads those a Location entity names
 * (`spec.target`, `spec.targets`), each relative to the file holding the Location, as Backstage
 * does. A file is read once however many Locations name it, so a catalog given both as its root
 * and as its files is read once.
 */
export class LocationFollower {
  private readonly seen = new Set<string>();

  constructor(private readonly readFile: ((path: string) => string | undefined) | undefined) {}

  /** Marks a file as read; false when it already was. */
  markRead(path: string): boolean {
    const key = resolve(path);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  get follows(): boolean {
    return this.readFile !== undefined;
  }

  follow(location: CatalogEntity): FollowedTargets {
    const out: FollowedTargets = { files: [], notFollowed: [], missing: [] };
    const targets = [location.spec.target, ...asArray(location.spec.targets)]
      .map((t) => asText(t))
      .filter((t): t is string => t !== undefined && t !== '');
    for (const target of targets) {
      if (URL_TARGET.test(target) || GLOB.test(target)) {
        out.notFollowed.push(target);
        continue;
      }
      const path = isAbsolute(target) ? target : join(dirname(location.file), target);
      if (!this.markRead(path)) continue;
      const text = this.readFile?.(path);
      if (text === undefined) {
        out.missing.push({
          file: location.file,
          location: `${location.document}, spec.targets`,
          message: `the Location ${location.ref.name} names ${target}, but there is no such file (${path})`,
        });
      } else out.files.push({ path, text });
    }
    return out;
  }
}
