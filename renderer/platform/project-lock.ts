/**
 * One editor per project across windows and tabs: an exclusive Web Lock named after the project, held
 * while a window edits it (Chromium and Electron have the Web Locks API; other windows of the same origin
 * see it). A window that cannot have the lock opens the project read-only and queues for it, so it
 * becomes the editor when the other window closes or opens another project.
 */
export interface ProjectLock {
  /** True when this window holds the lock and may edit. */
  readonly editable: boolean;
  /** Resolves when this window gets the lock (at once when it has it); never when released first. */
  readonly whenEditable: Promise<void>;
  /** Gives the lock up (or leaves the queue); safe to call more than once. */
  release(): void;
}

interface LockManagerLike {
  request(
    name: string,
    options: { mode?: 'exclusive'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

function lockManager(): LockManagerLike | undefined {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

const lockName = (projectId: string) => `gridplan-project-${projectId}`;

/**
 * Takes the project's lock if it is free, else queues for it. Without the Web Locks API every window is
 * an editor; the store's revision check still refuses a stale write.
 */
export async function acquireProjectLock(projectId: string): Promise<ProjectLock> {
  const locks = lockManager();
  if (!locks) return { editable: true, whenEditable: Promise.resolve(), release: () => undefined };
  let releaseHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));
  // The request settles only when the lock is released: learn whether it was granted from the callback.
  const got = await new Promise<boolean>((resolve) => {
    locks
      .request(lockName(projectId), { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock === null ? Promise.resolve() : held;
      })
      .catch(() => resolve(false));
  });
  if (got) return { editable: true, whenEditable: Promise.resolve(), release: () => releaseHeld() };
  const queue = new AbortController();
  let gotLater: () => void = () => undefined;
  const whenEditable = new Promise<void>((resolve) => (gotLater = resolve));
  let granted = false;
  void locks
    .request(lockName(projectId), { signal: queue.signal }, () => {
      granted = true;
      gotLater();
      return held;
    })
    .catch(() => undefined);
  return {
    // True once the queue has given it: a lock handed to the project's next opening says so then.
    get editable() {
      return granted;
    },
    whenEditable,
    release: () => {
      queue.abort();
      releaseHeld();
    },
  };
}
