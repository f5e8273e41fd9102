import { describe, expect, it } from 'vitest';
import { jsonTerminalSafe, terminalSafe } from '../../../shared/cli/terminal-text';
import { runCli } from '../../../shared/cli/run-cli';
import { ok } from '../../../shared/model';

const hostile = 'A\u001b[2J\u202eB\u0085\u0007C\td\ne';

describe('text for a terminal', () => {
  it('shows escapes, C1 and bidi controls instead of obeying them; keeps tabs and line breaks', () => {
    expect(terminalSafe(hostile)).toBe('A\\u{001B}[2J\\u{202E}B\\u{0085}\\u{0007}C\td\ne');
  });

  it('keeps JSON meaning the same data', () => {
    const json = JSON.stringify({ name: hostile });
    const safe = jsonTerminalSafe(json);
    // eslint-disable-next-line no-control-regex
    expect(safe).not.toMatch(/[\u001b\u202e\u0085]/);
    expect((JSON.parse(safe) as { name: string }).name).toBe(hostile);
  });

  it('the command line escapes names from a file in its text and JSON reports', async () => {
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            layer: 'grid',
            code: '510302001001001',
            name: hostile,
            parentCode: 'x',
            gridType: 'urban',
          },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [104, 29],
                [104.01, 29],
                [104.01, 29.01],
                [104, 29],
              ],
            ],
          },
        },
      ],
    });
    const host = { readText: () => ok(file) };
    for (const format of ['text', 'json']) {
      const result = await runCli(['validate', 'f.geojson', '--format', format], host);
      // eslint-disable-next-line no-control-regex
      expect(result.stdout).not.toMatch(/[\u001b\u202e\u0085\u0007]/);
      expect(result.exitCode).toBe(1);
    }
  });
});
