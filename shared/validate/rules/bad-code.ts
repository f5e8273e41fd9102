import type { AreaEntity, Layer, LocalText, Township } from '../../model';
import { kindOfCode, text } from '../../model';
import { checkCode, describeTemplate } from '../../codes/code-template';
import type { CodeTemplate } from '../../codes/code-template';
import type { ValidationIssue } from '../validation-issue';
import type { IssueBase } from './entity-label';
import { blank, capitalise, LAYER_NAMES, withParent } from './entity-label';
import type { Rule } from './rule';

/** 编码不合规: a code that breaks the code template or its parent's prefix (a kind mismatch only warns). */
export const BAD_CODE: Rule = {
  name: 'bad-code',
  label: text('编码不合规', 'bad code'),
  severity: 'error',
};

const TOWNSHIP_CODE = /^\d{9}000$/;
const COMMUNITY_CODE = /^\d{12}$/;

export function badCodeFormatMessage(label: LocalText, expected: LocalText): LocalText {
  return text(
    `${label.zh}的编码不符合编码规则（应为${expected.zh}）`,
    `${capitalise(label.en)}: code does not follow the code template (expected ${expected.en})`,
  );
}

export function badCodePrefixMessage(label: LocalText, parentLayer: Layer, parentCode: string): LocalText {
  const parent = LAYER_NAMES[parentLayer];
  return text(
    `${label.zh}的编码前缀与所属${parent.zh}编码 ${parentCode} 不一致`,
    `${capitalise(label.en)}: code does not start with the code of its ${parent.en}, ${parentCode}`,
  );
}

export function communityKindCodeMessage(label: LocalText, kind: 'urban' | 'rural'): LocalText {
  return kind === 'urban'
    ? text(
        `${label.zh}是社区，但编码第 10–12 位不在 001–199（居委会）范围内`,
        `${capitalise(label.en)} is an urban community but code digits 10–12 are not in 001–199 (residents' committee)`,
      )
    : text(
        `${label.zh}是行政村，但编码第 10–12 位不在 200–399（村委会）范围内`,
        `${capitalise(label.en)} is a village but code digits 10–12 are not in 200–399 (villagers' committee)`,
      );
}

/** What code checks need to know beyond the entity. */
export interface CodeContext {
  readonly gridTemplate: CodeTemplate | undefined;
  readonly microgridTemplate: CodeTemplate | undefined;
  /** The townships of the division (usually one). */
  townships(): readonly Township[];
}

/** The bad-code issues of an entity with a code: format, parent prefix, and a community's kind digits. */
export function badCodeIssues(
  entity: AreaEntity,
  label: LocalText,
  base: IssueBase,
  context: CodeContext,
): ValidationIssue[] {
  const { layer, id, code } = entity;
  if (blank(code)) return [];
  const issues: ValidationIssue[] = [];
  const parentCode = entity.layer === 'grid' || entity.layer === 'microgrid' ? entity.parentCode : undefined;
  const bad = (
    which: string,
    message: LocalText,
    severity: 'error' | 'warning' = BAD_CODE.severity,
  ): void => {
    issues.push({
      ...base,
      key: `bad-code:${layer}:${id}:${which}`,
      rule: BAD_CODE.name,
      severity,
      message,
      ...withParent(parentCode),
    });
  };
  switch (entity.layer) {
    case 'township':
      if (!TOWNSHIP_CODE.test(code))
        bad('format', badCodeFormatMessage(label, text('12 位数字，以 000 结尾', '12 digits ending in 000')));
      break;
    case 'community': {
      if (!COMMUNITY_CODE.test(code)) {
        bad(
          'format',
          badCodeFormatMessage(label, text('12 位统计用区划代码', 'the 12-digit statistics code')),
        );
        break;
      }
      // Digits 1–9 are the township's code: with one township, a community must carry its prefix.
      const townships = context.townships();
      const sole = townships.length === 1 ? townships[0]! : undefined;
      if (sole && TOWNSHIP_CODE.test(sole.code) && sole.code.slice(0, 9) !== code.slice(0, 9)) {
        bad('parent', badCodePrefixMessage(label, 'township', sole.code));
      }
      // Digits 10–12 say the kind (kindOfCode): a kind the code does not say is a warning.
      if (entity.kind && kindOfCode(code) !== entity.kind)
        bad('kind', communityKindCodeMessage(label, entity.kind), 'warning');
      break;
    }
    case 'grid':
    case 'microgrid': {
      const template = entity.layer === 'grid' ? context.gridTemplate : context.microgridTemplate;
      if (!template) break;
      const check = checkCode(template, code, entity.parentCode);
      const parentLayer = entity.layer === 'grid' ? 'community' : 'grid';
      if (check === 'format') bad('format', badCodeFormatMessage(label, describeTemplate(template.source)));
      else if (check === 'parent') bad('parent', badCodePrefixMessage(label, parentLayer, entity.parentCode));
      break;
    }
  }
  return issues;
}
