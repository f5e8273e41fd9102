import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { countByLayer } from '../../../shared/model';
import { stringifyDivision } from '../../../shared/formats/geojson';
import type { ReviewReply } from '../../../shared/review';
import { REVIEW_REPLY_TYPE, REVIEW_REPLY_VERSION } from '../../../shared/review';
import { openProjectStore } from '../../../renderer/storage/project-store';
import { declareSchema } from '../../../renderer/storage/schema';
import { isStorageError } from '../../../renderer/storage/storage-error';
import { freshDatabaseName, freshStore, restart, sampleDivision } from './storage-fixtures';

const SHA1 = '1'.repeat(64);
const SHA2 = '2'.repeat(64);

function reply(patch: Partial<ReviewReply>): ReviewReply {
  return {
    type: REVIEW_REPLY_TYPE,
    version: REVIEW_REPLY_VERSION,
    township: { code: '510302001000', name: '双河镇' },
    divisionVersion: 1,
    divisionSha256: SHA1,
    reviewer: '区网格办',
    decidedAt: '2026-12-05T09:00:00.000Z',
    decision: 'returned',
    note: '',
    comments: [
      { id: 'a', gridCode: '510302001001001', text: '改名', author: 'r', createdAt: '2026-12-05' },
      { id: 'b', at: [104.7, 29.3], text: '学校', author: 'r', createdAt: '2026-12-05' },
    ],
    issueMarks: [],
    ...patch,
  };
}

describe('versions (版本)', () => {
  it('numbers submitted versions 1, 2, … and keeps their exact text across a restart', async () => {
    let store = await freshStore('versions');
    const division = sampleDivision(12);
    const project = await store.createProject(division);
    const textA = stringifyDivision(division);
    const input = {
      divisionSha256: SHA1,
      author: '规划员',
      note: '首次报审',
      counts: countByLayer(division),
    };
    const first = await store.versions.submit(project.id, { ...input, divisionText: textA });
    const second = await store.versions.submit(project.id, {
      ...input,
      divisionText: `${textA} `,
      divisionSha256: SHA2,
      note: '修改后',
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.status).toBe('submitted');
    store = await restart(store);
    const listed = await store.versions.list(project.id);
    expect(listed.map((v) => [v.number, v.note, v.author, v.divisionSha256])).toEqual([
      [1, '首次报审', '规划员', SHA1],
      [2, '修改后', '规划员', SHA2],
    ]);
    expect(listed[0]!.counts.grid).toBe(3);
    expect(await store.versions.body(project.id, 1)).toBe(textA);
    expect(await store.versions.body(project.id, 2)).toBe(`${textA} `);
    // Versions are per project.
    const other = await store.createProject(division);
    expect(await store.versions.list(other.id)).toEqual([]);
    expect((await store.versions.submit(other.id, { ...input, divisionText: textA })).number).toBe(1);
    store.close();
  });

  it('refuses to submit for a missing project and reads no missing version, in both languages', async () => {
    const store = await freshStore('versions-missing');
    const error: unknown = await store.versions
      .submit('nope', {
        divisionText: '{}',
        divisionSha256: SHA1,
        author: '',
        note: '',
        counts: countByLayer(sampleDivision(0)),
      })
      .catch((e: unknown) => e);
    expect(isStorageError(error, 'not-found')).toBe(true);
    const project = await store.createProject(sampleDivision(0));
    const missing: unknown = await store.versions.body(project.id, 7).catch((e: unknown) => e);
    expect(isStorageError(missing, 'not-found')).toBe(true);
    if (isStorageError(missing)) {
      expect(missing.text.zh).toContain('版本 7');
      expect(missing.text.en).toContain('Version 7');
    }
    store.close();
  });

  it('records replies: 退回, then 已备案 with its date; a reply about another division changes nothing', async () => {
    const store = await freshStore('versions-reply');
    const division = sampleDivision(3);
    const project = await store.createProject(division);
    const base = { divisionText: 'x', author: 'p', note: '', counts: countByLayer(division) };
    await store.versions.submit(project.id, { ...base, divisionSha256: SHA1 });
    await store.versions.submit(project.id, { ...base, divisionSha256: SHA2 });

    const returned = await store.versions.recordReply(project.id, reply({}));
    expect(returned.status).toBe('returned');
    expect(returned.filedAt).toBeUndefined();
    expect(returned.reply?.resolved).toEqual([]);

    await store.versions.setResolved(project.id, 1, 'a', true);
    expect((await store.versions.list(project.id))[0]!.reply?.resolved).toEqual(['a']);
    // Opening the same reply again keeps what the planner resolved.
    expect((await store.versions.recordReply(project.id, reply({}))).reply?.resolved).toEqual(['a']);
    await store.versions.setResolved(project.id, 1, 'a', false);
    expect((await store.versions.list(project.id))[0]!.reply?.resolved).toEqual([]);

    const before = await store.versions.list(project.id);
    const wrongHash: unknown = await store.versions
      .recordReply(project.id, reply({ divisionVersion: 2, divisionSha256: SHA1 }))
      .catch((e: unknown) => e);
    expect(isStorageError(wrongHash, 'not-found')).toBe(true);
    if (isStorageError(wrongHash)) expect(wrongHash.text.zh).toContain('版本 2');
    expect(await store.versions.list(project.id)).toEqual(before);

    const approved = await store.versions.recordReply(
      project.id,
      reply({
        divisionVersion: 2,
        divisionSha256: SHA2,
        decision: 'approved',
        decidedAt: '2026-12-06T10:00:00Z',
      }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.filedAt).toBe('2026-12-06T10:00:00Z');
    store.close();
  });

  it('copies versions, bodies and replies with a duplicated project; each copy then goes its own way', async () => {
    const store = await freshStore('versions-duplicate');
    const division = sampleDivision(3);
    const project = await store.createProject(division);
    const base = { author: 'p', note: '', counts: countByLayer(division) };
    await store.versions.submit(project.id, { ...base, divisionText: 'v1', divisionSha256: SHA1 });
    await store.versions.submit(project.id, { ...base, divisionText: 'v2', divisionSha256: SHA2 });
    await store.versions.recordReply(project.id, reply({}));
    await store.versions.setResolved(project.id, 1, 'a', true);

    const copy = await store.duplicateProject(project.id);
    const original = await store.versions.list(project.id);
    const copied = await store.versions.list(copy.id);
    expect(copied).toEqual(original.map((v) => ({ ...v, projectId: copy.id })));
    expect(copied.map((v) => [v.number, v.status, v.reply?.resolved])).toEqual([
      [1, 'returned', ['a']],
      [2, 'submitted', undefined],
    ]);
    expect(await store.versions.body(copy.id, 1)).toBe('v1');
    expect(await store.versions.body(copy.id, 2)).toBe('v2');

    // The copy's next version continues the numbering; the original does not see it, nor its deletion.
    expect(
      (await store.versions.submit(copy.id, { ...base, divisionText: 'v3', divisionSha256: SHA1 })).number,
    ).toBe(3);
    expect((await store.versions.list(project.id)).length).toBe(2);
    await store.deleteProject(copy.id);
    expect(await store.versions.list(project.id)).toEqual(original);
    expect(await store.versions.body(project.id, 2)).toBe('v2');
    store.close();
  });

  it('deletes a project’s versions with the project', async () => {
    const store = await freshStore('versions-delete');
    const division = sampleDivision(2);
    const project = await store.createProject(division);
    await store.versions.submit(project.id, {
      divisionText: 'x',
      divisionSha256: SHA1,
      author: 'p',
      note: '',
      counts: countByLayer(division),
    });
    await store.deleteProject(project.id);
    expect(await store.versions.list(project.id)).toEqual([]);
    const gone: unknown = await store.versions.body(project.id, 1).catch((e: unknown) => e);
    expect(isStorageError(gone, 'not-found')).toBe(true);
    store.close();
  });

  it('upgrades a version 2 database to version 4 with its projects intact and no versions', async () => {
    const name = freshDatabaseName('v2-to-v4');
    // A database written by release 2 with one project: reopened with the current schema.
    const old = new Dexie(name);
    declareSchema(old, 2);
    await old.table('projects').add({
      id: 'p2',
      name: '二版项目',
      ruleSetId: 'zigong',
      extra: {},
      createdAt: 1,
      updatedAt: 2,
      lastOpenedAt: 3,
      counts: { township: 0, community: 0, grid: 0, microgrid: 0, census: 0 },
      censusRevision: 0,
    });
    old.close();
    const store = await openProjectStore(name);
    expect((await store.listProjects()).map((p) => p.name)).toEqual(['二版项目']);
    expect(await store.versions.list('p2')).toEqual([]);
    const submitted = await store.versions.submit('p2', {
      divisionText: '{}',
      divisionSha256: SHA1,
      author: 'p',
      note: '',
      counts: { township: 0, community: 0, grid: 0, microgrid: 0, census: 0 },
    });
    expect(submitted.number).toBe(1);
    store.close();
  });
});
