import type { LocalText, Problem } from '../../shared/model';
import { text } from '../../shared/model';

/**
 * Why a storage operation failed:
 * - `quota`: the disk (or the browser's share of it) is full;
 * - `aborted`: the transaction was interrupted (closed database, another window upgrading it, ...);
 * - `not-found`: the project (or the history entry to undo/redo) does not exist;
 * - `unknown`: anything else, including data that cannot be stored (e.g. a function inside an entity).
 */
export type StorageErrorKind = 'quota' | 'aborted' | 'not-found' | 'stale' | 'unknown';

/** What the storage tried to do: decides how the message is worded. */
export type StorageAction = 'save' | 'load' | 'open';

/** A {@link Problem} whose kind is a {@link StorageErrorKind}. */
export interface StorageProblem extends Problem {
  readonly kind: StorageErrorKind;
}

const AFTER_FAILED_SAVE = text(
  '本次修改未保存，之前的数据完好。',
  'This change was not saved; your earlier data is intact.',
);

function messageFor(kind: StorageErrorKind, action: StorageAction): LocalText {
  const join = (first: LocalText, second: LocalText): LocalText =>
    text(first.zh + second.zh, `${first.en} ${second.en}`);
  switch (kind) {
    case 'quota':
      return action === 'save'
        ? join(
            join(
              text('磁盘空间不足，保存失败：', 'Not enough disk space, saving failed:'),
              AFTER_FAILED_SAVE,
            ),
            text('请释放磁盘空间后重试。', 'Free some disk space and try again.'),
          )
        : text(
            '磁盘空间不足，无法打开项目数据。请释放磁盘空间后重试。',
            'Not enough disk space to open the project data. Free some disk space and try again.',
          );
    case 'aborted':
      return action === 'save'
        ? join(
            join(text('保存被中断：', 'Saving was interrupted:'), AFTER_FAILED_SAVE),
            text(
              '请重试；如果反复出现，请关闭其他网格规划窗口后重启程序。',
              'Try again; if it keeps happening, close other GridPlan windows and restart the program.',
            ),
          )
        : text('读取项目被中断，请重试。', 'Reading the project was interrupted. Please try again.');
    case 'stale':
      return join(
        text('此项目已在另一个窗口中被修改：', 'This project was changed in another window:'),
        join(
          AFTER_FAILED_SAVE,
          text(
            '本窗口显示的内容已过时，请重新打开项目后再编辑（一个项目同时只应在一个窗口中编辑）。',
            'what this window shows is out of date. Open the project again before editing (edit a project in one window at a time).',
          ),
        ),
      );
    case 'not-found':
      return text(
        '找不到该项目，可能已被删除。请刷新项目列表。',
        'The project was not found; it may have been deleted. Refresh the project list.',
      );
    case 'unknown':
      if (action === 'save') {
        return join(
          join(text('保存失败：', 'Saving failed:'), AFTER_FAILED_SAVE),
          text(
            '请重试；如果反复出现，请导出项目备份并联系技术支持。',
            'Try again; if it keeps happening, export a backup of the project and contact support.',
          ),
        );
      }
      return action === 'load'
        ? text(
            '读取项目失败，请重试；如果反复出现，请联系技术支持。',
            'Reading the project failed. Try again; if it keeps happening, contact support.',
          )
        : text(
            '无法打开本地项目库，请重启程序；如果反复出现，请联系技术支持。',
            'The local project database could not be opened. Restart the program; if it keeps happening, contact support.',
          );
  }
}

/**
 * The one error the project store rejects with. `problem.message` is what the planner reads;
 * `cause` keeps the original error for the log.
 */
export class StorageError extends Error {
  readonly kind: StorageErrorKind;
  readonly problem: StorageProblem;

  constructor(
    kind: StorageErrorKind,
    action: StorageAction,
    options: { cause?: unknown; message?: LocalText } = {},
  ) {
    const message = options.message ?? messageFor(kind, action);
    // Error.message must be a string: both languages, for logs and uncaught-error reports.
    super(`${message.zh} / ${message.en}`, { cause: options.cause });
    this.name = 'StorageError';
    this.kind = kind;
    this.problem = { kind, message };
  }

  /** The planner-facing message in both languages. */
  get text(): LocalText {
    return this.problem.message;
  }
}

/** True when `error` is a {@link StorageError} (of the given kind, if one is given). */
export function isStorageError(error: unknown, kind?: StorageErrorKind): error is StorageError {
  return error instanceof StorageError && (kind === undefined || error.kind === kind);
}

const QUOTA_NAMES = new Set(['QuotaExceededError']);
const ABORT_NAMES = new Set([
  'AbortError',
  'TransactionInactiveError',
  'PrematureCommitError',
  'DatabaseClosedError',
  'VersionChangeError',
  'InvalidStateError',
]);

/** Names along an error's chain: Dexie wraps the DOMException in `inner`, Error uses `cause`. */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

/** Turns whatever a Dexie call threw into a {@link StorageError}; a StorageError passes through. */
export function toStorageError(error: unknown, action: StorageAction): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorNames(error);
  // A full disk usually shows up as an AbortError whose inner error is the quota error: look at all.
  if (names.some((name) => QUOTA_NAMES.has(name))) return new StorageError('quota', action, { cause: error });
  if (names.includes('VersionError')) {
    return new StorageError('unknown', action, {
      cause: error,
      message: text(
        '本地项目库由更新版本的网格规划创建，当前版本无法打开。请安装最新版本。',
        'The local project database was written by a newer version of GridPlan and cannot be opened by this one. Please install the latest version.',
      ),
    });
  }
  if (names.some((name) => ABORT_NAMES.has(name)))
    return new StorageError('aborted', action, { cause: error });
  return new StorageError('unknown', action, { cause: error });
}
