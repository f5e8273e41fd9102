import type { GridTarget, LocalText, Problem, Result, RuleSet } from '../model';
import { appendAll, errorDetail, fail, ok, text } from '../model';
import { COMMUNITY_CODE_PATTERN, compileCodeTemplate } from '../codes/code-template';

const TARGET_KEYS = [
  'minHouseholds',
  'maxHouseholds',
  'aboutPopulation',
  'populationTolerance',
  'maxPopulation',
] as const;
const RULE_SET_KEYS = [
  'id',
  'name',
  'source',
  'urban',
  'rural',
  'microgrid',
  'usesMicrogrids',
  'requiresLeader',
  'gridCodeTemplate',
  'microgridCodeTemplate',
  'allowOutsideParent',
] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(path: string, zh: string, en: string): Problem {
  const where = path === '' ? '' : `${path}：`;
  const whereEn = path === '' ? '' : `${path}: `;
  return { kind: 'bad-rule-set', message: text(`规则集${where}${zh}`, `Rule set ${whereEn}${en}`) };
}

function readLocalText(value: unknown, path: string, problems: Problem[]): LocalText | undefined {
  if (typeof value === 'string' && value.trim() !== '') return text(value, value);
  if (
    isObject(value) &&
    typeof value.zh === 'string' &&
    typeof value.en === 'string' &&
    value.zh.trim() !== ''
  ) {
    return text(value.zh, value.en);
  }
  problems.push(
    problem(
      path,
      '应为文字，或 {"zh": "中文", "en": "English"}',
      'must be a text, or {"zh": "中文", "en": "English"}',
    ),
  );
  return undefined;
}

function readTarget(value: unknown, path: string, problems: Problem[]): GridTarget | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) {
    problems.push(
      problem(
        path,
        '应为目标对象（如 {"minHouseholds": 300, "maxHouseholds": 500}）或 null（不设目标）',
        'must be a target object (e.g. {"minHouseholds": 300, "maxHouseholds": 500}) or null (no target)',
      ),
    );
    return null;
  }
  const target: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!(TARGET_KEYS as readonly string[]).includes(key)) {
      problems.push(
        problem(
          `${path}.${key}`,
          `无法识别；可用的项为 ${TARGET_KEYS.join('、')}`,
          `unknown; known members are ${TARGET_KEYS.join(', ')}`,
        ),
      );
      continue;
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
      problems.push(
        problem(
          `${path}.${key}`,
          `应为不小于 0 的数字，实际为 ${JSON.stringify(raw)}`,
          `must be a number not below 0, found ${JSON.stringify(raw)}`,
        ),
      );
      continue;
    }
    target[key] = raw;
  }
  const { minHouseholds, maxHouseholds, populationTolerance, aboutPopulation } = target;
  if (minHouseholds === undefined && maxHouseholds === undefined) {
    problems.push(
      problem(
        path,
        '至少要有 minHouseholds 或 maxHouseholds；不设目标请写 null',
        'needs minHouseholds or maxHouseholds; write null for no target',
      ),
    );
  }
  if (minHouseholds !== undefined && maxHouseholds !== undefined && minHouseholds > maxHouseholds) {
    problems.push(
      problem(
        path,
        `最少户数 ${minHouseholds} 大于最多户数 ${maxHouseholds}`,
        `minHouseholds ${minHouseholds} is above maxHouseholds ${maxHouseholds}`,
      ),
    );
  }
  if (populationTolerance !== undefined && populationTolerance > 1) {
    problems.push(
      problem(
        `${path}.populationTolerance`,
        '是比例，应在 0 到 1 之间（0.2 表示 ±20%）',
        'is a fraction between 0 and 1 (0.2 means ±20 %)',
      ),
    );
  }
  if (populationTolerance !== undefined && aboutPopulation === undefined) {
    problems.push(
      problem(
        `${path}.populationTolerance`,
        '只有同时给出 aboutPopulation 才有意义',
        'only makes sense with aboutPopulation',
      ),
    );
  }
  return target;
}

function readBoolean(value: unknown, path: string, fallback: boolean, problems: Problem[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(
    problem(
      path,
      `应为 true 或 false，实际为 ${JSON.stringify(value)}`,
      `must be true or false, found ${JSON.stringify(value)}`,
    ),
  );
  return fallback;
}

/**
 * Reads a custom rule set from JSON text, in the shape of the presets in resources/rule-sets, and says
 * clearly (in both languages, naming the member) everything that is wrong: bad JSON, unknown members
 * (a typo such as `minHousehold` would otherwise silently drop a target), targets that are not
 * non-negative numbers or whose minimum exceeds the maximum, code templates with unknown tokens.
 * `name` and `source` may be one string for both languages. `microgrid`, `usesMicrogrids`,
 * `requiresLeader` and `allowOutsideParent` are optional.
 */
export function parseRuleSet(source: string): Result<RuleSet> {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const detail = errorDetail(error);
    return fail({
      kind: 'bad-json',
      message: text(`规则集文件不是有效的 JSON：${detail}`, `The rule set file is not valid JSON: ${detail}`),
    });
  }
  if (!isObject(value)) {
    return fail(problem('', '应为一个 JSON 对象', 'must be a JSON object'));
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(value)) {
    if (!(RULE_SET_KEYS as readonly string[]).includes(key)) {
      problems.push(
        problem(
          key,
          `无法识别；可用的项为 ${RULE_SET_KEYS.join('、')}`,
          `unknown member; known members are ${RULE_SET_KEYS.join(', ')}`,
        ),
      );
    }
  }
  const id = value.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) {
    problems.push(
      problem(
        'id',
        '应为由字母、数字、-、_ 组成的标识（如 "my-county"）',
        'must be an identifier of letters, digits, - and _ (e.g. "my-county")',
      ),
    );
  }
  const name = readLocalText(value.name, 'name', problems);
  const articleSource = readLocalText(value.source, 'source', problems);
  for (const key of ['urban', 'rural'] as const) {
    if (!(key in value)) {
      problems.push(problem(key, '缺少；不设目标请写 null', 'is missing; write null for no target'));
    }
  }
  const urban = readTarget(value.urban, 'urban', problems);
  const rural = readTarget(value.rural, 'rural', problems);
  const microgrid = readTarget(value.microgrid, 'microgrid', problems);
  const usesMicrogrids = readBoolean(value.usesMicrogrids, 'usesMicrogrids', microgrid !== null, problems);
  const requiresLeader = readBoolean(value.requiresLeader, 'requiresLeader', false, problems);
  const allowOutsideParent = readBoolean(value.allowOutsideParent, 'allowOutsideParent', false, problems);

  const templates: { gridCodeTemplate?: string; microgridCodeTemplate?: string } = {};
  let gridBody = COMMUNITY_CODE_PATTERN;
  for (const key of ['gridCodeTemplate', 'microgridCodeTemplate'] as const) {
    const template = value[key];
    if (template === undefined) continue;
    if (typeof template !== 'string') {
      problems.push(
        problem(key, '应为文字，如 "{community}{seq3}"', 'must be a text such as "{community}{seq3}"'),
      );
      continue;
    }
    const compiled = compileCodeTemplate(
      template,
      key === 'gridCodeTemplate' ? COMMUNITY_CODE_PATTERN : gridBody,
    );
    if (!compiled.ok) {
      appendAll(
        problems,
        compiled.problems.map((p) => problem(key, p.message.zh, p.message.en)),
      );
      continue;
    }
    if (key === 'gridCodeTemplate') gridBody = compiled.value.body;
    templates[key] = template;
  }

  if (problems.length > 0 || !name || !articleSource) return fail(...problems);
  return ok({
    id: id as string,
    name,
    source: articleSource,
    urban,
    rural,
    microgrid,
    usesMicrogrids,
    requiresLeader,
    ...templates,
    ...(allowOutsideParent ? { allowOutsideParent } : {}),
  });
}
