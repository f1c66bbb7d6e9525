import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../shared/canonical.js';
import { InputError } from '../shared/errors.js';
import type { AuditProblem } from './problems.js';

/**
 * Anchors: signed checkpoints of the revision chain kept outside the database. Whoever can write
 * the database can rewrite the chain consistently, or remove its newest revisions cleanly; a
 * checkpoint (head number, head hash, time) signed with an Ed25519 key the database never sees,
 * and stored elsewhere (an append-only file, a webhook receiver), proves afterwards that every
 * anchored revision is still there with the same hash.
 */

/** What is signed. */
export interface CheckpointBody {
  rev: number;
  hash: string;
  at: string;
}

/** One line of an anchors file (JSON lines). */
export interface Checkpoint extends CheckpointBody {
  v: 1;
  /** SHA-256 of the public key (DER), in hex: which key signed. */
  keyId: string;
  /** The signing key's public half (SPKI PEM), so a line can be checked on its own. */
  publicKey: string;
  /** Ed25519 signature of the canonical JSON of {v, rev, hash, at, keyId}, base64. */
  sig: string;
}

/** A new Ed25519 key pair, as PEM (PKCS#8 private, SPKI public). */
export function generateAnchorKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Signs a checkpoint of the chain with the private key `privatePem`. */
export function signCheckpoint(body: CheckpointBody, privatePem: string): Checkpoint {
  const key = readKey(privatePem, 'private');
  const pub = createPublicKey(key);
  const unsigned = { v: 1 as const, rev: body.rev, hash: body.hash, at: body.at, keyId: keyIdOf(pub) };
  const sig = sign(null, Buffer.from(canonicalJson(unsigned)), key).toString('base64');
  return { ...unsigned, publicKey: pub.export({ type: 'spki', format: 'pem' }).toString(), sig };
}

/** A public key from a PEM file's text: a public key, or a private key whose public half is meant. */
export function publicKeyOf(pem: string): KeyObject {
  return pem.includes('PRIVATE KEY') ? createPublicKey(readKey(pem, 'private')) : readKey(pem, 'public');
}

/** What an anchors file holds, read line by line: the checkpoints and the lines that are not. */
export function parseAnchors(text: string, file: string): { lines: [number, Checkpoint][]; problems: AuditProblem[] } {
  const lines: [number, Checkpoint][] = [];
  const problems: AuditProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cp = asCheckpoint(raw);
    if (cp) lines.push([i + 1, cp]);
    else
      problems.push({
        record: `${file}, line ${i + 1}`,
        reason: 'it is not a Cairn checkpoint (edited or truncated?)',
      });
  });
  return { lines, problems };
}

/** Why a checkpoint's signature does not hold (with `trusted`, it must also be that key's), or undefined. */
export function signatureProblem(cp: Checkpoint, trusted?: KeyObject): string | undefined {
  let key: KeyObject;
  try {
    key = trusted ?? createPublicKey(cp.publicKey);
  } catch {
    return 'its public key cannot be read';
  }
  if (keyIdOf(key) !== cp.keyId)
    return trusted ? 'it was signed with another key than the one given (--key)' : 'its key id does not match its key';
  const unsigned = { v: cp.v, rev: cp.rev, hash: cp.hash, at: cp.at, keyId: cp.keyId };
  const ok = verify(null, Buffer.from(canonicalJson(unsigned)), key, Buffer.from(cp.sig, 'base64'));
  return ok ? undefined : 'its signature does not verify (the line was edited)';
}

/**
 * Why the database no longer holds what a checkpoint anchored, or undefined when it does.
 * `stored` is the hash of the database's revision `cp.rev` (undefined: no such revision); `head`
 * its newest revision number.
 */
export function anchorProblem(cp: Checkpoint, stored: string | undefined, head: number): string | undefined {
  if (stored === undefined)
    return cp.rev > head
      ? `anchored revision ${cp.rev} (at ${cp.at}) is gone: the newest revision is now ${head} (revisions removed)`
      : `anchored revision ${cp.rev} (at ${cp.at}) is missing (deleted)`;
  if (stored !== cp.hash)
    return `revision ${cp.rev} was rewritten: its hash is ${stored.slice(0, 12)}…, anchored as ${cp.hash.slice(0, 12)}… at ${cp.at}`;
  return undefined;
}

function keyIdOf(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function readKey(pem: string, kind: 'private' | 'public'): KeyObject {
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key;
  } catch {
    throw new InputError(
      'ANCHOR_KEY_INVALID',
      `the anchor key is not an Ed25519 ${kind} key in PEM form: make one with \`cairn audit anchor-key FILE\``,
    );
  }
}

function asCheckpoint(line: string): Checkpoint | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const ok =
    o.v === 1 &&
    Number.isInteger(o.rev) &&
    (o.rev as number) >= 1 &&
    typeof o.hash === 'string' &&
    typeof o.at === 'string' &&
    typeof o.keyId === 'string' &&
    typeof o.publicKey === 'string' &&
    typeof o.sig === 'string';
  return ok ? (o as unknown as Checkpoint) : undefined;
}
