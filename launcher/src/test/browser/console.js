'use strict';
/*
 * Drives Catalogarr's console in headless Chromium (Debian's chromium, through playwright-core) for
 * ConsoleBrowserIT: `node console.js <step>`. Each step prints `key=value` lines the test checks and exits
 * with 1 and the reason when the page does not do what it should. Screenshots go to $SCREENSHOTS.
 *
 * Environment: CATALOGARR_URL (http://127.0.0.1:port), CATALOGARR_USER, CATALOGARR_PASSWORD, CHROMIUM (the
 * browser's path), SCREENSHOTS (folder), and per step HASH (a download's info-hash).
 */
const path = require('path');
const { chromium } = require('playwright-core');

const base = process.env.CATALOGARR_URL;
const credentials = { username: process.env.CATALOGARR_USER, password: process.env.CATALOGARR_PASSWORD };
const WAIT = 30000;

function report(key, value) {
  console.log(key + '=' + String(value).replace(/\n/g, ' '));
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(process.env.SCREENSHOTS, name + '.png'), fullPage: true });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** A page of a browser context that has logged in (HTTP Basic, answered like the browser's login prompt). */
async function loggedIn(browser, options) {
  const context = await browser.newContext(Object.assign({ httpCredentials: credentials, baseURL: base }, options));
  const page = await context.newPage();
  page.on('pageerror', (error) => report('page-error', error.message));
  return page;
}

const steps = {
  /** Without a login the console refuses; with it, the console opens on Catalogarr's dashboard. */
  async login(browser) {
    // Without credentials Chromium shows its own login prompt, which a headless browser cannot: ask as a client.
    const anonymous = await browser.newContext({ baseURL: base });
    report('anonymous-status', (await anonymous.request.get('/system/console/')).status());
    report('anonymous-api-status', (await anonymous.request.get('/api/catalogarr/v1/overview')).status());
    const page = await loggedIn(browser);
    const answer = await page.goto('/system/console/');
    report('status', answer.status());
    await page.waitForSelector('#ca-torznab-url', { timeout: WAIT });
    report('landed', new URL(page.url()).pathname);
    report('menu', (await page.locator('#navmenu').innerText()).replace(/\s+/g, ' '));
    await shot(page, 'dashboard');
    await page.goto('/system/console/log');
    await page.locator('#ca-log-lines[data-loaded="true"]').waitFor({ timeout: WAIT });
    report('log-first', await page.locator('#ca-log-lines tr').first().innerText());
    await shot(page, 'log');
  },

  /** On a phone-sized screen every list is a column of cards that fits the width. */
  async phone(browser) {
    const page = await loggedIn(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const [name, list] of [['catalogues', 'ca-sites'], ['downloads', 'ca-jobs'], ['dashboard', null]]) {
      await page.goto('/system/console/' + name);
      if (list) await page.locator('#' + list + '[data-loaded="true"]').waitFor({ timeout: WAIT });
      else await page.waitForSelector('#ca-torznab-url', { timeout: WAIT });
      report(name + '-overflow', await page.evaluate(() => {
        const content = document.querySelector('.ca');
        return content.scrollWidth - content.clientWidth;
      }));
      report(name + '-page-width', await page.evaluate(() => document.documentElement.scrollWidth));
      if (list) report(name + '-header', await page.evaluate(() => getComputedStyle(document.querySelector('.ca thead')).display));
      await shot(page, 'phone-' + name);
    }
  },

  /** The copy buttons put the Torznab URL and the API key on the clipboard. */
  async copyTorznab(browser) {
    const page = await loggedIn(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto('/system/console/dashboard');
    await page.waitForSelector('#ca-torznab-url', { timeout: WAIT });
    await page.click('button[data-copy="Torznab URL"]');
    await page.waitForSelector('#ca-feedback.ca-ok', { timeout: WAIT });
    report('feedback', await page.locator('#ca-feedback').innerText());
    report('torznab-url', await page.evaluate(() => navigator.clipboard.readText()));
    await page.click('button[data-copy="API key"]');
    report('apikey', await page.evaluate(() => navigator.clipboard.readText()));
    report('apikey-shown', await page.locator('#ca-apikey').innerText());
    report('health', await page.locator('#ca-health').innerText());
    await shot(page, 'dashboard-copied');
  },

  /** Enables s.to with its button; the page says so and the row changes without a reload. */
  async enableSto(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/catalogues');
    const row = page.locator('tr[data-site="sto"]');
    await row.locator('button[data-action="Enable"]').click({ timeout: WAIT });
    await page.waitForSelector('#ca-feedback.ca-ok', { timeout: WAIT });
    report('feedback', await page.locator('#ca-feedback').innerText());
    await row.locator('button[data-action="Disable"]').waitFor({ timeout: WAIT });
    report('sto-buttons', (await row.locator('button:visible').allInnerTexts()).join(','));
    const first = page.locator('#ca-sites tr').first();
    report('first-row-buttons', (await first.locator('button:visible').allInnerTexts()).join(','));
    await shot(page, 'catalogues-sto-enabled');
  },

  /** An invalid priority in s.to's settings form: the error appears at the field, and nothing is saved. */
  async invalidPriority(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/catalogues');
    await page.locator('tr[data-site="sto"] button[data-action="Settings"]').click({ timeout: WAIT });
    const field = page.locator('#ca-field-search_priority');
    await field.waitFor({ timeout: WAIT });
    report('before', await field.inputValue());
    await field.fill('-1');
    await page.click('#ca-settings-form button[type="submit"]');
    const error = page.locator('[data-error-for="search_priority"]');
    await page.waitForFunction(() => {
      const line = document.querySelector('[data-error-for="search_priority"]');
      return line && line.textContent.trim().length > 0;
    }, null, { timeout: WAIT });
    report('field-error', await error.innerText());
    report('field-invalid', await field.getAttribute('aria-invalid'));
    report('feedback', await page.locator('#ca-feedback').innerText());
    await shot(page, 'catalogues-invalid-priority');
  },

  /** The same mistake in OSGi → Configuration: the console refuses the save and says why. */
  async invalidPriorityInConfiguration(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/configMgr/org.catalogarr.site.sto');
    const field = page.locator('#editorForm [name="search_priority"]');
    await field.waitFor({ timeout: WAIT });
    await field.fill('-1');
    await page.locator('.ui-dialog-buttonpane button', { hasText: 'Save' }).click();
    const alert = page.locator('.ui-dialog', { hasText: 'The request failed' });
    await alert.waitFor({ timeout: WAIT });
    report('alert', await alert.innerText());
    await shot(page, 'configuration-refused');
  },

  /** A job waiting for its next attempt says so, when and why, instead of 'queued'. */
  async retryingDownload(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/downloads');
    const state = page.locator('tr[data-hash="' + process.env.HASH + '"] td[data-label="State"] .ca-badge');
    await state.waitFor({ timeout: WAIT });
    await page.waitForFunction((hash) => {
      const badge = document.querySelector('tr[data-hash="' + hash + '"] td[data-label="State"] .ca-badge');
      return badge && /^retrying (in \d+ s|now) \(.+\)$/.test(badge.textContent);
    }, process.env.HASH, { timeout: 60000 });
    report('state', await state.innerText());
    await shot(page, 'downloads-retrying');
  },

  /** A download's bar reaches 100 % while the page is open, without a reload. */
  async watchDownload(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/downloads');
    const row = page.locator('tr[data-hash="' + process.env.HASH + '"]');
    await row.waitFor({ timeout: WAIT });
    const seen = new Set();
    const deadline = Date.now() + 120000;
    let text = '';
    // Updates arrive by polling; the page is never reloaded here.
    while (!text.startsWith('100') && Date.now() < deadline) {
      text = await row.locator('.ca-bar em').innerText();
      seen.add(text);
      await page.waitForTimeout(200);
    }
    report('bar-values', [...seen].join('|'));
    report('bar', text);
    report('state', await row.locator('td[data-label="State"] .ca-badge').innerText());
    report('total-speed', await page.locator('#ca-total-speed').innerText());
    await shot(page, 'downloads-complete');
  },

  /** The filters narrow the list by state, site and category; 'all' brings every job back. */
  async filterDownloads(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/downloads');
    const hashes = [process.env.HASH_PAUSED, process.env.HASH_COMPLETED, process.env.HASH_FAILED];
    for (const hash of hashes) {
      await page.locator('tr[data-hash="' + hash + '"]').waitFor({ timeout: WAIT });
    }
    const listed = async () => (await page.locator('#ca-jobs tr[data-hash]')
      .evaluateAll((rows) => rows.map((row) => row.dataset.hash))).sort().join(',');
    // Each choice is applied by the next request to the service; wait for its answer, then report the rows.
    async function choose(filter, value, expected) {
      await page.selectOption('#ca-filter-' + filter, value);
      const deadline = Date.now() + WAIT;
      while ((await listed()) !== expected && Date.now() < deadline) await page.waitForTimeout(100);
      report(filter + '-' + (value || 'all'), await listed());
    }
    const all = [...hashes].sort().join(',');
    await choose('category', process.env.CATEGORY_PAUSED, process.env.HASH_PAUSED);
    await shot(page, 'downloads-filtered-category');
    await choose('category', '', all);
    await choose('state', 'paused', process.env.HASH_PAUSED);
    await choose('state', 'completed', process.env.HASH_COMPLETED);
    await choose('state', 'failed', process.env.HASH_FAILED);
    await choose('state', 'retrying', '');
    report('retrying-text', await page.locator('#ca-jobs').innerText());
    await choose('state', '', all);
    await choose('site', 'aniworld', all);
  },

  /** Delete with files asks first; Cancel keeps the job, and after the confirmation it is gone. */
  async deleteDownload(browser) {
    const page = await loggedIn(browser);
    await page.goto('/system/console/downloads');
    const row = page.locator('tr[data-hash="' + process.env.HASH + '"]');
    await row.waitFor({ timeout: WAIT });
    await row.locator('button[data-action="Delete with files"]').click();
    const dialog = page.locator('#ca-confirm');
    await dialog.waitFor({ state: 'visible', timeout: WAIT });
    report('confirm', await page.locator('#ca-confirm-text').innerText());
    await shot(page, 'downloads-confirm-delete');
    await page.click('#ca-confirm-cancel');
    await page.waitForSelector('#ca-feedback', { timeout: WAIT });
    report('after-cancel-rows', await row.count());
    report('after-cancel-feedback', await page.locator('#ca-feedback').innerText());

    await row.locator('button[data-action="Delete with files"]').click();
    await dialog.waitFor({ state: 'visible', timeout: WAIT });
    await page.click('#ca-confirm-ok');
    await row.waitFor({ state: 'detached', timeout: WAIT });
    report('feedback', await page.locator('#ca-feedback').innerText());
    await shot(page, 'downloads-deleted');
  }
};

(async () => {
  const step = steps[process.argv[2]];
  if (!step) {
    console.error('unknown step ' + process.argv[2] + '; known: ' + Object.keys(steps).join(', '));
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
  try {
    await step(browser);
  } catch (e) {
    console.error(process.argv[2] + ' failed: ' + e.message);
    process.exitCode = 1;
    let n = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        await shot(page, 'failed-' + process.argv[2] + '-' + n++).catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
  }
})();
