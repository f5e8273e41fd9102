import type { Language } from '../model';
import type {
  FileToCityRequest,
  IpcOperation,
  IpcRequests,
  MenuCommand,
  ProjectFileKind,
  SaveProjectFileRequest,
  SetCityDatabaseRequest,
} from './contract';
import {
  MAX_CITY_PACKAGE_BYTES,
  MAX_FILE_NAME_LENGTH,
  MAX_PROJECT_FILE_BYTES,
  MENU_COMMANDS,
  PROJECT_FILE_KIND_EXTENSIONS,
  PROJECT_FILE_KINDS,
} from './contract';

/**
 * The verdict on an untrusted payload: the typed value, or a reason a developer can act on. Reasons are
 * English only on purpose: a well-behaved renderer never sends an invalid payload, so they end up in
 * logs and in the `invalid-request` problem, which wraps them in a bilingual sentence.
 */
export type Validation<T> =
  { readonly valid: true; readonly value: T } | { readonly valid: false; readonly reason: string };

/** A pure check of a payload that arrived over IPC (or from anywhere else untrusted). */
export type PayloadValidator<T> = (payload: unknown) => Validation<T>;

function accept<T>(value: T): Validation<T> {
  return { valid: true, value };
}

function reject<T>(reason: string): Validation<T> {
  return { valid: false, reason };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Accepts only `undefined`: for operations that take no payload. Extra data is a sign of a bug or abuse. */
export function validateNoPayload(payload: unknown): Validation<undefined> {
  return payload === undefined ? accept(undefined) : reject(`expected no payload, got ${describe(payload)}`);
}

/** Accepts a UI language code. */
export function validateLanguage(payload: unknown): Validation<Language> {
  return payload === 'zh' || payload === 'en' ? accept(payload) : reject(`language must be "zh" or "en"`);
}

/** Accepts a menu command name (checked again in the preload: the main process is trusted, but typos are not). */
export function validateMenuCommand(payload: unknown): Validation<MenuCommand> {
  return typeof payload === 'string' && (MENU_COMMANDS as readonly string[]).includes(payload)
    ? accept(payload as MenuCommand)
    : reject(`unknown menu command`);
}

/** True for a {@link ProjectFileKind}. */
export function isProjectFileKind(value: unknown): value is ProjectFileKind {
  return typeof value === 'string' && (PROJECT_FILE_KINDS as readonly string[]).includes(value);
}

// Characters Windows forbids in file names, plus the separators of every platform.
const FORBIDDEN_FILE_NAME_CHARACTERS = /[<>:"/\\|?*]/;

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Accepts a bare file name: no folders, no characters some platform forbids, not `.` or `..`. Chinese
 * names are fine. The save dialog starts in the person's documents folder with this name, so a name
 * with a path in it could point the dialog (and a careless click) somewhere else.
 */
export function validateFileName(payload: unknown): Validation<string> {
  if (typeof payload !== 'string') return reject(`file name must be a string, got ${describe(payload)}`);
  if (payload.trim() === '') return reject('file name is empty');
  if (payload.length > MAX_FILE_NAME_LENGTH)
    return reject(`file name is longer than ${MAX_FILE_NAME_LENGTH} characters`);
  if (hasControlCharacter(payload)) return reject('file name contains a control character');
  if (FORBIDDEN_FILE_NAME_CHARACTERS.test(payload))
    return reject('file name contains a path separator or a reserved character');
  if (payload === '.' || payload === '..') return reject('file name is a relative folder');
  return accept(payload);
}

/**
 * Accepts a short string that could be an origin. Whether it is one GridPlan may allow (https, or http
 * on loopback, no path or wildcard) is decided in the main process by canonicalTileOrigin.
 */
export function validateTileOrigin(payload: unknown): Validation<string> {
  if (typeof payload !== 'string') return reject(`origin must be a string, got ${describe(payload)}`);
  if (payload.length === 0 || payload.length > 300) return reject('origin is empty or too long');
  if (hasControlCharacter(payload)) return reject('origin contains a control character');
  return accept(payload);
}

/**
 * The UTF-8 size of a string in bytes, without TextEncoder (shared/ has neither DOM nor Node). A lone
 * surrogate counts as the 3 bytes of the replacement character it becomes on disk.
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Accepts `{suggestedName, text, kind}` with nothing else, a bare file name and text within the size cap. */
export function validateSaveProjectFileRequest(payload: unknown): Validation<SaveProjectFileRequest> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return reject(`save request must be an object, got ${describe(payload)}`);
  }
  const record = payload as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !['suggestedName', 'text', 'kind'].includes(key));
  if (unknownKeys.length > 0) return reject(`save request has unknown fields: ${unknownKeys.join(', ')}`);

  const name = validateFileName(record.suggestedName);
  if (!name.valid) return reject(`suggestedName: ${name.reason}`);
  if (!isProjectFileKind(record.kind)) return reject(`kind must be one of ${PROJECT_FILE_KINDS.join(', ')}`);
  const text = record.text;
  if (typeof text !== 'string') return reject(`text must be a string, got ${describe(text)}`);
  // Cheap bound first: a UTF-16 unit never takes more than 3 UTF-8 bytes, so most texts skip the count.
  if (text.length * 3 > MAX_PROJECT_FILE_BYTES && utf8ByteLength(text) > MAX_PROJECT_FILE_BYTES) {
    return reject(`text is larger than ${MAX_PROJECT_FILE_BYTES} bytes`);
  }
  return accept({ suggestedName: name.value, text, kind: record.kind });
}

function exactKeys(record: Record<string, unknown>, keys: readonly string[], what: string): string | null {
  const unknownKeys = Object.keys(record).filter((key) => !keys.includes(key));
  return unknownKeys.length > 0 ? `${what} has unknown fields: ${unknownKeys.join(', ')}` : null;
}

function plainObject(payload: unknown): payload is Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

/**
 * Accepts `{url, password}` (a postgres:// URL of at most 2,000 characters without control characters,
 * a password of at most 1,000) or null (forget the database). Reasons never quote the values: they may
 * hold the password.
 */
export function validateSetCityDatabaseRequest(payload: unknown): Validation<SetCityDatabaseRequest | null> {
  if (payload === null) return accept(null);
  if (!plainObject(payload))
    return reject(`city database must be an object or null, got ${describe(payload)}`);
  const extra = exactKeys(payload, ['url', 'password'], 'city database');
  if (extra) return reject(extra);
  const { url, password } = payload;
  if (typeof url !== 'string' || typeof password !== 'string')
    return reject('url and password must be strings');
  if (url.length > 2000 || password.length > 1000) return reject('url or password is too long');
  if (hasControlCharacter(url) || hasControlCharacter(password)) {
    return reject('url or password contains a control character');
  }
  if (!isPostgresUrl(url)) return reject('url must be a postgres://… URL');
  return accept({ url, password });
}

/** True for a `postgres://` or `postgresql://` address without white space (the city database's). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/[^\s]+$/i.test(url);
}

/** Accepts `{packageBytes, packageName, author}`: bytes within the cap, a bare name, a short author. */
export function validateFileToCityRequest(payload: unknown): Validation<FileToCityRequest> {
  if (!plainObject(payload)) return reject(`filing request must be an object, got ${describe(payload)}`);
  const extra = exactKeys(payload, ['packageBytes', 'packageName', 'author'], 'filing request');
  if (extra) return reject(extra);
  const { packageBytes, packageName, author } = payload;
  if (!(packageBytes instanceof Uint8Array)) return reject('packageBytes must be a Uint8Array');
  if (packageBytes.length > MAX_CITY_PACKAGE_BYTES) {
    return reject(`packageBytes is larger than ${MAX_CITY_PACKAGE_BYTES} bytes`);
  }
  const name = validateFileName(packageName);
  if (!name.valid) return reject(`packageName: ${name.reason}`);
  if (typeof author !== 'string' || author.length > 200 || hasControlCharacter(author)) {
    return reject('author must be a string of at most 200 characters without control characters');
  }
  return accept({ packageBytes, packageName: name.value, author });
}

/** Accepts a 12-digit township code ending in 000 (`gridplan city pull --township`). */
export function validateTownshipCode(payload: unknown): Validation<string> {
  return typeof payload === 'string' && /^\d{9}000$/.test(payload)
    ? accept(payload)
    : reject('township must be a 12-digit code ending in 000');
}

/** The validator of each operation's payload. The main process runs it before acting on a request. */
export const IPC_REQUEST_VALIDATORS: { readonly [K in IpcOperation]: PayloadValidator<IpcRequests[K]> } = {
  openProjectFile: validateNoPayload,
  saveProjectFile: validateSaveProjectFileRequest,
  getAppInfo: validateNoPayload,
  setMenuLanguage: validateLanguage,
  allowTileOrigin: validateTileOrigin,
  cityDatabaseStatus: validateNoPayload,
  setCityDatabase: validateSetCityDatabaseRequest,
  fileToCity: validateFileToCityRequest,
  pullFromCity: validateTownshipCode,
};

/**
 * The kind a file name announces by its extension (case-insensitive), or undefined when it has none
 * that GridPlan writes.
 */
export function projectFileKindOf(fileName: string): ProjectFileKind | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return PROJECT_FILE_KINDS.find((kind) => PROJECT_FILE_KIND_EXTENSIONS[kind].includes(extension));
}
