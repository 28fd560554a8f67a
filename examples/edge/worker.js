// An HTTP worker for edge runtimes: `POST /analyze` takes a Compose file or run
// commands as the request body and answers with shipshape's report as JSON;
// `POST /harden` answers with the hardened text, the changes made and the findings
// left. The same module runs in Cloudflare's workerd (workerd.capnp) and in Deno
// (`deno serve`).
//
//   curl --data-binary @compose.yaml -H 'content-type: text/yaml' 'http://127.0.0.1:8787/analyze?profile=baseline'
//   curl --data-binary @compose.yaml -H 'content-type: text/yaml' 'http://127.0.0.1:8787/harden?unsafe=true'
//
// Query parameters: `profile` (default, baseline, restricted, cis) and `input`
// (auto, compose, run); `/harden` also takes `unsafe` (true or false, default false:
// only fixes that keep the container's behaviour). Errors are JSON too:
// `{ "error": "..." }` with status 400 (bad parameters or text that is not UTF-8),
// 404, 405, 413 (over MAX_BYTES) or 415.
import { analyze, analyzeCompose, analyzeRun, harden } from 'shipshape';

/** The largest body read; shipshape itself stops reading at 1 MiB too. */
const MAX_BYTES = 1024 * 1024;

const ANALYZERS = { auto: analyze, compose: analyzeCompose, run: analyzeRun };
const INPUTS = Object.keys(ANALYZERS);
/** Each endpoint with the query parameters it takes and what it answers. */
const ENDPOINTS = {
  '/analyze': {
    parameters: ['profile', 'input'],
    /** @param {string} text @param {URLSearchParams} query */
    answer: (text, query) => ANALYZERS[input(query)](text, profileOption(query)),
  },
  '/harden': {
    parameters: ['profile', 'input', 'unsafe'],
    /** @param {string} text @param {URLSearchParams} query */
    answer: (text, query) => {
      const mode = input(query);
      return harden(text, {
        ...profileOption(query),
        ...(mode === 'auto' ? {} : { input: mode }),
        unsafe: flag(query, 'unsafe'),
      });
    },
  },
};
/** Media types of Compose files and shell scripts; a body without one is taken as text. */
const TEXT_TYPES = /^(text\/[\w.+-]+|application\/(x-)?yaml|application\/x-sh)$/;

/** A failed request, answered with its status and a JSON body. */
class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, string>} [headers]
   */
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export default {
  /** @param {Request} request */
  async fetch(request) {
    try {
      return Response.json(await route(request));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return Response.json({ error: error.message }, { status: error.status, headers: error.headers });
    }
  },
};

/** @param {Request} request */
async function route(request) {
  const url = new URL(request.url);
  const endpoint = Object.hasOwn(ENDPOINTS, url.pathname)
    ? ENDPOINTS[/** @type {keyof typeof ENDPOINTS} */ (url.pathname)]
    : undefined;
  if (endpoint === undefined) {
    throw new HttpError(404, `no such endpoint: ${url.pathname}; try POST /analyze or POST /harden`);
  }
  if (request.method !== 'POST') {
    throw new HttpError(405, `${request.method} is not allowed; send the text with POST`, { allow: 'POST' });
  }
  const unknown = [...url.searchParams.keys()].find((key) => !endpoint.parameters.includes(key));
  if (unknown !== undefined) {
    throw new HttpError(400, `unknown parameter \`${unknown}\`; expected ${either(endpoint.parameters)}`);
  }
  input(url.searchParams);
  flag(url.searchParams, 'unsafe');

  const text = await readText(request);
  try {
    return endpoint.answer(text, url.searchParams);
  } catch (error) {
    // Only the options can be wrong; text that does not parse comes back as diagnostics.
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
}

/**
 * The `input` parameter, checked.
 * @param {URLSearchParams} query
 * @returns {keyof typeof ANALYZERS}
 */
function input(query) {
  const value = query.get('input') ?? 'auto';
  if (!INPUTS.includes(value)) throw new HttpError(400, `unknown input \`${value}\`; expected ${either(INPUTS)}`);
  return /** @type {keyof typeof ANALYZERS} */ (value);
}

/**
 * "a, b or c".
 * @param {string[]} words
 */
function either(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/**
 * A boolean parameter: absent is false.
 * @param {URLSearchParams} query
 * @param {string} name
 */
function flag(query, name) {
  const value = query.get(name) ?? 'false';
  if (value !== 'true' && value !== 'false') {
    throw new HttpError(400, `\`${name}\` is \`${value}\`; expected true or false`);
  }
  return value === 'true';
}

/**
 * The profile option, when the query names one (shipshape checks the name).
 * @param {URLSearchParams} query
 */
function profileOption(query) {
  const profile = query.get('profile');
  return profile === null ? {} : { profile: /** @type {import('shipshape').Profile} */ (profile) };
}

/**
 * The body as UTF-8 text, refusing other media types and bodies over MAX_BYTES
 * (by the declared length first, then by what arrives).
 * @param {Request} request
 */
async function readText(request) {
  const [type = '', ...parameters] = (request.headers.get('content-type') ?? '').split(';').map((part) => part.trim());
  if (type !== '' && !TEXT_TYPES.test(type.toLowerCase())) {
    throw new HttpError(415, `cannot read ${type}; send the text as text/plain or text/yaml`);
  }
  const charset = parameters.find((parameter) => parameter.toLowerCase().startsWith('charset='));
  if (charset !== undefined && !/^charset="?utf-8"?$/i.test(charset)) {
    throw new HttpError(415, `cannot read ${charset}; send UTF-8`);
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BYTES) throw tooLarge();

  const chunks = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body) {
      size += chunk.byteLength;
      if (size > MAX_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'the body is not valid UTF-8');
  }
}

function tooLarge() {
  return new HttpError(413, `the body is larger than ${MAX_BYTES} bytes`);
}
