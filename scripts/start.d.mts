// Types of what scripts/start.mjs exports, for the tests that reuse its server.
import type { Server } from 'node:http';

export const DEFAULT_PORT: number;
export function resolveStaticPath(root: string, requestUrl: string): string | undefined;
export function loadContentSecurityPolicy(tileOrigins?: readonly string[]): Promise<string>;
export function tileOriginsFromEnv(
  env?: NodeJS.ProcessEnv,
): Promise<{ origins: string[]; rejected: string[] }>;
export function createStaticServer(root: string, policy: string): Server;
export function listenOnFreePort(server: Server, env?: NodeJS.ProcessEnv): Promise<number>;
export function findElectron(options?: {
  root?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}): { found: true; executable: string } | { found: false; reason: string };
