// The report as people read it, in headless Chromium at a desktop and a phone size:
// it opens on the worst container, lists findings worst first with the rule's docs
// folded, says when the input is empty or not something it reads, applies every safe
// fix at once and downloads the result. Each state is saved as a screenshot.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  analysed,
  artifactsDir,
  cspViolations,
  DESKTOP,
  editorText,
  Harness,
  PHONE,
  replaceText,
  shownFindings,
} from './browser.mjs';

const harness = new Harness();
before(() => harness.start());
after(() => harness.stop());

const SIZES = { desktop: DESKTOP, phone: PHONE };

/** Runs `body` in a fresh page at each size; `snap(state)` saves a screenshot. */
function atBothSizes(name, body) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    test(`${name} (${size} ${viewport.width}×${viewport.height})`, async () => {
      const context = await harness.context({ viewport });
      try {
        const page = await harness.open(context);
        const snap = async (state) => {
          const file = path.join(artifactsDir, `report-${state}-${size}.png`);
          await page.screenshot({ path: file });
          console.log(`screenshot: ${file}`);
        };
        await body(page, { size, viewport, snap });
        assert.deepEqual(await cspViolations(page), [], 'Content-Security-Policy violations');
      } finally {
        await context.close();
      }
    });
  }
}

async function selectExample(page, id) {
  await page.selectOption('#example-select', id);
  await analysed(page);
}

/** Whether the element's box lies within the first screen, without scrolling. */
async function onFirstScreen(locator, viewport) {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

atBothSizes(
  'the report opens on the worst container, its findings worst first, docs folded',
  async (page, { viewport, snap }) => {
    await selectExample(page, 'debug-sidecar');
    // api (graded A) comes first in the file; debug (F) is where the findings are.
    await page.locator('.container[data-container="debug"]').waitFor();
    assert.equal(await page.locator('.container[data-container="api"]').count(), 0);
    assert.deepEqual(await page.locator('.worst-first li').allTextContents(), ['F debug', 'A api']);
    assert.deepEqual(await shownFindings(page), [
      'CAP-006 14',
      'CAP-004 15',
      'SEC-001 17',
      'NS-006 11',
      'NS-006 12',
      'SEC-008 17',
    ]);
    assert.deepEqual(await page.locator('.container .finding .badge').allTextContents(), [
      'high',
      'high',
      'high',
      'info',
      'info',
      'info',
    ]);
    await snap('worst-container');
    // The grade, the first findings and the tab counts are on the first screen.
    assert.ok(await onFirstScreen(page.locator('.overview > .grade'), viewport), 'grade on the first screen');
    assert.ok(
      await onFirstScreen(page.locator('.container .finding').first(), viewport),
      'first finding on the first screen',
    );
    assert.ok(await page.locator('#view-tab-findings .tab-count').isVisible());
    assert.equal(await page.locator('#view-tab-findings .tab-count').textContent(), '6');

    // Opened, a finding says what is wrong, what to do and its fix; the rule's docs stay folded.
    const finding = page.locator('.finding[data-code="CAP-006"]');
    await finding.locator('summary').click();
    assert.match(await finding.locator('.help').textContent(), /^What to do: /);
    assert.ok(await finding.locator('.fix').isVisible());
    const learnMore = finding.locator('.learn-more');
    assert.equal(await learnMore.locator('summary').textContent(), 'Learn more about CAP-006 cap-add-sys-ptrace');
    assert.equal(await learnMore.evaluate((details) => details.open), false);
    assert.ok(await learnMore.locator('.rule-docs').isHidden());
    const height = await finding.evaluate((element) => element.getBoundingClientRect().height);
    assert.ok(height < viewport.height, `an opened finding is ${height}px tall`);
    await snap('finding-open');
    await learnMore.locator('summary').click();
    await learnMore.locator('.rule-docs h4', { hasText: 'Why is this bad?' }).waitFor();
    await snap('learn-more');

    // A container chosen from the summary stays chosen while the text changes.
    await page.locator('.worst-first button', { hasText: 'api' }).click();
    await page.locator('.container[data-container="api"]').waitFor();
  },
);

atBothSizes('garbage and empty input say so, and offer the two examples', async (page, { snap }) => {
  await replaceText(page, 'hello world, this is not a container\n');
  const state = page.locator('.empty-state[data-status="unrecognized"]');
  await state.waitFor();
  assert.equal(await state.locator('h2').textContent(), 'Not a Compose file nor run commands');
  assert.deepEqual(await state.locator('.finding').evaluateAll((list) => list.map((f) => f.dataset.code)), ['SYN-002']);
  assert.equal(await page.locator('#detected').textContent(), '', 'not "Read as Compose file"');
  assert.equal(await page.locator('.overview').count(), 0, 'no grade and no severity counts');
  assert.deepEqual(await state.locator('.try-examples button').allTextContents(), [
    'a Compose file',
    'docker run commands',
  ]);
  await snap('unrecognized');

  for (const text of ['', '# only a comment\n\n']) {
    await replaceText(page, text);
    const empty = page.locator('.empty-state[data-status="empty"]');
    await empty.waitFor();
    assert.equal(await empty.locator('h2').textContent(), 'Nothing to analyse');
    assert.equal(await page.locator('.finding').count(), 0);
  }
  await snap('empty');

  await page.getByRole('button', { name: 'docker run commands' }).click();
  await page.locator('.container[data-container="ci-runner"]').waitFor();
  assert.match(await editorText(page), /^# .*\ndocker run/);
  assert.equal(await page.locator('#detected').textContent(), 'Read as run commands');
});

atBothSizes('input problems are counted apart from findings and do not grade', async (page) => {
  await replaceText(page, 'services:\n  app:\n    image: nginx:1.27\n    mem_limit: 99999999999999999999999\n');
  const problem = page.locator('.container .finding[data-code="SYN-004"]');
  await problem.waitFor();
  assert.equal(await problem.locator('.badge').textContent(), 'input', 'no severity badge');
  assert.equal(await page.locator('.overview > .grade').textContent(), 'A');
  assert.deepEqual(await page.locator('.overview .count strong').allTextContents(), ['0', '0', '0', '0', '0']);
  assert.equal(await page.locator('.input-problem-count').textContent(), '1 problem reading the input (not graded)');
});

const SAFE_FIXES = `services:
  app:
    image: nginx:1.27
    user: app
    cap_drop: [SYS_TIME]
    cap_add: [SYS_TIME, kill]
`;

atBothSizes('every safe fix is applied at once, and the result downloads', async (page, { snap }) => {
  await replaceText(page, SAFE_FIXES);
  const applyAll = page.locator('#apply-safe-fixes');
  await applyAll.filter({ hasText: 'Apply all safe fixes (2)' }).waitFor();
  await snap('safe-fixes');
  await applyAll.click();
  await applyAll.filter({ hasText: 'Apply all safe fixes (0)' }).waitFor();
  assert.ok(await applyAll.isDisabled());
  const fixed = 'services:\n  app:\n    image: nginx:1.27\n    user: app\n    cap_add: [SYS_TIME]\n';
  assert.equal(await editorText(page), fixed);
  // The unsafe fix is left for a reviewed click.
  assert.deepEqual(await shownFindings(page), ['CAP-007 5', 'CAP-010 5']);
  await snap('safe-fixes-applied');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
  assert.equal(download.suggestedFilename(), 'compose.yaml');
  assert.equal(await readFile(await download.path(), 'utf8'), fixed);
});

atBothSizes('a run-command fix leaves no double space, and findings show line and column', async (page) => {
  await replaceText(page, 'docker run --rm --privileged -it alpine sh\ndocker run -d \\\n  --privileged \\\n  nginx\n');
  await page.locator('#container-tab-1').waitFor();
  assert.deepEqual(await page.locator('.finding-location').allTextContents(), ['line 1, col 17']);
  await page.locator('#container-tab-1').click();
  assert.deepEqual(await page.locator('.finding-location').allTextContents(), ['line 3, col 3']);
  for (const tab of ['#container-tab-1', '#container-tab-0']) {
    await page.locator(tab).click();
    const finding = page.locator('.container .finding[data-code="PRIV-001"]');
    await finding.locator('summary').click();
    await finding.getByRole('button', { name: 'Apply — changes behaviour' }).click();
    await finding.waitFor({ state: 'detached' });
  }
  await analysed(page);
  assert.equal(await editorText(page), 'docker run --rm -it alpine sh\ndocker run -d \\\n  nginx\n');
});

atBothSizes('capability risk, theme, gutter and editor colours each say one thing', async (page, { snap }) => {
  await selectExample(page, 'vpn');
  await page.getByRole('tab', { name: /^Capabilities/ }).click();
  const risk = page.locator('.capabilities tbody tr[data-capability="SYS_MODULE"] .risk');
  assert.equal(await risk.textContent(), '●●●●● critical');
  // A risk is not a finding: no badge, and not a finding badge's colours.
  assert.equal(await page.locator('.capabilities .badge').count(), 0);
  const style = (locator) =>
    locator.evaluate((element) => {
      const { color, backgroundColor } = getComputedStyle(element);
      return `${color} on ${backgroundColor}`;
    });
  await page.getByRole('tab', { name: /^Findings/ }).click();
  const findingBadge = await style(page.locator('.finding .badge.sev-critical').first());
  await page.getByRole('tab', { name: /^Capabilities/ }).click();
  assert.notEqual(await style(risk), findingBadge);
  await snap('capabilities');

  const toggle = page.locator('#theme-toggle');
  const theme = await page.getAttribute('html', 'data-theme');
  assert.equal(await toggle.textContent(), `Theme: ${theme}`);
  await toggle.click();
  const other = theme === 'dark' ? 'light' : 'dark';
  assert.equal(await page.getAttribute('html', 'data-theme'), other);
  assert.equal(await toggle.textContent(), `Theme: ${other}`);

  // One gutter colour per severity.
  await replaceText(
    page,
    [
      'services:',
      '  app:',
      '    image: nginx:1.27',
      '    pid: host',
      '    ports: ["8080:80"]',
      '    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]',
      '  b:',
      '    image: nginx:1.27',
      '    user: app',
      '    cap_drop: [SYS_TIME]',
      '    cap_add: [kill]',
      '',
    ].join('\n'),
  );
  await page.locator('#editor .severity-marker-critical').waitFor();
  const markers = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelector('#editor').shadowRoot.querySelectorAll('.severity-marker')].map((marker) => [
        marker.title,
        getComputedStyle(marker).backgroundColor,
      ]),
    ),
  );
  const severities = Object.keys(markers).sort();
  assert.ok(severities.includes('critical') && severities.includes('high'), JSON.stringify(markers));
  assert.equal(new Set(Object.values(markers)).size, severities.length, JSON.stringify(markers));

  // Run-command words are coloured by their role, none in a severity colour.
  await replaceText(page, 'docker run --rm --name web -e A=1 nginx:1.27 sh -c "echo hi"\n');
  await page.locator('#detected', { hasText: 'Read as run commands' }).waitFor();
  const colours = await page.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const colour = (variable) => {
      probe.style.color = `var(${variable})`;
      return getComputedStyle(probe).color;
    };
    const roles = {
      keyword: colour('--syntax-keyword'),
      flag: colour('--syntax-flag'),
      value: colour('--syntax-string'),
      image: colour('--syntax-image'),
      command: colour('--syntax-command'),
    };
    const severities = ['critical', 'high', 'medium', 'low', 'info'].map((name) => colour(`--sev-${name}`));
    probe.remove();
    const root = document.querySelector('#editor').shadowRoot;
    const words = [...root.querySelectorAll('.cm-line span')].map((span) => {
      const { color } = getComputedStyle(span);
      const role = Object.keys(roles).find((name) => roles[name] === color) ?? color;
      return `${span.textContent}:${severities.includes(color) ? 'SEVERITY' : role}`;
    });
    return { words, distinct: new Set(Object.values(roles)).size };
  });
  assert.equal(colours.distinct, 5, 'one colour per role');
  assert.deepEqual(colours.words, [
    'docker:keyword',
    'run:keyword',
    '--rm:flag',
    '--name:flag',
    'web:value',
    '-e:flag',
    'A=1:value',
    'nginx:1.27:image',
    'sh:command',
    '-c:command',
    '"echo hi":command',
  ]);
});
