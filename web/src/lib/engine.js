// Runs shipshape in a Web Worker, so typing never waits for an analysis and a
// trap in the WebAssembly module cannot take the page down. After a trap the
// module's memory is in an unknown state, so the worker is terminated and a fresh
// one is started from the same compiled module (cheap: no download, no compile).

const ANALYSIS_TIMEOUT_MS = 10_000;
/** Message id of the start-up handshake; analyses count from 1. */
const INIT_ID = 0;

class AnalysisError extends Error {
  /**
   * @param {string} message
   * @param {boolean} restarted whether the worker had to be restarted
   */
  constructor(message, restarted) {
    super(message);
    this.name = 'AnalysisError';
    this.restarted = restarted;
  }
}

export class AnalysisEngine {
  #workerUrl;
  #module;
  #worker = null;
  /** Whether the current worker has started; only a started worker is restarted. */
  #started = false;
  #pending = new Map();
  #nextId = INIT_ID + 1;

  /**
   * @param {string | URL} workerUrl the worker script
   * @param {WebAssembly.Module} module the compiled shipshape module
   */
  constructor(workerUrl, module) {
    this.#workerUrl = workerUrl;
    this.#module = module;
  }

  /** Starts a worker; resolves with `{ version, rules, defaultConfig }` from the module. */
  async start() {
    this.#started = false;
    this.#worker = new Worker(this.#workerUrl, { name: 'shipshape analysis' });
    this.#worker.addEventListener('message', (event) => this.#settle(event.data));
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(`The analysis worker failed: ${event.message || 'unknown error'}.`);
    });
    const about = await this.#request(INIT_ID, { type: 'init', module: this.#module });
    this.#started = true;
    return about;
  }

  /**
   * Analyses a text. Rejects with an AnalysisError when the module refuses the
   * request or traps (then the worker has already been restarted).
   * @param {{ mode: 'auto'|'compose'|'run', text: string, options: object }} request
   */
  analyze(request) {
    return this.#request(this.#nextId++, { type: 'analyze', ...request });
  }

  /**
   * Analyses the files of a Compose project as one application: the module's
   * `analyzeProject`, with the same failures as `analyze`.
   * @param {{ files: Array<{ name: string, text: string }>, env: object, options: object }} project
   */
  analyzeProject(project) {
    return this.#request(this.#nextId++, { type: 'analyzeProject', project });
  }

  /**
   * Hardens a text: the module's `harden`, with the same failures as `analyze`.
   * @param {{ text: string, options: object }} request
   */
  harden(request) {
    return this.#request(this.#nextId++, { type: 'harden', ...request });
  }

  /**
   * Converts run commands to a Compose file: the module's `toCompose`.
   * @param {{ text: string, options: object }} request
   */
  toCompose(request) {
    return this.#request(this.#nextId++, { type: 'toCompose', ...request });
  }

  /**
   * Applies the safe fixes of `diagnostics` (from a report of `text`); resolves with
   * the module's `ApplyFixesResult`.
   * @param {{ text: string, diagnostics: Array<object> }} request
   */
  applyFixes(request) {
    return this.#request(this.#nextId++, { type: 'applyFixes', ...request });
  }

  #request(id, message) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#stop('The analysis took too long and was stopped.'), ANALYSIS_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #settle(message) {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === 'done') {
      pending.resolve(message.value);
    } else if (message.trapped) {
      pending.reject(new AnalysisError(message.error, true));
      this.#stop(message.error);
    } else {
      pending.reject(new AnalysisError(message.error, false));
    }
  }

  /**
   * Ends the worker and fails what it still owed. A worker that had started is
   * replaced; one that never started is not, so a broken worker cannot loop. A
   * replacement that fails to start leaves the next analysis to time out.
   */
  #stop(reason) {
    const restart = this.#started;
    this.#worker.terminate();
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(new AnalysisError(reason, restart));
    }
    this.#pending.clear();
    if (restart) this.start().catch(() => {});
  }
}
