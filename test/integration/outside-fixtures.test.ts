import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The outside projects under test/fixtures/outside are kept unmodified: each one's ORIGIN.md (or
// README.md) lists its files with the git blob ids of the original commit, and this holds them to it.
const OUTSIDE = 'test/fixtures/outside';

function listedBlobs(folder: string): [string, string][] {
  const note = ['ORIGIN.md', 'README.md'].map((name) => join(folder, name)).find((file) => existsSync(file) && /\| Blob \|/.test(readFileSync(file, 'utf8')));
  if (!note) return [];
  return readFileSync(note, 'utf8')
    .split('\n')
    .map((line) => /^\s*\| `([^`]+)` \|.*`([0-9a-f]{40})` \|\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] as string, match[2] as string]);
}

describe('the outside projects are unmodified copies', () => {
  const projects = readdirSync(OUTSIDE).filter((name) => !name.includes('.'));

  it('are eight, each with its list of files', () => {
    expect(projects).toHaveLength(8);
    for (const project of projects) expect(listedBlobs(join(OUTSIDE, project)).length, project).toBeGreaterThan(0);
  });

  it.each(projects)('%s: every listed file has the original blob id', (project) => {
    for (const [file, blob] of listedBlobs(join(OUTSIDE, project))) {
      const path = join(OUTSIDE, project, file);
      expect(existsSync(path), path).toBe(true);
      expect(execFileSync('git', ['hash-object', path], { encoding: 'utf8' }).trim(), path).toBe(blob);
    }
  });
});
