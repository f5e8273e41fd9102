// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useEscapeToClose } from '../../../renderer/shell/use-escape-to-close';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Dialog({ name, closed, enabled = true }: { name: string; closed: string[]; enabled?: boolean }) {
  useEscapeToClose(() => closed.push(name), enabled);
  return null;
}

function escape(): void {
  act(() => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
}

describe('useEscapeToClose', () => {
  it('closes the dialog opened last wherever the focus is, and none while it is busy', () => {
    const closed: string[] = [];
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Dialog name="projects" closed={closed} />));
    escape();
    expect(closed).toEqual(['projects']);
    // A confirmation over the list: Esc closes the confirmation, not the list under it.
    act(() =>
      root.render(
        <>
          <Dialog name="projects" closed={closed} />
          <Dialog name="confirm" closed={closed} />
        </>,
      ),
    );
    escape();
    expect(closed).toEqual(['projects', 'confirm']);
    // Busy (an import under way): nothing closes, not even the one below.
    act(() =>
      root.render(
        <>
          <Dialog name="projects" closed={closed} />
          <Dialog name="confirm" closed={closed} enabled={false} />
        </>,
      ),
    );
    escape();
    expect(closed).toEqual(['projects', 'confirm']);
    act(() => root.unmount());
    escape();
    expect(closed).toEqual(['projects', 'confirm']);
  });
});
