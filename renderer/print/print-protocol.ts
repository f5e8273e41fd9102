import type { Division, Language, LocalText, RuleSet } from '../../shared/model';

/** Absolute URLs of the font files the worker fetches (Vite assets, served by the app). */
export interface FontUrls {
  readonly regular: string;
  readonly bold: string;
}

/** What the PDF worker is asked to make. */
export type PrintRequest =
  | {
      readonly type: 'notice';
      readonly division: Division;
      /** Community codes; empty for the whole township. */
      readonly communities: readonly string[];
      readonly lang: Language;
      /** ISO date of the notice. */
      readonly date: string;
      readonly fonts: FontUrls;
    }
  | {
      readonly type: 'report';
      readonly division: Division;
      readonly ruleSet: RuleSet;
      readonly lang: Language;
      readonly date: string;
      readonly fonts: FontUrls;
    };

/** The worker's answer: the PDF, or why it could not be made. */
export type PrintReply =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: LocalText };
