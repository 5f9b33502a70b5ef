// tests/browser/public.mjs SCENARIO: the 村务公开 pages and the contracts'
// receivables in chromium (lib.mjs). Started by
// tests/web/t7370-web-public-browser.sh, which makes the database (the
// year 2025 of 福如东村, tests/web/lib-public.sh) and starts the server.
import { URL, SHOTS, check, look, login, run } from './lib.mjs';

const V1 = process.env.V1;

const scenarios = {
  // A villager scans the QR code: the public page on a phone 390 px wide,
  // without login; nothing wider than the screen; each row a card.
  async phone(page, browser) {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
      isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const p = await ctx.newPage();
    const res = await p.goto(`${URL}/public/${V1}`);
    check(res.status() === 200, 'the public page: ' + res.status());
    check(await p.title() === '福如东村集体“三资”公开表', 'title: ' + await p.title());
    const wide = await p.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `the page is ${wide} px wide on a 390 px phone`);
    const body = await p.textContent('body');
    check(body.includes('数据截至 2025-12-31'), 'no date the figures are as of');
    // a contract's row is a card: its label beside each value
    const card = p.locator('#part-contracts + table tbody tr').first();
    check(await card.evaluate(e => getComputedStyle(e).display) === 'block',
      'a row is not a card on the phone');
    const cell = card.locator('td[data-label="逾期未收"]');
    check((await cell.textContent()) === '7,000.00', 'overdue: ' + await cell.textContent());
    check((await p.context().cookies()).length === 0, 'a cookie was set');
    await look(p, '50-public-phone');
    await p.setViewportSize({ width: 1366, height: 768 });
    await look(p, '51-public-desktop');
    await ctx.close();
  },

  // The clerk prints the notice board's sheet: the QR code is on it, an
  // image the browser draws; the public print page has it large.
  async print(page) {
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/asset`);
    await page.getByRole('link', { name: '打印公开表' }).click();
    await page.waitForLoadState();
    await page.goto(`${URL}/asset/print?village=${V1}`);
    const img = page.getByRole('img', { name: '本村三资公开信息页面的二维码' });
    await img.waitFor();
    check(await img.evaluate(e => e.complete && e.naturalWidth > 0),
      'the QR code is not drawn');
    check((await page.textContent('main')).includes('扫码查看本村三资公开信息'),
      'no 扫码查看本村三资公开信息');
    await look(page, '52-print-with-qr');
    await page.emulateMedia({ media: 'print' });
    await look(page, '53-print-with-qr-paper');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${URL}/public/${V1}/print`);
    await look(page, '54-public-qr-print');
  },

  // The clerk opens the overdue list from the contract list, then a
  // contract's schedule.
  async overdue(page) {
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/contract`);
    await page.getByRole('link', { name: '逾期应收' }).click();
    await page.waitForURL(/\/contract\/overdue$/);
    const total = page.locator('table.list tfoot tr').first();
    check((await total.textContent()).includes('7,000.00'),
      'the overdue total: ' + await total.textContent());
    await look(page, '55-overdue');
    await page.getByRole('link', { name: `${V1}-HT-0001` }).first().click();
    await page.waitForURL(new RegExp(`/contract/${V1}-HT-0001$`));
    check((await page.textContent('main')).includes('收款计划'), 'no schedule');
    await look(page, '56-contract-schedule');
  },
};

await run(scenarios);
