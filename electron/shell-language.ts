import type { Language, LocalText } from '../shared/model';

// The language of the shell's own words (menu, dialogs). Chinese until the renderer says otherwise:
// GridPlan is made for Chinese township planners, whatever language their operating system speaks.
let shellLanguage: Language = 'zh';

/** The language the menu and dialogs currently speak. */
export function getShellLanguage(): Language {
  return shellLanguage;
}

/** Switches the language of the menu and dialogs (the caller rebuilds the menu). */
export function setShellLanguage(language: Language): void {
  shellLanguage = language;
}

/** The text in the shell's current language. */
export function localize(message: LocalText, language: Language = shellLanguage): string {
  return message[language];
}
