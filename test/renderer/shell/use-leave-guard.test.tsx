// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { EditorSession } from '../../../renderer/editor/editor-session';
import { useLeaveGuard } from '../../../renderer/shell/use-leave-guard';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Guarded({ session }: { session: EditorSession | null }) {
  useLeaveGuard(session);
  return null;
}

/** Dispatches beforeunload as the browser does and says whether the page asked to stay. */
function leaving(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('useLeaveGuard', () => {
  it('asks before the window unloads only while an edit is being saved', () => {
    let saving = false;
    const session = { getState: () => ({ saving }) } as unknown as EditorSession; // only what the guard reads
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Guarded session={session} />));
    expect(leaving()).toBe(false);
    saving = true;
    expect(leaving()).toBe(true);
    saving = false;
    expect(leaving()).toBe(false);
    // No project open (or the window moved on): nothing asks.
    saving = true;
    act(() => root.render(<Guarded session={null} />));
    expect(leaving()).toBe(false);
    act(() => root.unmount());
  });
});
