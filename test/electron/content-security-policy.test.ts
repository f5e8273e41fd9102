import type { Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../electron/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_DIRECTIVES,
  withContentSecurityPolicy,
} from '../../electron/content-security-policy';
import { hardenSession } from '../../electron/security';
import { createFakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

/** The policy parsed back into directive → sources, as a browser reads it. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('the Content-Security-Policy', () => {
  const policy = parsePolicy(CONTENT_SECURITY_POLICY);

  it('falls back to nothing and allows scripts only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('allows what MapLibre needs: blob: workers and data:/blob: images', () => {
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('connect-src')).toContain("'self'");
  });

  it('names no remote origin, no wildcard and nothing unsafe', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|filesystem:/);
    const allowed = new Set(["'self'", "'none'", 'data:', 'blob:']);
    for (const [directive, sources] of policy) {
      for (const source of sources) expect(allowed.has(source), `${directive} ${source}`).toBe(true);
    }
    expect([...policy.keys()].sort()).toEqual(Object.keys(CONTENT_SECURITY_POLICY_DIRECTIVES).sort());
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the response had, whatever the header case, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ['default-src *'],
      'Content-Type': 'text/html',
      'X-Other': ['a', 'b'],
    });
    expect(headers).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'Content-Type': ['text/html'],
      'X-Other': ['a', 'b'],
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});

describe('the policy is applied', () => {
  it('to every response of the session (onHeadersReceived)', () => {
    const session = createFakeSession();
    hardenSession(session as unknown as Session);
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    const [listener] = session.webRequest.onHeadersReceived.mock.calls[0] as [
      (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: unknown) => void,
      ) => void,
    ];
    const callback = vi.fn();
    listener(
      { responseHeaders: { 'Content-Security-Policy': ["script-src 'unsafe-eval'"], ETag: ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], ETag: ['1'] },
    });
  });

  describe('to every file the app protocol serves', () => {
    let root = '';
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'gridplan-csp-'));
      await writeFile(path.join(root, 'index.html'), '<!doctype html><title>GridPlan</title>');
      await writeFile(path.join(root, 'app.js'), 'console.log(1)');
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it.each(['app://gridplan/', 'app://gridplan/index.html', 'app://gridplan/app.js'])('%s', async (url) => {
      const response = await createAppProtocolHandler(root)(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    });
  });
});
