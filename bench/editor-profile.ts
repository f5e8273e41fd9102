// Where the main thread's time goes in the editor benchmark: a V8 CPU profile of the page (CDP
// Profiler), its functions mapped back to the TypeScript sources through the build's source maps (the
// production bundle is minified, so its own function names say nothing).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import type { SourceMapPayload } from 'node:module';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';

// The parts of the DevTools protocol's Profiler.Profile read here. Declared locally because
// playwright-core does not export its protocol types (its package exports only the main entry).
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** Zero-based, in the generated (bundled) file. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Time spent in one function over a profile. */
export interface FunctionTime {
  /** Original name and place, e.g. `countCensus (shared/validate/count-census.ts:41)`. */
  readonly label: string;
  /** Time with this function on top of the stack. */
  readonly selfMs: number;
  /** Time with this function anywhere on the stack (counted once per sample under recursion). */
  readonly totalMs: number;
  /** Whether it is the project's own code (renderer/ or shared/), not a library or the engine. */
  readonly ours: boolean;
}

/** Starts V8's sampling profiler on the page. */
export async function startProfile(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  // 200 µs: fine enough to split a 50 ms task into its parts, coarse enough not to slow the page much.
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
}

export async function stopProfile(session: CDPSession): Promise<CpuProfile> {
  const { profile } = await session.send('Profiler.stop');
  await session.send('Profiler.disable');
  return profile;
}

/** Where a position in the bundle came from. */
interface Origin {
  /** Absolute path of the source file. */
  readonly file: string;
  /** Zero-based. */
  readonly line: number;
  readonly name: string | null;
  readonly text: string | null;
}

/**
 * Maps positions in the built bundle back to the sources, through a library's own source map as well
 * when the bundler did not chain it (MapLibre and Terra Draw ship minified files with maps beside them).
 */
class SourceMapper {
  private readonly maps = new Map<string, { map: SourceMap; sources: (string | null)[] } | null>();

  constructor(
    private readonly buildDir: string,
    private readonly root: string,
  ) {}

  /** `name (source:line)` for a profile call frame, and whether the source is ours. */
  describe(frame: CallFrame): { label: string; ours: boolean } {
    const fallback = frame.functionName || '(anonymous)';
    let file: string;
    try {
      file = path.join(this.buildDir, new URL(frame.url).pathname);
    } catch {
      return { label: fallback, ours: false };
    }
    const origin = this.origin(file, frame.lineNumber, frame.columnNumber, 0);
    const source = path.relative(this.root, origin.file);
    const name = (origin.text ? nameAt(origin.text, origin.line) : null) ?? origin.name ?? fallback;
    return { label: `${name} (${source}:${origin.line + 1})`, ours: /^(renderer|shared)\//.test(source) };
  }

  private origin(file: string, line: number, column: number, depth: number): Origin {
    const loaded = depth < 3 ? this.load(`${file}.map`) : null;
    if (!loaded) return { file, line, name: null, text: null };
    const entry = loaded.map.findEntry(line, column);
    // Frames of a bundle's own glue have an entry without a source (Node's SourceMap gives undefined).
    if (!('originalSource' in entry) || typeof entry.originalSource !== 'string')
      return { file, line, name: null, text: null };
    const original = path.resolve(path.dirname(file), entry.originalSource);
    if (this.load(`${original}.map`)) {
      return this.origin(original, entry.originalLine, entry.originalColumn, depth + 1);
    }
    const index = loaded.map.payload.sources.indexOf(entry.originalSource);
    return {
      file: original,
      line: entry.originalLine,
      name: 'name' in entry && typeof entry.name === 'string' ? entry.name : null,
      text: index >= 0 ? (loaded.sources[index] ?? null) : null,
    };
  }

  private load(mapFile: string) {
    if (!this.maps.has(mapFile)) {
      try {
        const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload & {
          sourcesContent?: (string | null)[];
        };
        this.maps.set(mapFile, { map: new SourceMap(payload), sources: payload.sourcesContent ?? [] });
      } catch {
        this.maps.set(mapFile, null);
      }
    }
    return this.maps.get(mapFile) ?? null;
  }
}

/**
 * The name a function has in its original line: V8 reports a function by where it starts, which the
 * source map puts on the line that declares it (`function f(`, `const f = (`, `f(…) {` for a method).
 */
function nameAt(text: string, line: number): string | null {
  const source = text.split('\n')[line];
  if (!source) return null;
  const patterns = [
    /function\*?\s+([\w$]+)/,
    /(?:const|let|var)\s+([\w$]+)\s*=/,
    /([\w$#]+)\s*[:=]\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*=>/,
    /^\s*(?:(?:public|private|protected|static|async|readonly|get|set)\s+)*([\w$#]+)\s*(?:<[^>]*>)?\(/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(source);
    if (match?.[1] && !['if', 'for', 'while', 'switch', 'return', 'catch'].includes(match[1]))
      return match[1];
  }
  return null;
}

/** Self and total time per function over a whole profile, most expensive first. */
export function functionTimes(profile: CpuProfile, buildDir: string, root: string): FunctionTime[] {
  const mapper = new SourceMapper(buildDir, root);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const labels = new Map<number, { label: string; ours: boolean }>();
  const labelOf = (id: number) => {
    let described = labels.get(id);
    if (!described) {
      const frame = byId.get(id)!.callFrame;
      described = frame.url
        ? mapper.describe(frame)
        : { label: frame.functionName || '(anonymous)', ours: false };
      labels.set(id, described);
    }
    return described;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const ours = new Map<string, boolean>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one (the last sample gets the mean gap).
    const us = deltas[i + 1] ?? (profile.endTime - profile.startTime) / Math.max(1, samples.length);
    const top = samples[i]!;
    const topLabel = labelOf(top);
    self.set(topLabel.label, (self.get(topLabel.label) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = top; id !== undefined; id = parent.get(id)) {
      const { label, ours: own } = labelOf(id);
      ours.set(label, own);
      if (seen.has(label)) continue;
      seen.add(label);
      total.set(label, (total.get(label) ?? 0) + us);
    }
  }
  return [...total.keys()]
    .map((label) => ({
      label,
      selfMs: (self.get(label) ?? 0) / 1000,
      totalMs: (total.get(label) ?? 0) / 1000,
      ours: ours.get(label) ?? false,
    }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/**
 * Engine pseudo-frames that are not work: the thread waiting, or the profile's root. `(program)` is
 * work (the browser's own code on the main thread: style, layout, WebGL calls) and stays in.
 */
export function isIdle(label: string): boolean {
  return label === '(idle)' || label === '(root)';
}
