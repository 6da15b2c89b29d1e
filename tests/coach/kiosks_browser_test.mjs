// The admin's kiosk list in Debian's chromium (playwright-core); started by
// kiosks_browser_test.py with FIXTURE.json: {url, user, password, kiosks: {ok, behind, silent,
// new}, foreign, version, artifacts, chromium}. Screenshots go to the artifacts directory.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const fx = JSON.parse(readFileSync(process.argv[2], 'utf8'));
mkdirSync(fx.artifacts, { recursive: true });

let failed = 0;
const check = (cond, what, detail = '') => {
  console.log(cond ? `ok   ${what}` : `FAIL ${what} ${detail}`);
  if (!cond) failed++;
  return cond;
};

let shot = 0;
async function screenshot(page, name) {
  const file = join(fx.artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot ${file}`);
  // No serious or critical WCAG A/AA violation (axe-core, through DevTools: the CSP allows no scripts).
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `${name}: no serious WCAG A/AA violation`, bad.map((v) => v.id).join(', '));
}

// The rows of the kiosk list, in the order shown.
const rows = (page) => page.locator('#kiosk-list tr.kiosk').evaluateAll((trs) => trs.map((tr) => ({
  id: tr.dataset.kiosk, look: tr.classList.contains('needs-look'), text: tr.innerText,
})));

const browser = await chromium.launch({
  executablePath: fx.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  headless: true,
});
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
  const page = await ctx.newPage();
  await page.goto(`${fx.url}/coach/login`);
  await page.fill('form#login [name=username]', fx.user);
  await page.fill('form#login [name=password]', fx.password);
  await Promise.all([page.waitForNavigation(), page.click('form#login [type=submit]')]);
  check(await page.locator('nav a[href="/coach/admin/kiosks"]').count() === 1, 'the admin\'s menu links the kiosk list');
  const resp = await page.goto(`${fx.url}/coach/admin/kiosks`);
  check(resp.status() === 200, 'GET /coach/admin/kiosks: 200', String(resp.status()));
  const nl = await rows(page);
  const k = fx.kiosks;
  check(JSON.stringify(nl.map((r) => r.id)) === JSON.stringify([k.silent, k.behind, k.ok, k.new]),
    'the silent kiosk first, then the one behind on content, then the others (enrolment order)',
    nl.map((r) => r.id.slice(0, 8)).join(' '));
  check(!nl.some((r) => r.id === fx.foreign), 'a kiosk of another organisation is not listed');
  check(nl[0].look && nl[1].look && !nl[2].look && !nl[3].look, 'the two that need a look are marked (class)');
  check(nl[0].text.includes('⚠') && nl[0].text.includes('Aandacht nodig') && nl[0].text.includes('Stil: meer dan 3 dagen geen contact.'),
    'silent: a mark and the words "Aandacht nodig" and "Stil: meer dan 3 dagen geen contact."', nl[0].text);
  check(nl[0].text.includes('5 dagen geleden'), 'silent: its last contact "5 dagen geleden" and the date', nl[0].text);
  check(nl[1].text.includes('⚠') && nl[1].text.includes('Oude inhoud: nog niet bijgewerkt.') && nl[1].text.includes('2026.01.0 (oud)'),
    'behind: a mark, "Oude inhoud" and its version marked old', nl[1].text);
  check(nl[2].text.includes('In orde') && nl[2].text.includes(`${fx.version} (actueel)`) && nl[2].text.includes('1.0 GB')
    && nl[2].text.includes('1.4.0') && /\t2\t/.test(nl[2].text), 'fine: "In orde", current content, app version, backlog 2, 1.0 GB free', nl[2].text);
  check(nl[3].text.includes('nooit') && nl[3].text.includes('In orde'), 'a kiosk enrolled just now and not heard from yet: "nooit", not silent', nl[3].text);
  check((await page.locator('#kiosks-summary').innerText()).includes('2 zuilen hebben aandacht nodig.'), 'the summary counts 2');
  await screenshot(page, 'kiosks-nl');

  await page.goto(`${fx.url}/coach/lang?to=en&back=/coach/admin/kiosks`);
  const en = await rows(page);
  check(en[0].text.includes('Silent: no contact for more than 3 days.') && en[0].text.includes('5 days ago')
    && en[1].text.includes('Old content: not updated yet.') && en[2].text.includes('Fine'),
    'English: the same marks in words', en.map((r) => r.text.split('\n')[0]).join(' | '));
  await screenshot(page, 'kiosks-en');

  // A narrow window (a tablet on its side): the marks stay words, the table scrolls.
  await page.setViewportSize({ width: 700, height: 900 });
  await screenshot(page, 'kiosks-en-narrow');
  await ctx.close();
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
