// @vitest-environment happy-dom
import i18next from 'i18next';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { zh } from '../../../renderer/i18n/zh';
import { NoticeBox } from '../../../renderer/shell/notice-box';
import type { Shell } from '../../../renderer/shell/shell';
import { text } from '../../../shared/model';
import type { Problem } from '../../../shared/model';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.init({ lng: 'zh', resources: { zh: { translation: zh } } });
});

afterEach(() => {
  document.body.innerHTML = '';
});

const READ_ONLY: Problem = {
  kind: 'read-only',
  message: text('版本 1是只读的，不能修改。', 'Version 1 is read-only and cannot be changed.'),
};

/** The notice box of a shell with a message on screen and/or a refused edit. */
function render(notice: { title: string } | null, failure: Problem | null) {
  const notify = vi.fn();
  const dismissFailure = vi.fn();
  const shell = {
    t: i18next.t.bind(i18next),
    say: (message: { zh: string }) => message.zh,
    notices: { notice: notice && { kind: 'info', title: notice.title, lines: [] }, notify },
    failure,
    dismissFailure,
  } as unknown as Shell; // only what NoticeBox reads
  const container = document.createElement('div');
  document.body.append(container);
  act(() => createRoot(container).render(<NoticeBox shell={shell} />));
  return { container, notify, dismissFailure };
}

describe('NoticeBox', () => {
  it('shows a refusal that came after a message still on screen, and one click dismisses both', () => {
    const { container, notify, dismissFailure } = render({ title: '已提交审核：版本 1' }, READ_ONLY);
    const box = container.querySelector('[data-testid="notice"]')!;
    expect(box.textContent).toContain('只读');
    expect(box.textContent).toContain('已提交审核：版本 1');
    expect(box.className).toContain('error');
    act(() => box.querySelector('button')!.click());
    expect(notify).toHaveBeenCalledWith(null);
    expect(dismissFailure).toHaveBeenCalledTimes(1);
  });

  it('shows the message alone, or nothing', () => {
    expect(render({ title: '已导出' }, null).container.textContent).toContain('已导出');
    expect(render(null, null).container.querySelector('[data-testid="notice"]')).toBeNull();
  });
});
