/** A file the person chose, as bytes. */
export interface PickedBytes {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/**
 * Lets the person choose one file (a filing package zip, or a division for 对比) and reads its bytes, or
 * resolves null when they cancel. A file input works both in the browser and in Electron's renderer;
 * the desktop bridge's open dialog carries text only.
 */
export function pickFileBytes(accept: string): Promise<PickedBytes | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.dataset.testid = 'review-file-input';
    const finish = (file: File | null): void => {
      input.remove();
      if (!file) {
        resolve(null);
        return;
      }
      file.arrayBuffer().then(
        (buffer) => resolve({ fileName: file.name, bytes: new Uint8Array(buffer) }),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}
