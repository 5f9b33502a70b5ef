// tests/browser/lib.mjs: what the browser scenarios share: Debian's
// chromium driven by playwright-core against the sanzi serve at $URL, a
// screenshot of each page visited into $SHOTS with axe-core run on it (no
// serious or critical violation allowed), logging in, and running one
// scenario of a file's table by the name given on the command line
// (exit 1 with the reason on the first failure).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const URL = process.env.URL;
export const SHOTS = process.env.SHOTS;
mkdirSync(SHOTS, { recursive: true });

export function check(cond, what) {
  if (!cond) throw new Error(what);
}

// A look at the page as the user sees it, and its accessibility.
export async function look(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  // evaluated by the test's own channel: the page's Content-Security-
  // Policy (no inline script) stays in force.
  await page.evaluate(AXE);
  const res = await page.evaluate(async () =>
    await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `${name}: accessibility: ` +
    bad.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(' ')}`).join('; '));
}

export async function login(page, user, password) {
  await page.goto(`${URL}/login`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState();
  check(page.url() === `${URL}/`, `login as ${user}: ` + page.url() + ' ' +
    (await page.textContent('main')));
}

// Runs scenarios[process.argv[2]] in a new page of a headless chromium.
export async function run(scenarios) {
  const name = process.argv[2];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update',
           '--disable-sync'],
  });
  let rc = 0;
  try {
    if (!scenarios[name]) throw new Error(`no scenario ${name}`);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 },
                                        locale: 'zh-CN' });
    await scenarios[name](page, browser);
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    rc = 1;
  } finally {
    await browser.close();
  }
  process.exit(rc);
}
