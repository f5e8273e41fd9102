import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCliHost } from '../../../scripts/gridplan-node-host';

// The Node host writes `--out` files piece by piece (writePieces) and whole (writeBytes), both atomically:
// the target is either the new file or what it was, and no partial file is left beside it.

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function freshFolder(): string {
  folder = mkdtempSync(path.join(tmpdir(), 'gridplan-write-'));
  return folder;
}

describe('nodeCliHost.writePieces', () => {
  it('writes the pieces in order, even when the writer reuses the bytes it put', () => {
    const target = path.join(freshFolder(), 'out.geojson');
    const reused = new Uint8Array(3);
    const result = nodeCliHost.writePieces!(target, (put) => {
      for (const text of ['abc', 'def', '网']) {
        const bytes = new TextEncoder().encode(text);
        reused.set(bytes.subarray(0, 3));
        put(reused.subarray(0, bytes.length));
      }
      put(new Uint8Array(0));
    });
    expect(result.ok).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('abcdef网');
    expect(readdirSync(folder!)).toEqual(['out.geojson']);
  });

  it('leaves the target as it was and no partial file when the writer fails half way', () => {
    const dir = freshFolder();
    const target = path.join(dir, 'out.geojson');
    writeFileSync(target, 'before');
    const result = nodeCliHost.writePieces!(target, (put) => {
      put(new TextEncoder().encode('half'));
      throw new Error('disk full');
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message.en).toContain('disk full');
    expect(readFileSync(target, 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['out.geojson']);
  });

  it('fails with a message when the folder does not exist', () => {
    const result = nodeCliHost.writeBytes!(
      path.join(freshFolder(), 'no', 'such', 'out.zip'),
      new Uint8Array(2),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.kind).toBe('unwritable');
  });
});
