// The share dialog: a link that carries the page's state in its fragment.

import { byId } from '../lib/dom.js';
import { shareLink } from '../lib/state.js';

/**
 * @param {() => import('../lib/state.js').PageState} currentState
 * @param {(message: string) => void} announce
 */
export function initShareDialog(currentState, announce) {
  const dialog = byId('share-dialog');
  const message = byId('share-message');
  const link = byId('share-link');
  const copy = byId('copy-link');

  byId('share').addEventListener('click', async () => {
    let url = null;
    try {
      url = await shareLink(currentState(), location.href);
      message.textContent =
        url === null
          ? 'This text is too large for a share link. Save it as a file and share the file instead.'
          : 'This link holds your text, input mode, profile, ignored rules and environment, compressed after the #. Browsers never send that part to a server.';
    } catch (error) {
      message.textContent = `No link could be made: ${error.message}`;
    }
    link.value = url ?? '';
    link.hidden = url === null;
    copy.hidden = url === null;
    dialog.showModal();
    link.select();
  });
  copy.addEventListener('click', async () => {
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      copy.textContent = 'Copied';
      announce('Link copied.');
    } catch {
      announce('Copying was refused; the link is selected, copy it with Ctrl+C.');
    }
  });
  dialog.addEventListener('close', () => {
    copy.textContent = 'Copy';
  });
  byId('close-share').addEventListener('click', () => dialog.close());
}
