// The screenshot test: a draft CCM Article 7 report for a demo country renders in Chromium.
// Builds a demo database with `concord demo`, drafts the report with
// `concord report draft ccm-article-7 LA --year 2025 --out DIR`, opens DIR/index.html in the
// system Chromium through playwright-core, checks that the DRAFT banner, the headings and a table
// are visible, and saves a full-page PNG as a test artefact.
//
// Usage: node report_screenshot_test.js CONCORD_BINARY ARTEFACT_DIR
// Exits 0 on success, 1 on failure, and 77 (ctest's SKIP_RETURN_CODE) with a clear message when
// web/node_modules or Chromium is missing (run scripts/setup, or `make test`, which runs it).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const kSkip = 77;
const kChromium = '/usr/bin/chromium';
const kWeb = path.resolve(__dirname, '..', '..', 'web');

function skip(message) {
  console.log(`SKIPPED: ${message}`);
  process.exit(kSkip);
}

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}

async function main() {
  const [concord, artefacts] = process.argv.slice(2);
  if (!concord || !artefacts) fail('usage: report_screenshot_test.js CONCORD_BINARY ARTEFACT_DIR');
  let playwright;
  try {
    playwright = require(path.join(kWeb, 'node_modules', 'playwright-core'));
  } catch (error) {
    skip(`playwright-core is not installed in ${kWeb}/node_modules: run scripts/setup`);
  }
  if (!fs.existsSync(kChromium)) skip(`${kChromium} is missing: run scripts/setup (apt chromium)`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-report-screenshot-'));
  const database = `sqlite:${path.join(work, 'demo.db')}`;
  const out = path.join(work, 'draft');
  const run = (args) =>
    execFileSync(concord, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  try {
    run(['demo', '--db', database, '--weapons', '200']);
    run(['report', 'draft', 'ccm-article-7', 'LA', '--year', '2025', '--out', out, '--db',
         database]);
  } catch (error) {
    fail(`concord failed: ${error.message}\n${error.stdout || ''}\n${error.stderr || ''}`);
  }
  const index = path.join(out, 'index.html');
  if (!fs.existsSync(index)) fail(`${index} was not written`);

  const browser = await playwright.chromium.launch({
    executablePath: kChromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) requests.push(request.url());
    });
    await page.goto(`file://${index}`, { waitUntil: 'load' });

    const banner = page.locator('#draft-banner');
    if (!(await banner.isVisible())) fail('the DRAFT banner is not visible');
    if (!(await banner.innerText()).includes('DRAFT')) fail('the banner does not say DRAFT');
    const title = await page.locator('h1').innerText();
    if (!title.includes('Article 7')) fail(`unexpected title: ${title}`);
    const headings = await page.locator('h2').allInnerTexts();
    for (const wanted of ['Stockpiles', 'Contaminated areas', 'Clearance', 'Risk education',
                          'Victim assistance']) {
      if (!headings.some((heading) => heading.includes(wanted))) {
        fail(`no visible section heading "${wanted}" (have: ${headings.join(' | ')})`);
      }
    }
    const table = page.locator('table[data-table="contamination"]');
    if (!(await table.isVisible())) fail('the contamination table is not visible');
    const rows = await table.locator('tbody tr').count();
    if (rows < 1) fail('the contamination table has no rows');
    const link = await table.locator('td.records a').first().getAttribute('href');
    if (!link || !link.startsWith('/api/v1/countries/LA/hazardous-areas')) {
      fail(`the contamination rows do not link to their records (${link})`);
    }
    if (requests.length > 0) fail(`the draft loaded external resources: ${requests.join(', ')}`);

    fs.mkdirSync(artefacts, { recursive: true });
    const screenshot = path.join(artefacts, 'ccm-article-7-LA-2025.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    const size = fs.statSync(screenshot).size;
    if (size < 10000) fail(`the screenshot is suspiciously small (${size} bytes)`);
    console.log(`PASSED: ${headings.length} sections, contamination table with ${rows} rows; ` +
                `screenshot ${screenshot} (${size} bytes)`);
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error.stack || String(error)));
