import { appendFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import {
  anchorProblem,
  generateAnchorKey,
  parseAnchors,
  signatureProblem,
  signCheckpoint,
  type Checkpoint,
} from '../core/audit/anchor.js';
import type { AuditProblem } from '../core/audit/problems.js';
import { InputError } from '../core/shared/errors.js';

/** What `audit verify --anchors FILE` found: how many checkpoints held, the newest anchored revision, every problem. */
export interface AnchorReport {
  ok: boolean;
  file: string;
  checkpoints: number;
  newest: number | null;
  problems: AuditProblem[];
}

/**
 * Writes a signed checkpoint to each target: a file path gets it appended as one JSON line; an
 * http(s) URL gets it POSTed as JSON (a webhook) and must answer 2xx.
 */
export async function publishCheckpoint(
  cp: Checkpoint,
  targets: readonly string[],
  send: typeof fetch = fetch,
): Promise<void> {
  for (const target of targets) {
    if (/^https?:\/\//i.test(target)) {
      const res = await send(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cp),
        signal: AbortSignal.timeout(10_000),
      }).catch((e: unknown) => {
        throw new InputError(
          'ANCHOR_TARGET_INVALID',
          `cannot send the checkpoint to ${target}: ${(e as Error).message}`,
        );
      });
      if (!res.ok)
        throw new InputError(
          'ANCHOR_TARGET_INVALID',
          `${target} answered ${res.status} to the checkpoint: it was not taken`,
        );
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      throw new InputError('ANCHOR_TARGET_INVALID', `--to ${target}: give a file path or an http(s) URL`);
    } else {
      await appendFile(target, `${JSON.stringify(cp)}\n`, 'utf8');
    }
  }
}

/**
 * Holds every checkpoint of an anchors file against the database: each must be signed (by
 * `trusted` when given), and the revision it anchored must still exist with the same hash.
 * `hashOf(rev)` reads the database's revision hash (undefined: no such revision).
 */
export async function checkAnchors(
  text: string,
  file: string,
  head: number,
  hashOf: (rev: number) => Promise<string | undefined>,
  trusted?: KeyObject,
): Promise<AnchorReport> {
  const { lines, problems } = parseAnchors(text, file);
  const hashes = new Map<number, string | undefined>();
  let newest: number | null = null;
  for (const [line, cp] of lines) {
    const record = `${file}, line ${line} (revision ${cp.rev})`;
    const bad = signatureProblem(cp, trusted);
    if (bad) {
      problems.push({ record, reason: bad });
      continue;
    }
    if (!hashes.has(cp.rev)) hashes.set(cp.rev, cp.rev > head ? undefined : await hashOf(cp.rev));
    const gone = anchorProblem(cp, hashes.get(cp.rev), head);
    if (gone) problems.push({ record, reason: gone });
    newest = Math.max(newest ?? 0, cp.rev);
  }
  if (lines.length === 0 && problems.length === 0)
    problems.push({ record: file, reason: 'it holds no checkpoint: nothing is anchored' });
  return { ok: problems.length === 0, file, checkpoints: lines.length, newest, problems };
}

/** The anchor key files `cairn audit anchor-key FILE` writes: FILE (private, mode 0600) and FILE.pub. */
export async function writeAnchorKey(
  file: string,
): Promise<{ privateFile: string; publicFile: string; keyId: string }> {
  const { writeFile } = await import('node:fs/promises');
  const key = generateAnchorKey();
  // 'wx': never overwrite a key, whose loss would orphan every checkpoint it signed.
  await writeFile(file, key.privateKey, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(
      'ANCHOR_KEY_INVALID',
      e.code === 'EEXIST' ? `${file} already exists: choose another file` : `cannot write ${file}: ${e.message}`,
    );
  });
  await writeFile(`${file}.pub`, key.publicKey, { mode: 0o644 });
  return {
    privateFile: file,
    publicFile: `${file}.pub`,
    keyId: signCheckpoint({ rev: 1, hash: '', at: '' }, key.privateKey).keyId,
  };
}

/** Reads a key file for `--key`, naming it when it cannot be read. */
export async function readKeyFile(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8').catch((e: Error) => {
    throw new InputError('ANCHOR_KEY_INVALID', `cannot read the anchor key ${file}: ${e.message}`);
  });
}
