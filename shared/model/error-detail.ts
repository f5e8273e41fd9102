/**
 * What a caught value says, for a message: an Error's message, anything else as a string (a thrown string,
 * a rejected promise's reason). Messages wrap it in words of both languages.
 */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
