/** A message a person reads, in both UI languages. Chinese is the default. */
export interface LocalText {
  readonly zh: string;
  readonly en: string;
}

/** The UI languages GridPlan speaks. */
export type Language = 'zh' | 'en';

/** Builds a {@link LocalText}. */
export function text(zh: string, en: string): LocalText {
  return { zh, en };
}

/** An error as a value: what kind it is and what a planner should read. Never a stack trace. */
export interface Problem {
  readonly kind: string;
  readonly message: LocalText;
}

/** The result of an operation that can fail in a way the user must be told about. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(...problems: Problem[]): Result<T> {
  return { ok: false, problems };
}
