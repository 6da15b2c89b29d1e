// Browser test of the coach pages (docs/coach-pages.md) with Debian's chromium through
// playwright-core: a coach logs in, finds a participant by a code typed carelessly, reads the
// result, adds a note with markup, prints, switches language, logs out; an admin reads the
// audit log; an employer sees only totals. Every page is screenshotted (full page) to the
// artifacts directory as NN-name.png.
//
// Started by coach_browser_test.py, which sets up the server and data (coach_fixture.py):
//   node coach_browser_test.mjs FIXTURE.json
// FIXTURE.json: {url, codes: {P1, P2, Q1, U, ...}, passwords: {...}, group, quarter,
//                artifacts, chromium}
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// axe-core (npm) checks each page against WCAG 2.x A/AA rules in the real browser.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const fx = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ART = fx.artifacts;
mkdirSync(ART, { recursive: true });
const P1 = fx.codes.P1;
// As the pages show a code (ids::display_code): "350 612 4083"; an earlier code "K7M-R2X".
const display = (c) => (c.length === 10 ? `${c.slice(0, 3)} ${c.slice(3, 6)} ${c.slice(6)}`
  : c.length === 6 ? `${c.slice(0, 3)}-${c.slice(3)}` : c);

let passed = 0;
let failed = 0;
const check = (cond, what, detail = '') => {
  if (cond) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what} ${detail}`);
  }
  return cond;
};

let shot = 0;
async function screenshot(page, name) {
  shot++;
  const file = join(ART, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot ${file}`);
  await accessible(page, name);
}

// No serious or critical WCAG A/AA violation on the page (axe-core). The pages' CSP allows no
// scripts, so axe is evaluated through the DevTools protocol, which CSP does not govern.
async function accessible(page, name) {
  if (page.url().startsWith('chrome-error:')) return;
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `${name}: no serious WCAG A/AA violation (axe-core, ${result.passes.length} rules pass)`,
        bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; '));
}

// Every img on the page has loaded (naturalWidth > 0).
async function brokenImages(page, scope = 'body') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return ['(no ' + sel + ')'];
    return [...root.querySelectorAll('img')].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src);
  }, scope);
}

async function watch(page, name) {
  const problems = [];
  page.on('console', (m) => {
    // A page answered with 401/404 on purpose logs "Failed to load resource" for the document
    // itself; failed sub-resources are caught by the response handler below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`a dialog opened (${d.type()}: ${d.message()}) - script ran`);
    await d.dismiss();
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (r.status() >= 500) problems.push(`${r.status()} for ${u.pathname}`);
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} for ${u.pathname}`);
  });
  return problems;
}

// Submits a form and waits for the page it leads to; returns the main response.
async function submit(page, formSelector) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(`${formSelector} [type=submit], ${formSelector} button:not([type=button])`).first().click(),
  ]);
  return resp;
}

async function loginAs(page, user, password) {
  await page.goto(`${fx.url}/coach/login`);
  await page.fill('form#login [name=username]', user);
  await page.fill('form#login [name=password]', password);
  return submit(page, 'form#login');
}

const launchOpts = {
  executablePath: fx.chromium || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
};

let browser;
try {
  browser = await chromium.launch(launchOpts);
} catch (e) {
  console.log(`FAIL cannot start chromium (${launchOpts.executablePath}): ${e.message}`);
  process.exit(1);
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(false, `${name} ran to the end`, e.stack ? e.stack.split('\n').slice(0, 4).join(' | ') : String(e));
  }
}

try {
  // ---------------------------------------------------------------- a coach's visit
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  const page = await ctx.newPage();
  const problems = await watch(page, 'coach');

  await step('login', async () => {
    const r = await page.goto(`${fx.url}/coach/`);
    check(new URL(page.url()).pathname === '/coach/login', '/coach/ leads to the login page', page.url());
    check(await page.locator('form#login').count() === 1, 'the login page has form#login');
    await screenshot(page, 'login');
    let resp = await loginAs(page, 'coach-a', 'dit is niet het wachtwoord');
    check(resp && resp.status() === 401, 'a wrong password: 401', String(resp && resp.status()));
    check(await page.locator('form#login').count() === 1, 'a wrong password shows the login form again');
    await screenshot(page, 'wrong-password');
    resp = await loginAs(page, 'coach-a', fx.passwords['coach-a']);
    check(new URL(page.url()).pathname === '/coach/', 'after logging in: /coach/', page.url());
    check(await page.locator('form#find').count() === 1, 'the home page has form#find');
    const cookies = await ctx.cookies();
    const c = cookies.find((k) => k.name === 'wk_coach');
    check(c && c.httpOnly && c.sameSite === 'Strict', 'wk_coach is HttpOnly and SameSite=Strict', JSON.stringify(c));
    check(!(await page.evaluate(() => document.cookie)).includes('wk_coach'), 'scripts cannot read wk_coach');
    await screenshot(page, 'home');
  });

  await step('find and result', async () => {
    await page.goto(`${fx.url}/coach/`);
    const typed = `${P1.slice(0, 3).toLowerCase()} ${P1.slice(3).toLowerCase()}`;
    await page.fill('form#find [name=code]', typed);
    const resp = await submit(page, 'form#find');
    const path = new URL(page.url()).pathname;
    check(resp && resp.status() === 200 && (path === `/coach/participant/${P1}` || path === `/coach/participant/${display(P1)}`),
      `typing "${typed}" finds P1`, `${resp && resp.status()} ${page.url()}`);
    for (const id of ['intake', 'interests', 'strengths', 'values', 'behaviours', 'barriers', 'network', 'occupations', 'plan', 'history', 'notes'])
      check(await page.locator(`#${id}`).count() === 1, `the result page has #${id}`);
    const n = await page.locator('#interests img').count();
    check(n > 0, `#interests shows pictures (${n})`);
    const broken = await brokenImages(page, '#interests');
    check(n > 0 && broken.length === 0, 'every picture in #interests has loaded (naturalWidth > 0)', broken.join(' '));
    const brokenAll = await brokenImages(page);
    check(brokenAll.length === 0, 'every picture on the result page has loaded', brokenAll.join(' '));
    check((await page.locator('#behaviours').innerText()).trim().length > 0, '#behaviours has content');
    check((await page.locator('#history').innerText()).trim().length > 0, '#history has content');
    await screenshot(page, 'participant');
  });

  await step('note', async () => {
    const evil = '<script>alert(1)</script><b>x</b>';
    await page.fill('form#add-note [name=text]', evil);
    const resp = await submit(page, 'form#add-note');
    check(resp && resp.status() === 200, 'adding a note leads back to the result page', String(resp && resp.status()));
    const notes = await page.locator('#notes').innerText();
    check(notes.includes(evil), 'the note with markup shows as text', notes.slice(0, 300));
    check(await page.locator('#notes b', { hasText: /^x$/ }).count() === 0, 'the <b> of the note is not markup');
    check(await page.locator('#notes script').count() === 0, 'the <script> of the note is not markup');
    await page.locator('#notes').scrollIntoViewIfNeeded();
    await screenshot(page, 'note');
  });

  await step('print view', async () => {
    const link = page.locator('a[href$="/print"]');
    if (await link.count() > 0) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.first().click()]);
    } else {
      check(false, 'the result page links to the print view');
      await page.goto(`${fx.url}/coach/participant/${P1}/print`);
    }
    check(/\/print$/.test(new URL(page.url()).pathname), 'the print view opens', page.url());
    check(await page.locator('form#add-note').count() === 0, 'the print view has no note form');
    const broken = await brokenImages(page);
    check(broken.length === 0, 'every picture in the print view has loaded', broken.join(' '));
    await screenshot(page, 'print');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'print-media');
    await page.pdf({ path: join(ART, 'print.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  await step('language', async () => {
    await page.goto(`${fx.url}/coach/participant/${P1}`);
    const toEn = page.locator('a[href*="lang?to=en"]');
    check(await toEn.count() > 0, 'a link to English');
    if (await toEn.count() === 0) return;
    const nlText = await page.locator('body').innerText();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), toEn.first().click()]);
    check(await page.getAttribute('html', 'lang') === 'en', 'after "English": <html lang="en">');
    check(new URL(page.url()).pathname.startsWith('/coach/participant/'), 'the language switch returns to the same page', page.url());
    check((await page.locator('body').innerText()) !== nlText, 'the words changed');
    await screenshot(page, 'participant-en');
    const toNl = page.locator('a[href*="lang?to=nl"]');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), toNl.first().click()]);
    check(await page.getAttribute('html', 'lang') === 'nl', 'and back: <html lang="nl">');
  });

  await step('phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${fx.url}/coach/participant/${P1}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = overflow <= 1 ? [] : await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 1)
        .filter((e) => !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
    });
    // A coach may open a result on a phone: wide tables scroll inside themselves, the page does not.
    check(overflow <= 1, 'the result page fits a phone width (no sideways scrolling)',
          `${overflow}px too wide: ${wide.join(', ')}`);
    await screenshot(page, 'participant-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('not found', async () => {
    await page.goto(`${fx.url}/coach/`);
    await page.fill('form#find [name=code]', fx.codes.Q1.toLowerCase());
    const resp = await submit(page, 'form#find');
    check(resp && resp.status() === 404 && await page.locator('#not-found').count() === 1,
      "org B's code: 404 with #not-found", String(resp && resp.status()));
    check(await page.locator('form#find').count() === 1, 'the not-found page offers the find form again');
    await screenshot(page, 'not-found');
  });

  await step('totals', async () => {
    const group = encodeURIComponent(fx.group);
    let resp = await page.goto(`${fx.url}/coach/totals?group=${group}&quarter=${fx.quarter}`);
    check(resp.status() === 200 && await page.locator('#totals').count() === 1, `totals of ${fx.group}: #totals`);
    const text = await page.locator('body').innerText();
    const leaked = Object.values(fx.codes).filter((c) => text.includes(c) || text.includes(display(c)));
    check(leaked.length === 0, 'no participant code on the totals page', leaked.join(' '));
    await screenshot(page, 'totals');
    // All groups: Amersfoort has only 2 checks, so the total of all groups would give it away.
    await page.selectOption('#totals-form select[name=group]', '');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#totals-form button[type=submit]')]);
    check(await page.locator('#too-few').count() === 1 && await page.locator('#small-group').count() === 1,
          'all groups with a small group among them: #too-few #small-group');
    check(await page.locator('#total-count').count() === 0, 'and no figures at all');
    await screenshot(page, 'totals-too-few');
  });

  await step('logout', async () => {
    await page.goto(`${fx.url}/coach/`);
    const btn = page.locator('form[action$="/coach/logout"] [type=submit], form[action$="/coach/logout"] button');
    check(await btn.count() > 0, 'a logout button');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), btn.first().click()]);
    check(new URL(page.url()).pathname === '/coach/login', 'after logging out: the login page', page.url());
    await screenshot(page, 'logged-out');
    await page.goto(`${fx.url}/coach/participant/${P1}`);
    check(new URL(page.url()).pathname === '/coach/login', 'after logging out P1 leads to the login page', page.url());
  });
  check(problems.length === 0, 'no console errors, script dialogs, 5xx or missing pictures/styles for the coach', problems.join(' | '));
  await ctx.close();

  // ---------------------------------------------------------------- admin
  const actx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ap = await actx.newPage();
  const aproblems = await watch(ap, 'admin');
  await step('admin', async () => {
    await loginAs(ap, 'beheer-a', fx.passwords['beheer-a']);
    let resp = await ap.goto(`${fx.url}/coach/admin`);
    check(resp.status() === 200 && await ap.locator('form#add-coach').count() === 1, 'beheer-a: /coach/admin with form#add-coach');
    await screenshot(ap, 'admin');
    resp = await ap.goto(`${fx.url}/coach/admin/audit`);
    const text = await ap.locator('body').innerText();
    check(resp.status() === 200 && text.includes('coach-a') && (text.includes(P1) || text.includes(display(P1))),
      'the audit log names coach-a and P1');
    await screenshot(ap, 'audit');
  });
  check(aproblems.length === 0, 'no console errors on the admin pages', aproblems.join(' | '));
  await actx.close();

  // ---------------------------------------------------------------- employer
  const ectx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ep = await ectx.newPage();
  await step('employer', async () => {
    await loginAs(ep, 'werkgever-a', fx.passwords['werkgever-a']);
    await screenshot(ep, 'employer-home');
    const resp = await ep.goto(`${fx.url}/coach/participant/${P1}`);
    check(resp.status() === 403, 'employer opens a participant: 403', String(resp.status()));
    await screenshot(ep, 'employer-forbidden');
  });
  await ectx.close();
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed (screenshots in ${ART})`);
process.exit(failed ? 1 : 0);
