import type { Problem, Result } from '../model';
import { fail, ok, text } from '../model';

/** Default grid code: the 12-digit village/community code and a 3-digit sequence (Beijing DB11 layout). */
export const DEFAULT_GRID_CODE_TEMPLATE = '{community}{seq3}';
/** Default micro-grid code: the grid code and a 3-digit sequence. */
export const DEFAULT_MICROGRID_CODE_TEMPLATE = '{grid}{seq3}';

/** The pattern a 12-digit village/community code follows. */
export const COMMUNITY_CODE_PATTERN = '\\d{12}';

/**
 * A compiled code template. Tokens: `{community}` / `{grid}` / `{parent}` (the parent's code),
 * `{seqN}` (N digits, 1–9); other characters are literal. Example: `{community}{seq3}`.
 */
export interface CodeTemplate {
  readonly source: string;
  /** The whole code, anchored; group 1 is the parent code when the template contains it. */
  readonly pattern: RegExp;
  /** The template's pattern without anchors or groups, to nest it (a micro-grid's `{grid}`). */
  readonly body: string;
  readonly hasParent: boolean;
}

/** How a code fares against a template. */
export type CodeCheck = 'ok' | 'format' | 'parent';

const TOKEN = /\{([^{}]*)\}/g;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a code template. `parentBody` is the pattern the parent token stands for (12 digits for a
 * grid's community; the grid template's body for a micro-grid).
 */
export function compileCodeTemplate(template: string, parentBody: string): Result<CodeTemplate> {
  const problems: Problem[] = [];
  let body = '';
  let grouped = '';
  let hasParent = false;
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const literal = template.slice(last, match.index);
    body += escapeRegExp(literal);
    grouped += escapeRegExp(literal);
    last = match.index + match[0].length;
    const token = match[1]!;
    const seq = /^seq([1-9])$/.exec(token);
    if (token === 'community' || token === 'grid' || token === 'parent') {
      if (hasParent) {
        problems.push({
          kind: 'bad-template',
          message: text(
            `编码模板“${template}”多次使用上级编码`,
            `code template "${template}" uses the parent code twice`,
          ),
        });
      }
      hasParent = true;
      body += `(?:${parentBody})`;
      grouped += `(${parentBody})`;
    } else if (seq) {
      body += `\\d{${seq[1]}}`;
      grouped += `\\d{${seq[1]}}`;
    } else {
      problems.push({
        kind: 'bad-template',
        message: text(
          `编码模板“${template}”中的 {${token}} 无法识别：可用 {community}、{grid}、{parent}、{seq3} 等`,
          `code template "${template}": unknown token {${token}}; use {community}, {grid}, {parent}, {seq3} and the like`,
        ),
      });
    }
  }
  const tail = template.slice(last);
  if (/[{}]/.test(tail)) {
    problems.push({
      kind: 'bad-template',
      message: text(
        `编码模板“${template}”的花括号不成对`,
        `code template "${template}" has an unmatched brace`,
      ),
    });
  }
  body += escapeRegExp(tail);
  grouped += escapeRegExp(tail);
  if (template.length === 0) {
    problems.push({ kind: 'bad-template', message: text('编码模板为空', 'the code template is empty') });
  }
  if (problems.length > 0) return fail(...problems);
  return ok({ source: template, pattern: new RegExp(`^${grouped}$`), body, hasParent });
}

/** Checks a code against a template and its parent's code. */
export function checkCode(template: CodeTemplate, code: string, parentCode: string): CodeCheck {
  const match = template.pattern.exec(code);
  if (!match) return 'format';
  if (template.hasParent && parentCode !== '' && match[1] !== parentCode) return 'parent';
  return 'ok';
}

/** A human-readable description of what a template expects, e.g. "社区编码（12位）+3位序号". */
export function describeTemplate(template: string): { zh: string; en: string } {
  const zh = template
    .replace(/\{community\}/g, '社区/行政村编码（12位）')
    .replace(/\{grid\}/g, '网格编码')
    .replace(/\{parent\}/g, '上级编码')
    .replace(/\{seq([1-9])\}/g, '+$1位序号');
  const en = template
    .replace(/\{community\}/g, 'community code (12 digits)')
    .replace(/\{grid\}/g, 'grid code')
    .replace(/\{parent\}/g, 'parent code')
    .replace(/\{seq([1-9])\}/g, ' + $1-digit sequence');
  return { zh, en };
}
