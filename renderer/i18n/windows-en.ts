/** English strings about several windows on one project (namespace `windows`, merged in i18n.ts). */
export const windowsEn = {
  readOnly:
    'Read-only: this project is being edited in another window, and this one follows its edits. When that window closes or opens another project, this one becomes editable by itself.',
  upgraded:
    'GridPlan upgraded the local project database in another window. Reload this window so that it cannot overwrite newer data.',
  blocked:
    'The local project database needs an upgrade, but another GridPlan window still uses the old version. Close the other GridPlan windows and this one will continue.',
  reload: 'Reload',
};
