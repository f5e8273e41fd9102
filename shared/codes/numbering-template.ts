import type { Result } from '../model';
import { fail, ok, text } from '../model';
import { compileCodeTemplate } from './code-template';

/** One piece of a code template: literal text, the parent's code, or the sequence number. */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'parent' }
  | { readonly kind: 'sequence'; readonly digits: number };

/** A code template ready for giving out codes: exactly one `{seqN}`, at most one parent token. */
export interface NumberingTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Digits of the sequence: the largest sequence is 10^digits − 1. */
  readonly digits: number;
}

const TOKEN = /\{([^{}]*)\}/g;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a code template (`{community}{seq3}`, `{grid}{seq3}`, …; syntax as in {@link compileCodeTemplate})
 * for numbering. Refuses what `compileCodeTemplate` refuses, and a template without exactly one sequence
 * token: without one there is nothing to count, with two the order of codes would be ambiguous.
 */
export function parseNumberingTemplate(source: string): Result<NumberingTemplate> {
  const compiled = compileCodeTemplate(source, '\\d+');
  if (!compiled.ok) return compiled;
  const parts: TemplatePart[] = [];
  let last = 0;
  let digits = 0;
  let sequences = 0;
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > last) parts.push({ kind: 'literal', text: source.slice(last, match.index) });
    last = match.index + match[0].length;
    const seq = /^seq([1-9])$/.exec(match[1]!);
    if (seq) {
      digits = Number(seq[1]);
      sequences++;
      parts.push({ kind: 'sequence', digits });
    } else parts.push({ kind: 'parent' });
  }
  if (last < source.length) parts.push({ kind: 'literal', text: source.slice(last) });
  if (sequences !== 1) {
    return fail({
      kind: 'bad-template',
      message: text(
        `编码模板“${source}”要有且只有一个序号（如 {seq3}）才能自动编号`,
        `code template "${source}" needs exactly one sequence token (such as {seq3}) to number codes`,
      ),
    });
  }
  return ok({ source, parts, digits });
}

/** The code with the given parent code and sequence number (zero-padded to the template's digits). */
export function formatCode(template: NumberingTemplate, parentCode: string, sequence: number): string {
  return template.parts
    .map((part) =>
      part.kind === 'literal'
        ? part.text
        : part.kind === 'parent'
          ? parentCode
          : String(sequence).padStart(part.digits, '0'),
    )
    .join('');
}

/** The sequence number of `code` when it follows the template with this parent code, else undefined. */
export function sequenceOfCode(
  template: NumberingTemplate,
  code: string,
  parentCode: string,
): number | undefined {
  const pattern = template.parts
    .map((part) =>
      part.kind === 'literal'
        ? escapeRegExp(part.text)
        : part.kind === 'parent'
          ? escapeRegExp(parentCode)
          : `(\\d{${part.digits}})`,
    )
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(code);
  return match ? Number(match[1]) : undefined;
}

/** Whether the template contains the parent's code (else codes are numbered across parents). */
export function hasParentToken(template: NumberingTemplate): boolean {
  return template.parts.some((part) => part.kind === 'parent');
}
