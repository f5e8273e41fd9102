import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/formats/sha256';

const reference = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(sha256Hex(bytes)).toBe(reference(bytes));
    }
  });

  it('agrees with node:crypto on random bytes and on Chinese text as UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => sha256Hex(bytes) === reference(bytes)),
      { numRuns: 200 },
    );
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => sha256Hex(value) === reference(value)));
    expect(sha256Hex('光明社区第1网格')).toBe(reference('光明社区第1网格'));
  });

  it('hashes a subarray view by its own bytes, not its buffer', () => {
    const buffer = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const view = buffer.subarray(17, 250);
    expect(sha256Hex(view)).toBe(reference(view));
  });

  it('hashes 32 MB the same as node:crypto (and prints its speed: no timed assertion)', () => {
    const bytes = new Uint8Array(32 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 0xff;
    const t0 = performance.now();
    const ours = sha256Hex(bytes);
    const t1 = performance.now();
    const theirs = reference(bytes);
    const t2 = performance.now();
    expect(ours).toBe(theirs);
    console.log(
      `sha256Hex: ${(32 / ((t1 - t0) / 1000)).toFixed(0)} MB/s; node:crypto ${(32 / ((t2 - t1) / 1000)).toFixed(0)} MB/s (ratio ${((t1 - t0) / (t2 - t1)).toFixed(1)})`,
    );
  });
});
