import { describe, expect, it } from 'vitest';
import {
  BRIDGE_MEMBERS,
  IPC_CHANNELS,
  IPC_EVENTS,
  IPC_OPERATIONS,
  IPC_REQUEST_VALIDATORS,
  MAX_FILE_NAME_LENGTH,
  MAX_PROJECT_FILE_BYTES,
  projectFileKindOf,
  utf8ByteLength,
  validateFileName,
  validateLanguage,
  validateMenuCommand,
  validateNoPayload,
  validateFileToCityRequest,
  validateSaveProjectFileRequest,
  validateSetCityDatabaseRequest,
  validateTownshipCode,
} from '../../shared/ipc';

const request = {
  suggestedName: '城关镇网格.geojson',
  text: '{"type":"FeatureCollection","features":[]}',
  kind: 'geojson',
};

describe('IPC channels', () => {
  it('are unique, namespaced, and cover every operation and event', () => {
    const channels = [...Object.values(IPC_CHANNELS), ...Object.values(IPC_EVENTS)];
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^gridplan:[a-z-]+$/);
    expect(IPC_OPERATIONS).toEqual([
      'openProjectFile',
      'saveProjectFile',
      'getAppInfo',
      'setMenuLanguage',
      'allowTileOrigin',
      'cityDatabaseStatus',
      'setCityDatabase',
      'fileToCity',
      'pullFromCity',
    ]);
    expect(Object.keys(IPC_REQUEST_VALIDATORS).sort()).toEqual([...IPC_OPERATIONS].sort());
    expect([...BRIDGE_MEMBERS].sort()).toEqual([...IPC_OPERATIONS, 'onMenuCommand'].sort());
  });
});

describe('validateNoPayload', () => {
  it('accepts only undefined', () => {
    expect(validateNoPayload(undefined)).toEqual({ valid: true, value: undefined });
    for (const payload of [null, 0, '', {}, [], 'x']) {
      const result = validateNoPayload(payload);
      expect(result.valid).toBe(false);
      if (!result.valid) expect(result.reason).toMatch(/expected no payload/);
    }
  });
});

describe('validateLanguage and validateMenuCommand', () => {
  it('accept the known values and nothing else', () => {
    expect(validateLanguage('zh')).toEqual({ valid: true, value: 'zh' });
    expect(validateLanguage('en')).toEqual({ valid: true, value: 'en' });
    expect(validateLanguage('fr').valid).toBe(false);
    expect(validateLanguage(undefined).valid).toBe(false);
    expect(validateMenuCommand('import')).toEqual({ valid: true, value: 'import' });
    expect(validateMenuCommand('export-geojson')).toEqual({ valid: true, value: 'export-geojson' });
    expect(validateMenuCommand('delete-everything').valid).toBe(false);
    expect(validateMenuCommand({ command: 'import' }).valid).toBe(false);
    // The menu's old words are gone with its old commands.
    expect(validateMenuCommand('open-project').valid).toBe(false);
  });
});

describe('validateFileName', () => {
  it('accepts bare names, Chinese included', () => {
    for (const name of ['城关镇网格.geojson', 'grids 2026.json', '报告(终稿).csv', 'a']) {
      expect(validateFileName(name)).toEqual({ valid: true, value: name });
    }
  });

  it.each([
    ['../../.bashrc', /separator/],
    ['folder/name.geojson', /separator/],
    ['C:\\Windows\\x.json', /separator/],
    ['a:b.json', /reserved/],
    ['what?.json', /reserved/],
    ['.', /relative folder/],
    ['..', /relative folder/],
    ['', /empty/],
    ['   ', /empty/],
    ['a\u0000.json', /control/],
    ['a\nb.json', /control/],
    ['x'.repeat(MAX_FILE_NAME_LENGTH + 1), /longer/],
  ])('rejects %j', (name, reason) => {
    const result = validateFileName(name);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(validateFileName(42)).toEqual({
      valid: false,
      reason: 'file name must be a string, got a number',
    });
  });
});

describe('utf8ByteLength', () => {
  it('agrees with a real UTF-8 encoder, surrogate pairs and lone surrogates included', () => {
    for (const value of ['', 'abc', 'é', '城关镇', '𠀋𠀋', 'a\ud800b', '\udc00', 'x\ud83d']) {
      expect(utf8ByteLength(value)).toBe(new TextEncoder().encode(value).length);
    }
  });
});

describe('validateSaveProjectFileRequest', () => {
  it('accepts a well-formed request and returns a copy of it', () => {
    const result = validateSaveProjectFileRequest(request);
    expect(result).toEqual({ valid: true, value: request });
    if (result.valid) expect(result.value).not.toBe(request);
  });

  it('accepts every kind', () => {
    for (const kind of ['geojson', 'json', 'csv', 'txt']) {
      expect(validateSaveProjectFileRequest({ ...request, kind }).valid).toBe(true);
    }
  });

  it.each([
    [null, /must be an object/],
    ['text', /must be an object/],
    [[request], /must be an object/],
    [{ ...request, path: '/etc/passwd' }, /unknown fields: path/],
    [{ ...request, suggestedName: '../x.geojson' }, /suggestedName: .*separator/],
    [{ ...request, suggestedName: undefined }, /suggestedName: .*string/],
    [{ ...request, kind: 'exe' }, /kind must be one of/],
    [{ ...request, kind: undefined }, /kind must be one of/],
    [{ ...request, text: 42 }, /text must be a string/],
    [{ suggestedName: 'a.json', kind: 'json' }, /text must be a string/],
  ])('rejects %j', (payload, reason) => {
    const result = validateSaveProjectFileRequest(payload);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toMatch(reason);
  });

  it('rejects text over the size cap, counting UTF-8 bytes, not characters', () => {
    // Chinese characters take 3 bytes each: the text is exactly at the cap in bytes with a third as many
    // characters, so counting characters would wrongly accept anything up to three times the cap.
    const chinese = Math.floor(MAX_PROJECT_FILE_BYTES / 3);
    const atCap = '城'.repeat(chinese) + 'a'.repeat(MAX_PROJECT_FILE_BYTES - 3 * chinese);
    expect(utf8ByteLength(atCap)).toBe(MAX_PROJECT_FILE_BYTES);
    expect(validateSaveProjectFileRequest({ ...request, text: atCap }).valid).toBe(true);
    const overCap = `${atCap}a`;
    const result = validateSaveProjectFileRequest({ ...request, text: overCap });
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toMatch(/larger than/);
  });
});

describe('IPC_REQUEST_VALIDATORS', () => {
  it('checks each operation with its own validator', () => {
    expect(IPC_REQUEST_VALIDATORS.openProjectFile(undefined).valid).toBe(true);
    expect(IPC_REQUEST_VALIDATORS.openProjectFile({}).valid).toBe(false);
    expect(IPC_REQUEST_VALIDATORS.getAppInfo('x').valid).toBe(false);
    expect(IPC_REQUEST_VALIDATORS.saveProjectFile(request).valid).toBe(true);
    expect(IPC_REQUEST_VALIDATORS.saveProjectFile(undefined).valid).toBe(false);
    expect(IPC_REQUEST_VALIDATORS.setMenuLanguage('en').valid).toBe(true);
    expect(IPC_REQUEST_VALIDATORS.setMenuLanguage('de').valid).toBe(false);
  });
});

describe('the city office payloads', () => {
  it('accepts a postgres URL with a separate password, or null to forget it', () => {
    expect(validateSetCityDatabaseRequest({ url: 'postgres://u@h:5432/city', password: 'p@ss' }).valid).toBe(
      true,
    );
    expect(validateSetCityDatabaseRequest({ url: 'postgresql://h/city', password: '' }).valid).toBe(true);
    expect(validateSetCityDatabaseRequest(null)).toEqual({ valid: true, value: null });
  });

  it('refuses other URLs, extra fields, control characters and huge values without quoting them', () => {
    const secret = 'S3cret!';
    for (const payload of [
      { url: 'http://h/city', password: secret },
      { url: 'postgres://h/city', password: secret, extra: 1 },
      { url: 'postgres://h/ci\nty', password: secret },
      { url: 'postgres://h/city', password: `${secret}\u0000` },
      { url: `postgres://h/${'x'.repeat(2001)}`, password: secret },
      { url: 'postgres://h/city' },
      'postgres://h/city',
    ]) {
      const checked = validateSetCityDatabaseRequest(payload);
      expect(checked.valid).toBe(false);
      if (!checked.valid) expect(checked.reason).not.toContain(secret);
    }
  });

  it('accepts a filing request of bytes, a bare name and a short author', () => {
    const ok = { packageBytes: new Uint8Array([80, 75]), packageName: '报审包.zip', author: '王规划' };
    expect(validateFileToCityRequest(ok).valid).toBe(true);
    expect(validateFileToCityRequest({ ...ok, packageBytes: [80, 75] }).valid).toBe(false);
    expect(validateFileToCityRequest({ ...ok, packageName: '../x.zip' }).valid).toBe(false);
    expect(validateFileToCityRequest({ ...ok, author: 'x'.repeat(201) }).valid).toBe(false);
    expect(validateFileToCityRequest({ ...ok, path: '/etc' }).valid).toBe(false);
  });

  it('accepts only 12-digit township codes ending in 000', () => {
    expect(validateTownshipCode('510302003000').valid).toBe(true);
    for (const bad of ['510302003001', '51030200300', 510302003000, "510302003000' OR 1=1"]) {
      expect(validateTownshipCode(bad).valid).toBe(false);
    }
  });
});

describe('projectFileKindOf', () => {
  it('reads the kind from the extension, case-insensitively', () => {
    expect(projectFileKindOf('城关镇.geojson')).toBe('geojson');
    expect(projectFileKindOf('A.GEOJSON')).toBe('geojson');
    expect(projectFileKindOf('report.csv')).toBe('csv');
    expect(projectFileKindOf('x.tar.json')).toBe('json');
    expect(projectFileKindOf('notes')).toBeUndefined();
    expect(projectFileKindOf('.geojson')).toBeUndefined();
    expect(projectFileKindOf('virus.exe')).toBeUndefined();
  });
});
