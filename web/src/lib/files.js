// Opening files: the file picker and drag-and-drop anywhere on the page.

/** Largest file the page opens (bytes): Compose files and scripts are far smaller. */
const MAX_FILE_SIZE = 1_000_000;

/**
 * Reads a file as text; rejects files too large to be a Compose file or a script.
 * @param {File} file
 */
export async function readTextFile(file) {
  if (file.size > MAX_FILE_SIZE) {
    throw new Error(`${file.name} is larger than ${MAX_FILE_SIZE / 1_000_000} MB.`);
  }
  return file.text();
}

/**
 * Opens dropped files instead of letting CodeMirror insert them; `overlay` shows
 * while files are dragged over the page.
 * @param {HTMLElement} overlay
 * @param {(files: File[]) => void} onFiles
 */
export function acceptFileDrops(overlay, onFiles) {
  let depth = 0;
  const carriesFiles = (event) => event.dataTransfer?.types.includes('Files');
  window.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    depth += 1;
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    overlay.hidden = depth > 0;
  });
  window.addEventListener('dragover', (event) => {
    if (carriesFiles(event)) event.preventDefault();
  });
  // Capture: runs before the editor's own drop handling.
  window.addEventListener(
    'drop',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      depth = 0;
      overlay.hidden = true;
      const files = [...event.dataTransfer.files];
      if (files.length > 0) onFiles(files);
    },
    { capture: true },
  );
}
