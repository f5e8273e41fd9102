// `npm test`: everything CI and a developer run. Type-check, lint, formatting, unit and property tests,
// then end-to-end tests in Debian's Chromium. Prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const steps = [
  { name: 'typecheck (tsc -b)', cmd: ['npx', 'tsc', '-b'] },
  { name: 'lint (eslint)', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'format (prettier --check)', cmd: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  {
    name: 'unit and property tests (vitest)',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    report: 'test-results/unit.json',
  },
  { name: 'chromium present', cmd: ['node', 'scripts/ensure-chromium.mjs'] },
  {
    name: 'end-to-end tests (Chromium)',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
    report: 'test-results/e2e.json',
  },
];

let passed = 0;
let failed = 0;
const failedSteps = [];
/** Each failed test, named with its first message line: the CI keeps only the tail of the output. */
const failedTests = [];

function failuresIn(report) {
  const found = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const why = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
      found.push(`${file.name.replace(process.cwd() + '/', '')} › ${test.fullName}\n    ${why}`);
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      found.push(`${file.name.replace(process.cwd() + '/', '')}\n    ${(file.message ?? '').split('\n')[0]}`);
    }
  }
  return found;
}

for (const step of steps) {
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let counted = false;
  if (step.report) {
    try {
      const report = JSON.parse(readFileSync(step.report, 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      failedTests.push(...failuresIn(report));
      counted = true;
    } catch {
      // No report: the runner failed before testing anything; counted as one failed step below.
    }
  }
  if (result.status !== 0) {
    failedSteps.push(step.name);
    if (!counted) failed += 1;
    console.log(`✗ ${step.name} failed (${seconds} s)`);
  } else {
    if (!step.report) passed += 1;
    console.log(`✓ ${step.name} (${seconds} s)`);
  }
}
if (failedTests.length > 0) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ✗ ${t}`).join('\n')}`);
if (failedSteps.length > 0) console.log(`\nFailed: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
