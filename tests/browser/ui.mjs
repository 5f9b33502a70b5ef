// tests/browser/ui.mjs SCENARIO: a clerk's and a 管理员's pages in
// chromium (lib.mjs). Started by tests/web/t7100-web-browser.sh and
// t7088-web-admin-browser.sh, which start the server and make the
// database and the sheets.
import { URL, SHOTS, check, look, login, run } from './lib.mjs';

const V1 = process.env.V1, V2 = process.env.V2;

const scenarios = {
  // A village clerk adds an asset with a mistake, sees the message at the
  // field, fixes it, and sees the record.
  async add(page) {
    await page.goto(`${URL}/login`);
    await look(page, '01-login');
    await login(page, 'clerk', 'clerkPass123');
    await look(page, '02-home');
    await page.getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '资产', exact: true }).click();
    await look(page, '03-asset-list');
    await page.getByRole('link', { name: '新增资产' }).click();
    await page.getByLabel('资产名称').fill('打井机');
    await page.getByLabel('资产类别').selectOption('机器设备');
    await page.getByLabel('资产性质').selectOption('经营性');
    await page.getByLabel('原值（元）').fill('12a');
    await page.getByLabel('取得方式').selectOption('购入');
    await page.getByLabel('取得日期').fill('2021-01-01');
    await page.getByLabel('使用状态').selectOption('在用');
    await page.getByRole('button', { name: '保存' }).click();
    const err = page.locator('#e-original_value');
    check(await err.textContent() === '“12a”：不是金额',
      'the mistake is not shown at 原值: ' + await err.textContent());
    check(await page.getByLabel('原值（元）').getAttribute('aria-invalid') === 'true',
      '原值 is not marked invalid');
    check(await page.getByLabel('资产名称').inputValue() === '打井机',
      'what was typed is lost');
    await look(page, '04-asset-form-error');
    await page.getByLabel('原值（元）').fill('1200');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(new RegExp(`/asset/${V1}-ZC-0003$`));
    const body = await page.textContent('main');
    check(body.includes('打井机') && body.includes('1,200.00'), 'the record is not shown');
    await look(page, '05-asset-record');
  },

  // A GB18030 sheet with one bad cell: marked in the preview; the fixed
  // sheet is checked, confirmed and imported.
  async import(page) {
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/asset/import`);
    await look(page, '06-import-form');
    await page.getByLabel('表格文件').setInputFiles('bad.csv');
    await page.getByRole('button', { name: '上传并检查' }).click();
    const row = page.locator('table.errors tbody tr');
    check(await row.count() === 1, 'the preview does not list one bad cell');
    const cells = await row.first().locator('td').allTextContents();
    check(cells.join('|') === '3|原值|“12a”：不是金额', 'the bad cell: ' + cells.join('|'));
    await look(page, '07-import-errors');
    await page.getByRole('link', { name: '重新上传' }).click();
    await page.getByLabel('表格文件').setInputFiles('good.csv');
    await page.getByRole('button', { name: '上传并检查' }).click();
    check((await page.textContent('main')).includes('检查无误：将新增 3 行'),
      'the preview of the fixed sheet');
    await look(page, '08-import-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    check((await page.textContent('main')).includes('已导入：新增 3 行'), 'not imported');
    await look(page, '09-import-done');
    await page.goto(`${URL}/asset`);
    check((await page.textContent('main')).includes('铡草机'), 'the imported row is not listed');
  },

  // A township user sees both villages; the village clerk only their own.
  async scope(page) {
    await login(page, 'town', 'townPass123');
    await page.goto(`${URL}/asset`);
    let text = await page.textContent('table.list tbody');
    check(text.includes(V1) && text.includes(V2), 'the township does not see both villages');
    await look(page, '10-township-list');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${URL}/login`);
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/asset`);
    text = await page.textContent('table.list tbody');
    check(text.includes(V1) && !text.includes(V2), 'the clerk sees another village');
    const res = await page.goto(`${URL}/asset/${V2}-ZC-0001`);
    check(res.status() === 404, 'another village\'s record is not 404');
    await look(page, '11-not-found');
  },

  // The print page of the village notice board: on screen, as printed
  // (no bar, no button), and as a PDF (A4).
  async print(page) {
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/asset/print?village=${V1}`);
    check((await page.textContent('h1')).includes('公开表'), 'no notice title');
    await look(page, '13-print');
    await page.emulateMedia({ media: 'print' });
    check(!(await page.isVisible('nav.noprint')), 'the bar is printed');
    await page.screenshot({ path: `${SHOTS}/14-print-media.png`, fullPage: true });
    await page.pdf({ path: `${SHOTS}/14-print.pdf`, preferCSSPageSize: true });
  },

  // The pages at a phone's width, and the keyboard: the skip link first.
  async phone(page) {
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'clerk', 'clerkPass123');
    await page.goto(`${URL}/asset/new`);
    await look(page, '12-phone-form');
    const wide = await page.evaluate(() =>
      document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!wide, 'the form is wider than the phone');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.textContent) === '跳到正文',
      'the first Tab does not reach the skip link');
  },

  // The 管理员 adds a user with a scope of the wrong level, sees the
  // reason at the field, corrects it (tests/web/t7088).
  async admin(page) {
    await login(page, 'admin', 'adminPass123');
    await page.getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '用户管理' }).click();
    await look(page, '20-admin-users');
    await page.getByLabel('用户名').fill('clerk2');
    await page.getByLabel('角色').selectOption('村报账员');
    await page.getByLabel('管辖范围').fill(V1.slice(0, 9));
    await page.locator('#f-password').fill('clerk2Pass1');
    await page.locator('#f-again').fill('clerk2Pass1');
    await page.getByRole('button', { name: '添加' }).click();
    await page.waitForLoadState();
    await look(page, '21-admin-users-error');
    const msg = await page.textContent('#e-scope');
    check(msg.includes('不是村的代码'), 'the scope\'s reason is not at its field: ' + msg);
    await page.getByLabel('管辖范围').fill(V2);
    await page.locator('#f-password').fill('clerk2Pass1');
    await page.locator('#f-again').fill('clerk2Pass1');
    await page.getByRole('button', { name: '添加' }).click();
    await page.waitForLoadState();
    check((await page.textContent('main')).includes('已添加用户“clerk2”'),
      'no word that clerk2 was added');
    await look(page, '22-admin-users-added');
  },
};

await run(scenarios);
