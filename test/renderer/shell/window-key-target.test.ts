// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { keyBelongsElsewhere } from '../../../renderer/shell/window-key-target';

/** A keydown as the window sees it, dispatched on `target`. */
function keyOn(target: EventTarget, key = 'Backspace'): KeyboardEvent {
  let seen: KeyboardEvent | undefined;
  const listen = (event: Event) => void (seen = event as KeyboardEvent);
  window.addEventListener('keydown', listen);
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  window.removeEventListener('keydown', listen);
  return seen!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('keyBelongsElsewhere: window shortcuts never act behind a dialog or inside a field', () => {
  it('lets a key on the page or the map through', () => {
    document.body.innerHTML = '<main><button id="tool">选择</button><div id="map"></div></main>';
    expect(keyBelongsElsewhere(keyOn(document.getElementById('map')!))).toBe(false);
    expect(keyBelongsElsewhere(keyOn(document.getElementById('tool')!))).toBe(false);
    expect(keyBelongsElsewhere(keyOn(document.body))).toBe(false);
  });

  it('keeps keys typed in a field', () => {
    document.body.innerHTML = '<input id="name" /><textarea id="note"></textarea><select id="s"></select>';
    for (const id of ['name', 'note', 's'])
      expect(keyBelongsElsewhere(keyOn(document.getElementById(id)!))).toBe(true);
  });

  it('keeps keys pressed on a confirm dialog’s button (Backspace must not delete the grid behind)', () => {
    document.body.innerHTML =
      '<div class="modal-backdrop" role="presentation"><div role="alertdialog"><button id="close">关闭</button></div></div>';
    expect(keyBelongsElsewhere(keyOn(document.getElementById('close')!))).toBe(true);
  });

  it('keeps keys while a modal is open even when the focus is on the page behind it', () => {
    document.body.innerHTML =
      '<div id="map"></div><div class="modal-backdrop" role="presentation"><div role="dialog"></div></div>';
    expect(keyBelongsElsewhere(keyOn(document.getElementById('map')!))).toBe(true);
  });

  it('keeps keys pressed inside a non-modal dialog (the project list)', () => {
    document.body.innerHTML = '<div role="dialog"><button id="open">打开</button></div><div id="map"></div>';
    expect(keyBelongsElsewhere(keyOn(document.getElementById('open')!))).toBe(true);
    expect(keyBelongsElsewhere(keyOn(document.getElementById('map')!))).toBe(false);
  });
});
