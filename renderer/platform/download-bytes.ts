/**
 * Saves bytes as a download (shapefile zips, XLSX, CSV). The project-files bridge carries text only; a
 * download works in the browser and in Electron, which asks where to save it.
 */
export function downloadBytes(fileName: string, bytes: Uint8Array, mimeType: string): void {
  // A copy into a plain ArrayBuffer: Blob takes no view of a possibly shared buffer.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const url = URL.createObjectURL(new Blob([copy.buffer], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
