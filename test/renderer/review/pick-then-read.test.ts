import { describe, expect, it } from 'vitest';
import type { LocalText, Result } from '../../../shared/model';
import { fail, ok, text } from '../../../shared/model';
import { pickThenRead } from '../../../renderer/review/pick-then-read';

interface Told {
  readonly kind: 'info' | 'error';
  readonly title: LocalText;
  readonly lines: readonly LocalText[] | undefined;
}

function notifier(): {
  told: Told[];
  notify: (k: Told['kind'], t: LocalText, l?: readonly LocalText[]) => void;
} {
  const told: Told[] = [];
  return { told, notify: (kind, title, lines) => told.push({ kind, title, lines }) };
}

const picked = { fileName: '报审包-新街街道-版本1.zip', text: 'PK…' };
const refused = (p: { fileName: string }) =>
  text(`报审包“${p.fileName}”被拒绝`, `“${p.fileName}” was refused`);

describe('打开… in the 审核 tab: pick a file, read it, or say which file was refused and why', () => {
  it('gives the picked file and what was read, telling nothing', async () => {
    const { told, notify } = notifier();
    const read = await pickThenRead(
      () => Promise.resolve(picked),
      (p) => ok(p.text.length),
      refused,
      notify,
    );
    expect(read).toEqual({ picked, value: 3 });
    expect(told).toEqual([]);
  });

  it('reads nothing and tells nothing when the planner cancels', async () => {
    const { told, notify } = notifier();
    let reads = 0;
    const read = await pickThenRead(
      () => Promise.resolve(null),
      (): Result<number> => ok(++reads),
      refused,
      notify,
    );
    expect(read).toBeUndefined();
    expect(reads).toBe(0);
    expect(told).toEqual([]);
  });

  it('refuses a file with its name in the title and every problem on its own line', async () => {
    const { told, notify } = notifier();
    const problems = [
      {
        kind: 'tampered',
        message: text('division.geojson 与清单不符。', 'division.geojson does not match.'),
      },
      { kind: 'extra', message: text('多出文件 x.txt。', 'Extra file x.txt.') },
    ];
    const read = await pickThenRead(
      () => Promise.resolve(picked),
      (): Result<number> => fail(...problems),
      refused,
      notify,
    );
    expect(read).toBeUndefined();
    expect(told).toEqual([{ kind: 'error', title: refused(picked), lines: problems.map((p) => p.message) }]);
  });
});
