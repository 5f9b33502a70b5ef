// tests/browser/audit.mjs SCENARIO: the audit and the change log in
// chromium (lib.mjs). Started by tests/web/t7310-web-audit-browser.sh,
// which makes the database and checks the ZIP downloaded here (audit.zip
// in the working directory).
import { URL, SHOTS, check, look, login, run } from './lib.mjs';

const V1 = process.env.V1;

const scenarios = {
  // An 审计 user opens the findings, starts the export, waits for it,
  // downloads the ZIP; opens the change log and verifies it.
  async audit(page) {
    await login(page, 'audit', 'auditPass123');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '审计', exact: true }).click();
    await page.waitForLoadState();
    check(/\/audit\/\d{4}$/.test(page.url()), 'the 审计 menu: ' + page.url());
    // the year before last holds the data of the test (2025)
    await page.goto(`${URL}/audit/2025`);
    await look(page, '31-audit-classify');
    await page.getByRole('navigation', { name: '审计' })
      .getByRole('link', { name: '审计发现' }).click();
    await page.waitForLoadState();
    const rows = page.locator('table.list tbody tr');
    check(await rows.count() === 2, 'two findings: ' + await rows.count());
    await page.getByLabel('问题类别').selectOption('ZC01');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForLoadState();
    check(await rows.count() === 1, 'ZC01 alone: ' + await rows.count());
    check((await rows.first().textContent()).includes('资产零值'), 'the ZC01 row');
    await look(page, '32-audit-findings');
    // each finding links to its record
    await page.getByRole('link', { name: `${V1}-ZC-0003` }).click();
    await page.waitForURL(new RegExp(`/asset/${V1}-ZC-0003$`));
    check((await page.textContent('main')).includes('旧库房'), 'the record');
    await page.goBack();

    await page.goto(`${URL}/audit/2025`);
    await page.getByRole('button', { name: '导出审计资料（ZIP）' }).click();
    await page.waitForURL(/\/audit\/2025\/export\/[0-9a-f]{32}$/);
    // the page reloads itself (meta refresh) until the ZIP is made
    const link = page.getByRole('link', { name: '下载审计资料（ZIP）' });
    await link.waitFor({ timeout: 60000 });
    await look(page, '33-audit-export-done');
    const head = await page.locator('#head').textContent();
    check(/^[0-9a-f]{64}$/.test(head), 'the chain head: ' + head);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      link.click(),
    ]);
    check(download.suggestedFilename() === '年度审计-2025.zip',
      'the file name: ' + download.suggestedFilename());
    await download.saveAs('audit.zip');

    await menu.getByRole('link', { name: '变更日志' }).click();
    await page.waitForURL(/\/log$/);
    const diff = page.locator('ul.diff li').first();
    check((await diff.textContent()).includes('12,500.00 → 13,000.00'),
      'the edit, old → new: ' + await diff.textContent());
    await look(page, '34-log');
    await page.getByRole('button', { name: '立即校验' }).click();
    await page.waitForLoadState();
    const verified = await page.locator('#head').textContent();
    check(verified === head, `verify now: ${verified}, the export's ${head}`);
    check((await page.getByRole('status').textContent()).includes('校验通过'),
      'verify now does not say 校验通过');
    await look(page, '35-log-verified');
  },
};

run(scenarios);
