import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Estate } from './estate.js';
import { now } from './measure.js';

/** Seconds Git took for each step of recording 1 000 changed CIs, plus the initial load. */
export interface GitTimes {
  size: number;
  write: number;
  initialCommit: number;
  stage: number;
  commit: number;
  tag: number;
  diff: number;
}

/** The 1 000 (or fewer, for a tiny estate) distinct CIs that both Git and Cairn change. */
export function thousandChanged(estate: Estate): number[] {
  const picked = new Set<number>();
  for (let k = 0; picked.size < Math.min(1000, estate.size); k++) picked.add(estate.sampleIndex(4, k));
  return [...picked];
}

/**
 * Git holding one YAML file per CI (its attributes, labels and outgoing relationships), the way
 * configuration is often kept "as code". Writes the estate, commits it and tags it (not part of
 * the comparison), then changes the same 1 000 CIs Cairn changes and times `git add -A`,
 * `git commit`, `git tag` and `git diff --stat`. Automatic gc/maintenance is switched off so that
 * a background repack does not land in (or out of) a timed step: this favours Git.
 */
export function gitCompare(estate: Estate, changed: number[], log: (m: string) => void): GitTimes {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const timed = (...args: string[]) => {
    const t = now();
    git(...args);
    return (now() - t) / 1000;
  };
  try {
    git('init', '-q');
    for (const [k, v] of [
      ['user.name', 'bench'],
      ['user.email', 'bench@example.invalid'],
      ['gc.auto', '0'],
      ['maintenance.auto', 'false'],
      ['commit.gpgsign', 'false'],
    ])
      git('config', k!, v!);
    log(`git: writing ${estate.size} YAML files`);
    let t = now();
    for (const r of estate.ranges) mkdirSync(join(dir, r.cls));
    for (let i = 0; i < estate.size; i++) writeFileSync(fileOf(dir, estate, i), yamlOf(estate, i));
    const write = (now() - t) / 1000;
    log('git: initial commit');
    t = now();
    git('add', '-A');
    git('commit', '-q', '-m', 'estate');
    git('tag', 'a');
    const initialCommit = (now() - t) / 1000;
    for (const i of changed) writeFileSync(fileOf(dir, estate, i), yamlOf(estate, i, 99_999));
    log('git: 1 000 changes');
    const stage = timed('add', '-A');
    const commit = timed('commit', '-q', '-m', '1 000 changes');
    const tag = timed('tag', 'b');
    const diff = timed('diff', '--stat', 'a', 'b');
    return { size: estate.size, write, initialCommit, stage, commit, tag, diff };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fileOf(dir: string, estate: Estate, i: number): string {
  return join(dir, estate.classOf(i), `${estate.nameOf(i)}.yaml`);
}

/** JSON flow mappings are valid YAML and far quicker to write for a million files. */
function yamlOf(estate: Estate, i: number, patch?: number): string {
  const ci = estate.ciAt(i);
  const attributes = patch === undefined ? ci.attributes : { ...ci.attributes, patch_level: patch };
  const relations = estate.relationsOf(i).map((r) => `  - ${JSON.stringify({ type: r.type, to: r.to })}\n`);
  return `class: ${ci.class}\nname: ${ci.name}\nstatus: ${ci.status}\nattributes: ${JSON.stringify(attributes)}\nlabels: ${JSON.stringify(ci.labels)}\nrelations:${relations.length ? `\n${relations.join('')}` : ' []\n'}`;
}
