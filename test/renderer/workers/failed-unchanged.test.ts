import { describe, expect, it } from 'vitest';
import { text } from '../../../shared/model';
import { failedUnchanged } from '../../../renderer/workers/failed-unchanged';

describe('the message of failed work off the main thread', () => {
  const what = text('计算方案时出错', 'Computing the proposal failed');

  it('says what failed, the error’s words and that the project was not changed, in both languages', () => {
    expect(failedUnchanged(what, new RangeError('Invalid array length'))).toEqual({
      zh: '计算方案时出错（Invalid array length）。项目未作任何更改。',
      en: 'Computing the proposal failed (Invalid array length). The project was not changed.',
    });
  });

  it('takes a worker’s error text or any thrown value as it is', () => {
    expect(failedUnchanged(what, 'out of memory').en).toBe(
      'Computing the proposal failed (out of memory). The project was not changed.',
    );
    expect(failedUnchanged(what, 42).zh).toBe('计算方案时出错（42）。项目未作任何更改。');
  });
});
