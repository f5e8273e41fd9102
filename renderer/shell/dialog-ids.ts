/** Ids of the dialogs in app-dialogs.tsx that other parts open (`shell.openDialog(id)`). */
export const IMPORT_DATA_DIALOG = 'import-data';
export const EXPORT_DATA_DIALOG = 'export-data';
export const BASEMAP_DIALOG = 'basemap';
export const PRINT_DIALOG = 'print';
