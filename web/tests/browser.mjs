// Test harness: serves dist/, launches Debian's Chromium through playwright-core
// and records, for every page, what must never happen: requests outside the
// page's own origin, dialogs, Content-Security-Policy violations and errors.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const webDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const distDir = path.join(webDir, 'dist');
export const artifactsDir = path.join(webDir, 'test-artifacts');
export const singleFileUrl = pathToFileURL(path.join(distDir, 'shipshape.html')).href;

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };

export class Harness {
  /** Everything a page requested, across all contexts. */
  requests = [];
  dialogs = [];
  errors = [];

  async start() {
    this.server = await serve(distDir, 0);
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    this.url = `${this.origin}/`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await mkdir(artifactsDir, { recursive: true });
  }

  async stop() {
    await this.browser?.close();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve()));
  }

  /**
   * A fresh browser context (its own storage), recording requests, dialogs and
   * CSP violations.
   */
  async context(options = {}) {
    const context = await this.browser.newContext({ viewport: DESKTOP, ...options });
    context.on('request', (request) => this.requests.push(request.url()));
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    return context;
  }

  /**
   * Runs `body` on the page at `url` in a fresh context (empty storage), checks that
   * it broke no Content-Security-Policy rule, and closes the context.
   * @param {(page: import('playwright-core').Page, context: import('playwright-core').BrowserContext) => Promise<void>} body
   */
  async withPage(body, { url, ...options } = {}) {
    const context = await this.context(options);
    try {
      const page = await this.open(context, url);
      await body(page, context);
      assert.deepEqual(await cspViolations(page), [], 'Content-Security-Policy violations');
    } finally {
      await context.close();
    }
  }

  /** Opens `url` in a new page of `context` and waits for the analyzer. */
  async open(context, url = this.url) {
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      dialog.dismiss();
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    await page.goto(url);
    await page.locator('#version').filter({ hasText: /^v\d/ }).waitFor();
    return page;
  }
}

// --- page helpers -------------------------------------------------------------

/** Loads an example and waits until the report shows `container` (selecting its tab). */
export async function loadExample(page, id, container) {
  await page.selectOption('#example-select', id);
  await analysed(page);
  await showContainer(page, container);
}

/** Waits until the report describes the editor's current text and settings. */
export function analysed(page) {
  return page.locator('#report[aria-busy="false"]').waitFor();
}

/** Shows a container of the report, through its tab when there are several. */
export async function showContainer(page, name) {
  const panel = page.locator(`.container[data-container="${name}"]`);
  await panel
    .or(page.locator(`.tab[data-name="${name}"]`))
    .first()
    .waitFor();
  if (!(await panel.isVisible())) await page.locator(`.tab[data-name="${name}"]`).click();
  await panel.waitFor();
}

/** The findings on screen: `CODE line` for each, in display order. */
export async function shownFindings(page) {
  return page.locator('.container .finding').evaluateAll((findings) =>
    findings.map((finding) => {
      const location = finding.querySelector('.finding-location').textContent;
      const line = location.replace(/^lines? /, '').replace(/, col \d+$/, '');
      return `${finding.dataset.code} ${line}`;
    }),
  );
}

/** The editor's text (CodeMirror lives in a shadow root). */
export function editorText(page) {
  return page.evaluate(() => {
    const content = document.querySelector('#editor').shadowRoot.querySelector('.cm-content');
    return [...content.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n');
  });
}

/** The text selected in the editor, as the browser sees it. */
export function editorSelection(page) {
  return page.evaluate(() => document.querySelector('#editor').shadowRoot.getSelection().toString());
}

/** Replaces the editor's text the way a user would: select all, paste-like typing. */
export async function replaceText(page, text) {
  const content = page.locator('#editor .cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}
