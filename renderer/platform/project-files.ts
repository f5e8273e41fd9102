// Opening and saving project files, on the desktop through the preload bridge (native dialogs) and in
// the browser through a file input and a download. No React here: the UI calls these like any function.
import type { GridPlanBridge, IpcReply, OpenedProjectFile, ProjectFileKind } from '../../shared/ipc';
import { MAX_PROJECT_FILE_BYTES, PROJECT_FILE_KIND_EXTENSIONS, projectFileKindOf } from '../../shared/ipc';
import type { Problem } from '../../shared/model';
import { downloadBytes } from './download-bytes';
import { text } from '../../shared/model';

declare global {
  interface Window {
    /** The desktop shell's bridge; absent when GridPlan runs in a plain browser. */
    gridplan?: GridPlanBridge;
  }
}

/** A file could not be opened or saved; `problem.message` says why in both languages. */
export class ProjectFileError extends Error {
  readonly problems: readonly Problem[];
  /** The first problem, which is the one to show. */
  readonly problem: Problem;

  constructor(problems: readonly Problem[]) {
    const first = problems[0] ?? {
      kind: 'unexpected',
      message: text('发生了意外错误。', 'Something unexpected went wrong.'),
    };
    super(first.message.en);
    this.name = 'ProjectFileError';
    this.problems = problems.length > 0 ? problems : [first];
    this.problem = first;
  }
}

function unwrap<T>(reply: IpcReply<T>): T {
  if (reply.ok) return reply.value;
  throw new ProjectFileError(reply.problems);
}

function desktopBridge(): GridPlanBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.gridplan;
}

/**
 * Lets the person pick a project file and returns its name and text, or null when they cancel.
 * Throws {@link ProjectFileError} when the file is too large, unreadable or not text.
 */
export async function openProjectFile(): Promise<OpenedProjectFile | null> {
  const bridge = desktopBridge();
  if (bridge) return unwrap(await bridge.openProjectFile());
  const file = await pickFileInBrowser();
  return file ? readBrowserFile(file) : null;
}

/**
 * Saves text under a name the person confirms. Returns where it went (the full path on the desktop,
 * the file name in the browser, which does not tell), or null when they cancel. The kind follows the
 * name's extension; a name without a known extension is saved as GeoJSON.
 */
export async function saveProjectFile(suggestedName: string, content: string): Promise<string | null> {
  const known = projectFileKindOf(suggestedName);
  const kind = known ?? 'geojson';
  const name = safeFileName(
    known ? suggestedName : `${suggestedName}.${PROJECT_FILE_KIND_EXTENSIONS.geojson[0] ?? 'geojson'}`,
  );
  // A BOM for CSV only: Excel, which planners open CSV files with, reads UTF-8 without one as GBK.
  const body = kind === 'csv' && !content.startsWith('\ufeff') ? `\ufeff${content}` : content;
  const bridge = desktopBridge();
  if (bridge) return unwrap(await bridge.saveProjectFile({ suggestedName: name, text: body, kind }));
  downloadInBrowser(name, body, kind);
  return name;
}

/**
 * The name with the characters the desktop shell refuses (separators, reserved and control
 * characters) replaced, so that a project called "A/B 村" can still be saved.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').slice(0, 200);
  return cleaned.trim() === '' || cleaned === '.' || cleaned === '..' ? 'gridplan.geojson' : cleaned;
}

const BROWSER_ACCEPT = '.geojson,.json,application/geo+json,application/json';

function pickFileInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = BROWSER_ACCEPT;
    input.style.display = 'none';
    const finish = (file: File | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    // Fired by current browsers when the person closes the picker without choosing.
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Decodes like the desktop shell: UTF-8 (BOM dropped), else GB18030 for files from Chinese tools. */
function decodeBrowserText(bytes: Uint8Array): string | undefined {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

async function readBrowserFile(file: File): Promise<OpenedProjectFile> {
  if (file.size > MAX_PROJECT_FILE_BYTES) {
    const size = (file.size / (1024 * 1024)).toFixed(1);
    const limit = (MAX_PROJECT_FILE_BYTES / (1024 * 1024)).toFixed(1);
    throw new ProjectFileError([
      {
        kind: 'file-too-large',
        message: text(
          `文件“${file.name}”太大（${size} MB），GridPlan 最多打开 ${limit} MB 的文件。请确认选对了文件，或先把数据拆分。`,
          `The file “${file.name}” is too large (${size} MB); GridPlan opens files up to ${limit} MB. Check that it is the right file, or split the data first.`,
        ),
      },
    ]);
  }
  const decoded = decodeBrowserText(new Uint8Array(await file.arrayBuffer()));
  if (decoded === undefined) {
    throw new ProjectFileError([
      {
        kind: 'file-not-text',
        message: text(
          `文件“${file.name}”不是 UTF-8 或 GBK 编码的文本文件。`,
          `The file “${file.name}” is not a text file in UTF-8 or GBK.`,
        ),
      },
    ]);
  }
  return { fileName: file.name, text: decoded };
}

const MIME_TYPES: Readonly<Record<ProjectFileKind, string>> = {
  geojson: 'application/geo+json',
  json: 'application/json',
  csv: 'text/csv',
  txt: 'text/plain',
};

function downloadInBrowser(fileName: string, content: string, kind: ProjectFileKind): void {
  downloadBytes(fileName, new TextEncoder().encode(content), `${MIME_TYPES[kind]};charset=utf-8`);
}
