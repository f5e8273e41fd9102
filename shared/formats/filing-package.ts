import type { Division, Problem, Result } from '../model';
import { fail, ok, text } from '../model';
import { strToU8 } from 'fflate';
import { parseDivisionGeoJson } from './geojson';
import { decodeText, isValidUtf8 } from './text-encoding';
import { sha256Hex } from './sha256';
import { readZip, writeZip } from './zip-archive';
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 0)
    return bad('version');
  if (typeof value.createdAt !== 'string') return bad('createdAt');
  if (typeof value.ruleSet !== 'string') return bad('ruleSet');
  if (!isRecord(value.counts)) return bad('counts');
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
 * Reads a filing package and checks it against its manifest. Refuses (kind `tampered`, exit 2 in the
 * CLI), naming the file: a file listed but missing, a file present but not listed, a file whose SHA-256
 * differs from the manifest, a `divisionSha256` that is not the hash of `division.geojson`, a required
 * file missing, a malformed manifest. Hostile archives are bounded by `readZip` (size limit before
 * inflating, no paths outside the archive). Then restores `division.geojson` like any division file.
 */
export function readFilingPackage(bytes: Uint8Array, packageName: string): Result<FilingPackage> {
  const unpacked = readZip(bytes, packageName);
  if (!unpacked.ok) return unpacked;
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
  for (const path of [...files.keys()].sort()) {
    if (path !== MANIFEST_PATH && !(path in manifest.files)) {
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
    if (!(path in manifest.files)) {
      problems.push(
        tampered(
          'tampered',
          `${packageName} 的清单没有列出必需的文件 ${path}。`,
          `The manifest of ${packageName} does not list the required file ${path}.`,
        ),
      );
    }
  }
  if (
    manifest.files[DIVISION_PATH] !== undefined &&
    manifest.divisionSha256 !== manifest.files[DIVISION_PATH]
  ) {
    problems.push(
      tampered(
        'tampered',
        `${packageName} 的 manifest.json 中 divisionSha256 与 division.geojson 的 SHA-256 不符。`,
        `In the manifest.json of ${packageName}, divisionSha256 does not match the SHA-256 of division.geojson.`,
      ),
    );
  }
  if (problems.length > MAX_LISTED) {
    const more = problems.length - MAX_LISTED;
    return fail(
      ...problems.slice(0, MAX_LISTED),
      tampered('tampered', `……另有 ${more} 处不符。`, `… and ${more} more mismatches.`),
    );
  }
  if (problems.length > 0) return fail(...problems);

  const divisionBytes = files.get(DIVISION_PATH)!;
  if (!isValidUtf8(divisionBytes)) {
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
  return ok({ manifest, division: division.value, files });
}
