// Makes sure Debian's Chromium (and CJK fonts for Chinese labels) are installed for the end-to-end
// tests. Installs them with apt-get when they are missing and we may: as root, or with password-less sudo.
// Never downloads a browser of its own (`npx playwright install` cannot work on these machines).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.GRIDPLAN_CHROMIUM ?? '/usr/bin/chromium';
const fontsPresent = () => spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim().length > 0;

if (existsSync(chromium) && fontsPresent()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudoOk = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
if (!isRoot && !sudoOk) {
  console.error(
    `找不到 Chromium（${chromium}）或中文字体，且没有权限安装。请运行：sudo apt-get install chromium fonts-noto-cjk\n` +
      `Chromium (${chromium}) or CJK fonts are missing and cannot be installed without root. Run: sudo apt-get install chromium fonts-noto-cjk`,
  );
  process.exit(1);
}
const run = (args) =>
  execFileSync(isRoot ? args[0] : 'sudo', isRoot ? args.slice(1) : args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
console.log('Installing Chromium and CJK fonts with apt-get… / 正在用 apt-get 安装 Chromium 和中文字体…');
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']);
