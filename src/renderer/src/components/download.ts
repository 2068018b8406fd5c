/**
 * Saves text the main process produced (an export) as a file on the staff member's machine:
 * a Blob behind an `<a download>` link, clicked once. The window never navigates away, in
 * Electron (navigation is denied there) or in a browser.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has handed the Blob to the download; the URL is not needed any more.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
}
