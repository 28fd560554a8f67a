// What the page remembers: the files (a project's, or one text), the input mode,
// the profile, the ignored rules and the environment. Kept in localStorage between visits and packed into
// the URL fragment for share links (deflate + base64url). The fragment never
// reaches a server: browsers do not send it, and this page has no server anyway.

const MODES = ['auto', 'compose', 'run'];
const PROFILES = ['default', 'baseline', 'restricted', 'cis'];

/** Largest text kept in localStorage (characters). */
const MAX_STORED_TEXT = 500_000;
/** Longest share link fragment we produce or accept (characters). */
const MAX_SHARE_FRAGMENT = 64_000;
/** Largest decompressed share payload accepted (bytes), against deflate bombs. */
const MAX_SHARE_PAYLOAD = 2_000_000;
const MAX_IGNORED = 200;
/** Most files a project opened in the page holds. */
export const MAX_FILES = 32;
const MAX_FILE_NAME = 200;
const MAX_ENV = 20_000;

const STORAGE_KEY = 'shipshape.state';
const FRAGMENT_PREFIX = '#share=v1.';

/**
 * @typedef {object} PageState
 * @property {string} text the text of the file shown (files[active].text)
 * @property {Array<{ name: string|null, text: string }>} files the open files: one text, or a
 *   project's files (then each has a name)
 * @property {number} active the index of the file shown
 * @property {'auto'|'compose'|'run'} mode
 * @property {'default'|'baseline'|'restricted'|'cis'} profile
 * @property {string[]} ignore rule codes
 * @property {string} env KEY=VALUE lines
 */

/** @returns {PageState} */
export function emptyState() {
  return {
    text: '',
    files: [{ name: null, text: '' }],
    active: 0,
    mode: 'auto',
    profile: 'default',
    ignore: [],
    env: '',
  };
}

/** Keeps only well-formed fields of untrusted input (storage, a share link). */
function sanitize(value) {
  const state = emptyState();
  if (!value || typeof value !== 'object') return state;
  if (typeof value.text === 'string') state.text = value.text.slice(0, MAX_STORED_TEXT);
  state.files = [{ name: null, text: state.text }];
  const files = Array.isArray(value.files) ? value.files.slice(0, MAX_FILES) : [];
  const named = files.filter(
    (file) =>
      typeof file?.name === 'string' &&
      file.name !== '' &&
      file.name.length <= MAX_FILE_NAME &&
      typeof file.text === 'string',
  );
  const names = new Set(named.map((file) => file.name));
  if (named.length > 1 && names.size === named.length) {
    let room = MAX_STORED_TEXT;
    state.files = named.map(({ name, text }) => {
      const kept = text.slice(0, room);
      room -= kept.length;
      return { name, text: kept };
    });
    state.active = Number.isInteger(value.active) ? Math.min(Math.max(value.active, 0), state.files.length - 1) : 0;
    state.text = state.files[state.active].text;
  } else if (named.length === 1) {
    state.files = [{ name: named[0].name, text: state.text }];
  }
  if (MODES.includes(value.mode)) state.mode = value.mode;
  if (PROFILES.includes(value.profile)) state.profile = value.profile;
  if (Array.isArray(value.ignore)) {
    state.ignore = [...new Set(value.ignore.filter((code) => typeof code === 'string' && code.length <= 64))].slice(
      0,
      MAX_IGNORED,
    );
  }
  if (typeof value.env === 'string') state.env = value.env.slice(0, MAX_ENV);
  return state;
}

/** The state saved by the last visit, or null. */
export function loadStoredState() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === null ? null : sanitize(JSON.parse(saved));
  } catch {
    return null;
  }
}

/** Saves the state; returns false when the text is too large to keep. */
export function storeState(state) {
  if (state.files.reduce((length, file) => length + file.text.length, 0) > MAX_STORED_TEXT) return false;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

/** Whether the page was opened from a share link. */
export function hasShareFragment(hash) {
  return hash.startsWith(FRAGMENT_PREFIX);
}

/** The share link for a state, or null when it would be too long. */
export async function shareLink(state, pageUrl) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Infinity);
  const fragment = FRAGMENT_PREFIX + toBase64Url(packed);
  if (fragment.length > MAX_SHARE_FRAGMENT) return null;
  const url = new URL(pageUrl);
  url.hash = fragment;
  return url.href;
}

/** Reads the state from a share link's fragment; throws when it is damaged. */
export async function readShareFragment(hash) {
  if (hash.length > MAX_SHARE_FRAGMENT) throw new Error('The share link is too long.');
  const packed = fromBase64Url(hash.slice(FRAGMENT_PREFIX.length));
  const json = await pipe(packed, new DecompressionStream('deflate-raw'), MAX_SHARE_PAYLOAD);
  return sanitize(JSON.parse(new TextDecoder().decode(json)));
}

/** Runs bytes through a (de)compression stream, refusing output beyond `limit` bytes. */
async function pipe(bytes, transform, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(transform).getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error('The share link holds more than this page accepts.');
    }
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Parses KEY=VALUE lines (blank lines and # comments skipped) into an environment.
 * @returns {{ env: Record<string, string>, errors: string[] }}
 */
export function parseEnv(text) {
  const env = {};
  const errors = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (match) env[match[1]] = match[2];
    else errors.push(`Line ${index + 1} is not KEY=VALUE.`);
  });
  return { env, errors };
}
