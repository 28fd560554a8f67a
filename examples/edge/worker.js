// An HTTP worker for edge runtimes: `POST /analyze` takes a Compose file or run
// commands as the request body and answers with shipshape's report as JSON. The
// same module runs in Cloudflare's workerd (workerd.capnp) and in Deno (`deno serve`).
//
//   curl --data-binary @compose.yaml -H 'content-type: text/yaml' 'http://127.0.0.1:8787/analyze?profile=baseline'
//
// Query parameters: `profile` (default, baseline, restricted, cis) and `input`
// (auto, compose, run). Errors are JSON too: `{ "error": "..." }` with status 400
// (bad parameters or text that is not UTF-8), 404, 405, 413 (over MAX_BYTES) or 415.
import { analyze, analyzeCompose, analyzeRun } from 'shipshape';

/** The largest body read; shipshape itself stops reading at 1 MiB too. */
const MAX_BYTES = 1024 * 1024;

const ANALYZERS = { auto: analyze, compose: analyzeCompose, run: analyzeRun };
const PARAMETERS = ['profile', 'input'];
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
  if (url.pathname !== '/analyze') throw new HttpError(404, `no such endpoint: ${url.pathname}; try POST /analyze`);
  if (request.method !== 'POST') {
    throw new HttpError(405, `${request.method} is not allowed; send the text with POST`, { allow: 'POST' });
  }
  const unknown = [...url.searchParams.keys()].find((key) => !PARAMETERS.includes(key));
  if (unknown !== undefined) throw new HttpError(400, `unknown parameter \`${unknown}\`; expected profile or input`);
  const input = url.searchParams.get('input') ?? 'auto';
  if (!Object.hasOwn(ANALYZERS, input))
    throw new HttpError(400, `unknown input \`${input}\`; expected auto, compose or run`);

  const text = await readText(request);
  const profile = url.searchParams.get('profile');
  try {
    const options = profile === null ? {} : { profile: /** @type {import('shipshape').Profile} */ (profile) };
    return ANALYZERS[/** @type {keyof typeof ANALYZERS} */ (input)](text, options);
  } catch (error) {
    // Only the options can be wrong; text that does not parse comes back as diagnostics.
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
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
