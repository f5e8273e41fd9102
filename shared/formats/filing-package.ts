import type { Division, Problem, Result } from '../model';
import { censusTotals, fail, ok, text } from '../model';
import { strToU8 } from 'fflate';
import { parseDivisionGeoJson } from './geojson';
import { decodeText, isValidUtf8 } from './text-encoding';
import { sha256Hex } from './sha256';
import { entryName, MAX_IMPORT_BYTES, readZip, writeZip } from './zip-archive';
import { readZipDirectory } from './zip-entries';
import type { DeflateRaw } from './zip-write';

/** Path of the manifest inside a filing package; every other file is listed in it with its SHA-256. */
export const MANIFEST_PATH = 'manifest.json';
/** Path of the division inside a filing package. */
export const DIVISION_PATH = 'division.geojson';
/** Files every filing package has besides the manifest (../shared/spec/interchange.md). */
export const PACKAGE_FILES = [
  'division.geojson',
  'report.json',
  'report.html',
  'report.pdf',
  'notices.pdf',
] as const;
/** Files a package made against a base (`--base`) has too. `base.geojson` is our optional addition. */
export const BASE_FILES = ['diff.json', 'diff.html'] as const;

/** Entity counts and census totals of the packaged division. */
export interface PackageCounts {
  readonly communities: number;
  readonly grids: number;
  readonly microgrids: number;
  readonly censusPoints: number;
  readonly households: number;
  readonly population: number;
}

/** `manifest.json` of a filing package (报审包/备案包). */
export interface FilingManifest {
  /** The township (乡镇/街道) of the division: its 12-digit code and name (empty when it has none). */
  readonly township: { readonly code: string; readonly name: string };
  /** Version number (BBH), from 1. */
  readonly version: number;
  /** ISO 8601 time the package was made. */
  readonly createdAt: string;
  /** Rule set id the division was checked against. */
  readonly ruleSet: string;
  readonly counts: PackageCounts;
  /** SHA-256 (hex) of `division.geojson` as stored. */
  readonly divisionSha256: string;
  /** SHA-256 of the base division (the `divisionSha256` of the package it was based on), when made against one. */
  readonly baseSha256?: string;
  /** Optional member: the submitter's note. */
  readonly note?: string;
  /** Every file of the package but the manifest, with its SHA-256 (hex). */
  readonly files: Readonly<Record<string, string>>;
}

/** What {@link writeFilingPackage} packs. */
export interface FilingPackageInput {
  readonly manifest: Omit<FilingManifest, 'divisionSha256' | 'files'>;
  /** Files by path, `division.geojson` among them; text is written as UTF-8. */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
  /** A native raw DEFLATE for the zip (the command line gives Node's zlib); without it, fflate's. */
  readonly deflateRaw?: DeflateRaw;
}

/** A filing package read and checked against its manifest. */
export interface FilingPackage {
  readonly manifest: FilingManifest;
  readonly division: Division;
  /** Every file of the package (the manifest included) by path. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Packs a filing package as zip bytes (and returns the manifest written): the files given and `manifest.json` listing each of them with its
 * SHA-256 (`divisionSha256` is that of `division.geojson`). Pure; the caller supplies every file.
 */
export function writeFilingPackage(input: FilingPackageInput): {
  readonly bytes: Uint8Array;
  readonly manifest: FilingManifest;
} {
  const entries = Object.entries(input.files)
    .map(([path, content]) => [path, typeof content === 'string' ? strToU8(content) : content] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files: Record<string, string> = {};
  for (const [path, bytes] of entries) files[path] = sha256Hex(bytes);
  const divisionSha256 = files[DIVISION_PATH] ?? sha256Hex('');
  const { baseSha256, note, ...rest } = input.manifest;
  const manifest: FilingManifest = {
    ...rest,
    divisionSha256,
    ...(baseSha256 !== undefined ? { baseSha256 } : {}),
    ...(note !== undefined && note !== '' ? { note } : {}),
    files,
  };
  const bytes = writeZip(
    [
      { name: MANIFEST_PATH, bytes: strToU8(`${JSON.stringify(manifest, null, 2)}\n`) },
      ...entries.map(([name, bytes]) => ({ name, bytes })),
    ],
    input.deflateRaw,
  );
  return { bytes, manifest };
}

/** True when the bytes start like a zip archive (PK\3\4, or PK\5\6 for an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function tampered(kind: string, zh: string, en: string): Problem {
  return { kind, message: text(zh, en) };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** How many mismatches a refusal names before it says how many more (a hostile zip may have thousands). */
const MAX_LISTED = 20;

/** The members of `counts`, as {@link PackageCounts} has them and the writer writes them. */
const COUNT_KEYS = [
  'communities',
  'grids',
  'microgrids',
  'censusPoints',
  'households',
  'population',
] as const satisfies readonly (keyof PackageCounts)[];

/**
 * Counts of entities: whole numbers. Households and population are sums of the census points' values,
 * which a division may hold as any number not below 0 (an odd imported value), so the writer may write
 * a fraction there; the cross-check against the division then holds them to the exact figure.
 */
const ENTITY_COUNT_KEYS: ReadonlySet<string> = new Set([
  'communities',
  'grids',
  'microgrids',
  'censusPoints',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own members only: a manifest's `files` is parsed JSON, and `toString`, `constructor`… are inherited. */
function hasOwn(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** A problem per mismatch, at most {@link MAX_LISTED} of them and then how many more. */
function refuseAll<T>(problems: readonly Problem[]): Result<T> {
  if (problems.length <= MAX_LISTED) return fail(...problems);
  const more = problems.length - MAX_LISTED;
  return fail(
    ...problems.slice(0, MAX_LISTED),
    tampered('tampered', `……另有 ${more} 处不符。`, `… and ${more} more mismatches.`),
  );
}

/**
 * The township a division belongs to, as the package builder writes it to the manifest
 * (`townshipOf` in shared/cli/build-filing-package.ts, which shared/formats cannot import): its township
 * feature, else the 9-digit prefix of its communities' codes + `000` with the division's name, else empty.
 */
export function divisionTownship(division: Division): FilingManifest['township'] {
  const township = [...division.township.values()][0];
  if (township) return { code: township.code, name: township.name };
  const community = [...division.community.values()][0];
  return { code: community ? `${community.code.slice(0, 9)}000` : '', name: division.meta.name };
}

/**
 * Entity counts and census totals of a division, as the package builder writes them to the manifest
 * (`packageCounts` in shared/cli/build-filing-package.ts).
 */
export function divisionCounts(division: Division): PackageCounts {
  const { households, population } = censusTotals(division.census);
  return {
    communities: division.community.size,
    grids: division.grid.size,
    microgrids: division.microgrid.size,
    censusPoints: division.census.size,
    households,
    population,
  };
}

/** Checks the manifest's shape; a problem naming the member that is wrong. */
function checkManifest(value: unknown, packageName: string): Result<FilingManifest> {
  const bad = (member: string): Result<FilingManifest> =>
    fail(
      tampered(
        'bad-manifest',
        `${packageName} 的 manifest.json 不完整或已被修改：${member} 缺失或格式不对。`,
        `The manifest.json of ${packageName} is incomplete or altered: ${member} is missing or malformed.`,
      ),
    );
  if (!isRecord(value)) return bad('manifest');
  const township = value.township;
  if (!isRecord(township) || typeof township.code !== 'string' || typeof township.name !== 'string')
    return bad('township');
  // The writer writes a version from 1 (the CLI refuses `--version` below 1).
  if (typeof value.version !== 'number' || !Number.isSafeInteger(value.version) || value.version < 1)
    return bad('version');
  if (typeof value.createdAt !== 'string') return bad('createdAt');
  if (typeof value.ruleSet !== 'string') return bad('ruleSet');
  const counts = value.counts;
  if (!isRecord(counts)) return bad('counts');
  for (const key of COUNT_KEYS) {
    const count = hasOwn(counts, key) ? counts[key] : undefined;
    const valid =
      typeof count === 'number' &&
      count >= 0 &&
      (ENTITY_COUNT_KEYS.has(key) ? Number.isSafeInteger(count) : Number.isFinite(count));
    if (!valid) return bad(`counts.${key}`);
  }
  for (const key of Object.keys(counts)) {
    if (!(COUNT_KEYS as readonly string[]).includes(key)) return bad(`counts.${key}`);
  }
  if (typeof value.divisionSha256 !== 'string' || !HEX64.test(value.divisionSha256))
    return bad('divisionSha256');
  if (
    value.baseSha256 !== undefined &&
    (typeof value.baseSha256 !== 'string' || !HEX64.test(value.baseSha256))
  )
    return bad('baseSha256');
  if (value.note !== undefined && typeof value.note !== 'string') return bad('note');
  if (!isRecord(value.files)) return bad('files');
  for (const [path, hash] of Object.entries(value.files)) {
    if (typeof hash !== 'string' || !HEX64.test(hash)) return bad(`files["${path}"]`);
  }
  return ok(value as unknown as FilingManifest);
}

/**
 * The name of every entry in the zip's central directory, folders and `__MACOSX` metadata included
 * (`readZip` skips those, and keeps every entry of a name given twice).
 */
function allEntryNames(bytes: Uint8Array, packageName: string): Result<string[]> {
  const directory = readZipDirectory(bytes, packageName, { maxTotalBytes: MAX_IMPORT_BYTES });
  if (!directory.ok) return directory;
  return ok(directory.value.map(entryName));
}

/** Refusals for names that occur more than once among the entries: which copy a tool unpacks varies. */
function duplicateProblems(names: readonly string[], packageName: string): Problem[] {
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
  return [...seen]
    .filter(([, times]) => times > 1)
    .map(([name, times]) =>
      tampered(
        'tampered',
        `${packageName} 中有 ${times} 个同名文件 ${name}：报审包已被篡改（不同工具解压出的可能是不同的那一个）。`,
        `${packageName} holds ${times} entries named ${name}: the package was tampered with (different tools may unpack different ones).`,
      ),
    );
}

/**
 * Refusals for a manifest whose township or counts differ from what the division says (what the writer
 * would have written for it), naming each member that differs.
 */
function crossCheckProblems(manifest: FilingManifest, division: Division, packageName: string): Problem[] {
  const township = divisionTownship(division);
  const counts = divisionCounts(division);
  const members: [string, unknown, string | number][] = [
    ['township.code', manifest.township.code, township.code],
    ['township.name', manifest.township.name, township.name],
    ...COUNT_KEYS.map((key): [string, unknown, number] => [
      `counts.${key}`,
      manifest.counts[key],
      counts[key],
    ]),
  ];
  return members
    .filter(([, claimed, actual]) => claimed !== actual)
    .map(([member, claimed, actual]) =>
      tampered(
        'tampered',
        `${packageName} 的 manifest.json 中 ${member} 为 ${JSON.stringify(claimed)}，与 division.geojson 不符（应为 ${JSON.stringify(actual)}）：清单已被修改。`,
        `In the manifest.json of ${packageName}, ${member} is ${JSON.stringify(claimed)}, which does not match division.geojson (${JSON.stringify(actual)}): the manifest was altered.`,
      ),
    );
}

/**
 * Reads a filing package and checks it against its manifest. Refuses (kind `tampered`, exit 2 in the
 * CLI), naming the file: an entry name given more than once, a file listed but missing, an entry present
 * but not listed (folder entries and `__MACOSX` metadata included: GridPlan writes neither), a file whose
 * SHA-256 differs from the manifest, a `divisionSha256` that is not the hash of `division.geojson`, a
 * required file missing, a malformed manifest (kind `bad-manifest`: a version that is not a whole number
 * from 1, a count that is not a number not below 0, whole for entities), and a manifest whose township
 * (code, name) or counts differ from those of `division.geojson`. Hostile archives are bounded by
 * `readZip` (size limit before inflating, no paths outside the archive). Then restores `division.geojson`
 * like any division file. Never throws.
 */
export function readFilingPackage(bytes: Uint8Array, packageName: string): Result<FilingPackage> {
  const unpacked = readZip(bytes, packageName);
  if (!unpacked.ok) return unpacked;
  const names = allEntryNames(bytes, packageName);
  if (!names.ok) return names;
  // Any name given twice: the Map below would keep one copy, while a reviewer's unzip may show another.
  const duplicates = duplicateProblems(names.value, packageName);
  if (duplicates.length > 0) return refuseAll(duplicates);
  const files = new Map<string, Uint8Array>();
  for (const file of unpacked.value) files.set(file.name, file.bytes);
  const manifestBytes = files.get(MANIFEST_PATH);
  if (!manifestBytes) {
    return fail(
      tampered(
        'tampered',
        `${packageName} 不是报审包：缺少 manifest.json。`,
        `${packageName} is not a filing package: manifest.json is missing.`,
      ),
    );
  }
  let parsed: unknown;
  try {
    if (!isValidUtf8(manifestBytes)) throw new Error('not UTF-8');
    parsed = JSON.parse(decodeText(manifestBytes, 'utf-8'));
  } catch {
    return fail(
      tampered(
        'tampered',
        `${packageName} 的 manifest.json 不是有效的 JSON：文件已损坏或被修改。`,
        `The manifest.json of ${packageName} is not valid JSON: the file is damaged or altered.`,
      ),
    );
  }
  const checked = checkManifest(parsed, packageName);
  if (!checked.ok) return checked;
  const manifest = checked.value;

  const problems: Problem[] = [];
  const listed = Object.keys(manifest.files).sort();
  for (const path of listed) {
    const content = files.get(path);
    if (!content) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 缺少清单中列出的文件 ${path}。`,
          `${packageName} lacks ${path}, which its manifest lists.`,
        ),
      );
    } else if (sha256Hex(content) !== manifest.files[path]) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 中的文件 ${path} 与清单中的 SHA-256 不符：文件已被修改。`,
          `${path} in ${packageName} does not match the SHA-256 in its manifest: the file was altered.`,
        ),
      );
    }
  }
  // Every entry of the directory, not only those readZip unpacked: folders and __MACOSX/… too.
  for (const path of [...names.value].sort()) {
    if (path.endsWith('/')) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 含有文件夹条目 ${path}：GridPlan 制作的报审包没有文件夹条目，报审包已被修改。`,
          `${packageName} has a folder entry ${path}: packages GridPlan makes have none, so the package was altered.`,
        ),
      );
    } else if (path !== MANIFEST_PATH && !hasOwn(manifest.files, path)) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 含有清单中没有列出的文件 ${path}。`,
          `${packageName} has ${path}, which its manifest does not list.`,
        ),
      );
    }
  }
  const required = [...PACKAGE_FILES, ...(manifest.baseSha256 !== undefined ? BASE_FILES : [])];
  for (const path of required) {
    if (!hasOwn(manifest.files, path)) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 的清单没有列出必需的文件 ${path}。`,
          `The manifest of ${packageName} does not list the required file ${path}.`,
        ),
      );
    }
  }
  if (hasOwn(manifest.files, DIVISION_PATH) && manifest.divisionSha256 !== manifest.files[DIVISION_PATH]) {
    problems.push(
      tampered(
        'tampered',
        `${packageName} 的 manifest.json 中 divisionSha256 与 division.geojson 的 SHA-256 不符。`,
        `In the manifest.json of ${packageName}, divisionSha256 does not match the SHA-256 of division.geojson.`,
      ),
    );
  }
  if (problems.length > 0) return refuseAll(problems);

  const divisionBytes = files.get(DIVISION_PATH);
  if (!divisionBytes || !isValidUtf8(divisionBytes)) {
    return fail(
      tampered(
        'unreadable',
        `${packageName} 中的 division.geojson 不是 UTF-8 文本。`,
        `division.geojson in ${packageName} is not UTF-8 text.`,
      ),
    );
  }
  const division = parseDivisionGeoJson(decodeText(divisionBytes, 'utf-8'));
  if (!division.ok) return division;
  const mismatches = crossCheckProblems(manifest, division.value, packageName);
  if (mismatches.length > 0) return refuseAll(mismatches);
  return ok({ manifest, division: division.value, files });
}
