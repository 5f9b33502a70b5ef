// tests/browser/year.mjs SCENARIO: the demo county's year run entirely in
// the browser (issue 16 "Done when"), by users of the right roles, each in
// a browser context of their own, finding their way by the menu and the
// links on the pages as new users would (only the first address typed).
// Started by tests/web/t7480-web-year-browser.sh, which makes a database
// with only the divisions and the users (as an administrator starts) and
// the two GBK sheets (bad.csv with one bad cell, good.csv). The scenarios
// run in this order, on the same database:
//   program   县级 sets up the programme year 2026 (budget 500,000.00, each
//             village at most 2,000.00 a year)
//   clerk     村报账员 of 福如东村: an asset by the form, three by a GBK
//             sheet (a bad cell first, fixed), a land resource, an account,
//             a lease of the asset with its receipt, a loan with two
//             interest payments, and the subsidy application
//   town      乡镇: 待办 on 首页 first, then 初审 and 公示
//   county    县级: 审定 (cut by the village's yearly cap), 拨付, the bar
//   disposal  a sale of the 粉碎机 by 协议: the clerk files, records the
//             four meetings and the publicity; the 乡镇 agrees from 待办;
//             the clerk books the proceeds, executes, publicizes the result
//   audit     审计: the year's findings, one followed to its record, the
//             audit ZIP exported and downloaded, the change log verified
//   villager  no login, on a phone: the clerk's print page for the notice
//             board gives the address; the public page shows the lease
//             and the subsidy
import { URL, SHOTS, check, look, login, run } from './lib.mjs';
import { readFileSync, writeFileSync } from 'node:fs';

const V1 = '150125100201';
// A valid identity number (GB 11643 check digit) and a bank account: they
// must never reach the public page.
const PARTY_ID = '150125198001010019';
const BANK_ACCOUNT = '6228480012345678';

async function as(browser, user, viewport = { width: 1366, height: 768 }) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN',
                                         acceptDownloads: true });
  const page = await ctx.newPage();
  if (user)
    await login(page, user, `${user}Pass123`);
  return page;
}

async function main(page) {
  return (await page.textContent('main')).replace(/\s+/g, ' ');
}

async function menu(page, name) {
  await page.getByRole('navigation', { name: '主菜单' })
    .getByRole('link', { name, exact: true }).click();
  await page.waitForLoadState();
}

async function save(page, button = '保存') {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
}

// The code of the record whose page is open (/asset/CODE …).
function code_of(page) {
  return decodeURIComponent(new globalThis.URL(page.url()).pathname.split('/')[2]);
}

// A fund entry by the form of 资金收支 (f: the fields' values).
async function fund(page, f) {
  await menu(page, '资金收支');
  await page.getByRole('link', { name: '新增资金收支' }).click();
  await page.getByLabel('凭证号').fill(f.voucher);
  await page.locator('#f-date').fill(f.date); // “日期”: also in 付息日期…
  await page.getByLabel('账户编号').selectOption(f.account);
  await page.getByLabel('收支方向').selectOption(f.direction);
  await page.getByLabel('金额（元）').fill(f.amount);
  await page.getByLabel('收支类别').selectOption(f.category);
  await page.getByLabel('对方单位').fill(f.party);
  await page.getByLabel('摘要').fill(f.summary);
  if (f.contract) {
    check(await page.locator(`#l-contract option[value="${f.contract}"]`).count() === 1,
      '合同编号 does not offer the contract');
    await page.getByLabel('合同编号').fill(f.contract);
  }
  await save(page);
  const text = await main(page);
  check(text.includes(f.voucher) && text.includes(Number(f.amount).toLocaleString('en-US',
    { minimumFractionDigits: 2 })), 'the fund entry is not shown: ' + text);
}

const scenarios = {
  async program(_page, browser) {
    const county = await as(browser, 'county');
    await look(county, '80-year-county-home');
    await menu(county, '贴息');
    await county.getByRole('link', { name: '贴息年度' }).click();
    await county.getByLabel('年度').fill('2026');
    await save(county, '设立（按参数默认值）');
    check(county.url().includes('/program/2026'), 'not on the year: ' + county.url());
    await county.getByLabel('年度预算（元）').fill('500000');
    await county.getByLabel('每村年度限额（元）').fill('2000');
    await save(county, '保存修改');
    const cap = await county.locator('#bar-text').textContent();
    check(cap.includes('年度预算 500,000.00 元') && cap.includes('剩余 500,000.00 元'),
      'the new year\'s bar: ' + cap);
    await look(county, '81-year-program');
  },

  async clerk(_page, browser) {
    const page = await as(browser, 'clerk');
    await look(page, '82-year-clerk-home');
    // An asset by the form: a store-house, leased out below.
    await menu(page, '资产');
    await page.getByRole('link', { name: '新增资产' }).click();
    await page.getByLabel('资产名称').fill('村集体库房');
    await page.getByLabel('资产类别').selectOption('房屋及建筑物');
    await page.getByLabel('资产性质').selectOption('经营性');
    await page.getByLabel('坐落位置').fill('福如东村二组');
    await page.getByLabel('原值（元）').fill('86000');
    await page.getByLabel('取得方式').selectOption('自建');
    await page.getByLabel('取得日期').fill('2015-06-01');
    await page.getByLabel('使用状态').selectOption('闲置');
    await look(page, '83-year-asset-form');
    await save(page);
    const asset = code_of(page);
    check(asset === `${V1}-ZC-0001`, 'the asset\'s code: ' + asset);
    check((await main(page)).includes('86,000.00'), 'the asset is not shown');

    // Three more by a GBK sheet: the bad cell marked, the fixed sheet in.
    await menu(page, '资产');
    await page.getByRole('link', { name: '导入', exact: true }).click();
    await page.getByLabel('表格文件').setInputFiles('bad.csv');
    await page.getByRole('button', { name: '上传并检查' }).click();
    const row = page.locator('table.errors tbody tr');
    check(await row.count() === 1, 'the preview does not list one bad cell');
    const cells = await row.first().locator('td').allTextContents();
    check(cells.join('|') === '3|原值|“12a”：不是金额', 'the bad cell: ' + cells.join('|'));
    await look(page, '84-year-import-error');
    await page.getByRole('link', { name: '重新上传' }).click();
    await page.getByLabel('表格文件').setInputFiles('good.csv');
    await page.getByRole('button', { name: '上传并检查' }).click();
    check((await main(page)).includes('检查无误：将新增 3 行'), 'the fixed sheet');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.waitForLoadState();
    check((await main(page)).includes('已导入：新增 3 行'), 'not imported');
    await menu(page, '资产');
    const list = await main(page);
    check(list.includes('铡草机') && list.includes('村集体库房'), 'the assets are not listed');
    await look(page, '85-year-asset-list');

    // A land resource.
    await menu(page, '资源');
    await page.getByRole('link', { name: '新增资源' }).click();
    await page.getByLabel('资源名称').fill('后山旱地');
    await page.getByLabel('地类').selectOption({ label: '0103 旱地' });
    await page.getByLabel('坐落位置').fill('福如东村北');
    await page.getByLabel('面积（亩）').fill('120.5');
    await page.getByLabel('经营状态').selectOption('未利用');
    await save(page);
    check((await main(page)).includes('后山旱地'), 'the resource is not shown');
    await look(page, '86-year-resource');

    // An account.
    await menu(page, '账户');
    await page.getByRole('link', { name: '新增账户' }).click();
    await page.getByLabel('账户名称').fill('村集体基本户');
    await page.getByLabel('账户类型').selectOption('银行存款');
    await page.getByLabel('开户银行').fill('武川县农村信用合作联社');
    await page.getByLabel('银行账号').fill(BANK_ACCOUNT);
    await page.getByLabel('期初余额（元）').fill('20000');
    await page.getByLabel('期初日期').fill('2026-01-01');
    await save(page);
    const account = code_of(page);
    check((await main(page)).includes('20,000.00'), 'the account is not shown');

    // The store-house's lease, signed before the register started
    // (registry.start 2025-01-01): an existing contract, registered
    // without a disposal filing. 3 years at 6,000.00 a year.
    await menu(page, '合同');
    await page.getByRole('link', { name: '新增合同' }).click();
    await page.getByLabel('合同类型').selectOption('出租');
    // 标的编号 offers the village's assets and resources by name
    check(await page.locator(`#l-object option[value="${asset}"]`).textContent() ===
          '村集体库房（资产，房屋及建筑物）', '标的编号 does not offer the store-house');
    await page.getByLabel('标的编号').fill(asset);
    await page.getByLabel('对方名称').fill('王建国');
    await page.getByLabel('对方证件号').fill(PARTY_ID);
    await page.getByLabel('是否本集体成员').selectOption('是');
    await page.getByLabel('起始日期').fill('2025-01-01');
    await page.getByLabel('终止日期').fill('2027-12-31');
    await page.getByLabel('年金额（元）').fill('6000');
    await page.getByLabel('付款方式').selectOption('年付');
    await page.getByLabel('首次应付日期').fill('2025-01-15');
    await page.getByLabel('签订日期').fill('2024-12-20');
    await look(page, '87-year-contract-form');
    await save(page);
    const contract = code_of(page);
    check(/-HT-0001$/.test(contract), 'the contract is not saved: ' + page.url() + ' ' +
      await main(page));
    await look(page, '88-year-contract');

    // The year's rent received, citing the contract.
    await fund(page, { voucher: '收-2026-001', date: '2026-01-15', account,
      direction: '收入', amount: '6000', category: '经营收入', party: '王建国',
      summary: '收村集体库房 2026 年租金', contract });
    await look(page, '89-year-receipt');

    // A loan, its two interest payments, the application.
    await menu(page, '贷款');
    await page.getByRole('link', { name: '新增贷款' }).click();
    await page.getByLabel('贷款银行').fill('武川县农村信用合作联社');
    await page.getByLabel('贷款合同号').fill('武信贷2026-018');
    await page.getByLabel('项目名称').fill('村集体肉牛养殖');
    await page.getByLabel('本金（元）').fill('200000');
    await page.getByLabel('年利率（%）').fill('4.8');
    await page.getByLabel('放款日期').fill('2026-01-01');
    await page.getByLabel('到期日期').fill('2028-12-31');
    await look(page, '90-year-loan-form');
    await save(page);
    const loan = code_of(page);
    for (const [from, to, on, voucher] of [
      ['2026-01-01', '2026-07-01', '2026-07-01', '付-2026-07'],
      ['2026-07-01', '2026-10-31', '2026-10-31', '付-2026-10']]) {
      await page.getByLabel('计息起日').fill(from);
      await page.getByLabel('计息止日').fill(to);
      await page.getByLabel('实付利息（元）').fill('3000');
      await page.getByLabel('付息日期').fill(on);
      await page.getByLabel('付息凭证号').fill(voucher);
      await save(page, '登记付息');
      check((await main(page)).includes(voucher), 'the payment is not on the loan');
    }
    await look(page, '91-year-loan');
    // The field's hint says the audit looks for the voucher in the books
    // (TX01): the interest paid, as expenses under the same vouchers.
    const hint = await page.locator('#f-voucher').getAttribute('aria-describedby');
    check((await page.locator(`[id="${hint.split(' ')[0]}"]`).textContent()).includes('资金收支'),
      'the voucher\'s hint does not send the clerk to 资金收支');
    for (const [on, voucher] of [['2026-07-01', '付-2026-07'], ['2026-10-31', '付-2026-10']])
      await fund(page, { voucher, date: on, account, direction: '支出', amount: '3000',
        category: '其他支出', party: '武川县农村信用合作联社',
        summary: '付村集体肉牛养殖贷款利息' });
    await menu(page, '贷款');
    await page.getByRole('link', { name: loan }).click();
    await page.getByRole('link', { name: '申请贴息' }).click();
    await page.getByLabel('贷款').selectOption(loan);
    await page.getByLabel('年度').fill('2026');
    await page.getByLabel('申请日期').fill('2026-11-02');
    await look(page, '92-year-apply');
    await save(page, '提交申请');
    // each payment: min(3,000.00, 200,000.00 × 4.8% × 181 (122) / 360
    // = 4,826.67 (3,253.33)) × 50% = 1,500.00
    const text = await main(page);
    check(text.includes('贴息合计：3,000.00 元'), 'the application does not ask 3,000.00: ' + text);
    check(text.includes('下一步：乡镇初审'), 'the next step is not 乡镇初审');
    await look(page, '93-year-applied');
  },

  async town(_page, browser) {
    const town = await as(browser, 'town');
    const todo = town.locator('section[aria-labelledby="todo"]');
    const t = (await todo.textContent()).replace(/\s+/g, ' ');
    check(t.includes('TX-0001') && t.includes('乡镇初审'),
      'the application is not waiting on 首页: ' + t);
    await look(town, '94-year-town-home');
    await todo.getByRole('link', { name: /TX-0001/ }).click();
    await town.getByLabel('初审日期').fill('2026-11-04');
    await town.getByLabel('意见说明').fill('贷款用于村集体肉牛养殖，付息凭证齐全，同意');
    await look(town, '95-year-review');
    await save(town, '提交初审');
    check(town.url().includes('done=review'), 'not reviewed: ' + await main(town));
    await town.getByLabel('公示起日').fill('2026-11-05');
    await town.getByLabel('公示止日').fill('2026-11-12');
    await save(town, '登记公示');
    check(town.url().includes('done=publicize'), 'not publicized: ' + await main(town));
    check(await town.getByRole('button', { name: '审定' }).count() === 0,
      'the 乡镇 is offered 县级审定');
    await look(town, '96-year-publicized');
  },

  async county(_page, browser) {
    const county = await as(browser, 'county');
    const todo = county.locator('section[aria-labelledby="todo"]');
    const t = (await todo.textContent()).replace(/\s+/g, ' ');
    check(t.includes('TX-0001') && t.includes('县级审定'),
      'the application is not waiting on the county\'s 首页: ' + t);
    await todo.getByRole('link', { name: /TX-0001/ }).click();
    await county.getByLabel('审定日期').fill('2026-11-13');
    await look(county, '97-year-approve');
    await save(county, '审定');
    // 3,000.00 asked, the village's yearly cap 2,000.00: cut to it.
    let text = await main(county);
    check(text.includes('审定贴息 2,000.00 元') && text.includes('每村年度限额'),
      'the approval does not say the village cap cut it: ' + text);
    await look(county, '98-year-approved');
    await county.getByLabel('拨付日期').fill('2026-11-16');
    await county.getByLabel('拨付凭证号').fill('县财-2026-1116');
    await save(county, '拨付');
    text = await main(county);
    check(text.includes('状态：已拨付'), 'not paid: ' + text);
    await menu(county, '贴息');
    await county.getByRole('link', { name: '贴息年度' }).click();
    await county.getByRole('link', { name: '2026', exact: true }).click();
    const cap = await county.locator('#bar-text').textContent();
    check(cap.includes('已拨付 2,000.00 元（0.4%）') && cap.includes('剩余 498,000.00 元'),
      'the bar says: ' + cap);
    await look(county, '99-year-program-paid');
  },

  // A sale of the 粉碎机 (book value 1,441.10: below 50,000.00, no
  // appraisal; below 200,000.00, 协议 allowed) through 四议两公开.
  async disposal(_page, browser) {
    const page = await as(browser, 'clerk');
    await menu(page, '处置申报');
    await page.getByRole('link', { name: '新建处置申报' }).click();
    await page.getByLabel('处置类型').selectOption('出售');
    await page.getByLabel('处置理由').fill('粉碎机老化，本村已不再使用');
    await page.getByLabel('处置方式').selectOption('协议');
    await page.getByLabel('拟定价格（元）').fill('1200');
    await page.getByLabel('申报日期').fill('2026-11-02');
    await page.getByLabel(`${V1}-ZC-0004`).check();
    await look(page, '110-year-disposal-new');
    await save(page, '提交申报');
    check(/\/disposal\/\d+-CZ-\d+\?done=filed$/.test(page.url()), 'not filed: ' +
      (await main(page)).slice(0, 400));
    const code = code_of(page);
    for (const [step, body, date, due, present, vfor, against] of [
      ['提议', '党支部会议', '2026-11-03', 7, 5, 5, 0],
      ['商议', '两委联席会议', '2026-11-04', 9, 7, 6, 1],
      ['审议', '党员大会', '2026-11-05', 20, 15, 12, 3],
      ['决议', '村民代表会议', '2026-11-06', 45, 32, 20, 12]]) {
      check((await main(page)).includes(`下一步：${step}`), `the next step is not ${step}`);
      await page.getByLabel('程序').selectOption(step);
      await page.locator('#vote-body').selectOption(body);
      await page.getByLabel('会议日期').fill(date);
      await page.getByLabel('应到（人）').fill(String(due));
      await page.getByLabel('实到（人）').fill(String(present));
      await page.locator('#vote-for').fill(String(vfor));
      await page.locator('#vote-against').fill(String(against));
      if (step === '决议')
        await look(page, '111-year-disposal-vote');
      await save(page, '登记会议');
    }
    await page.getByLabel('公示起日').fill('2026-11-08');
    await page.getByLabel('公示止日').fill('2026-11-14');
    await save(page, '登记公示');
    let text = await main(page);
    check(text.includes('下一步：乡镇审核'), 'the next step is not 乡镇审核: ' + text.slice(0, 400));

    // The 乡镇 finds it in 待办 and agrees.
    const town = await as(browser, 'town');
    const todo = town.locator('section[aria-labelledby="todo"]');
    check((await todo.textContent()).includes(code), 'the filing is not in the 乡镇\'s 待办');
    await todo.getByRole('link', { name: code }).click();
    await town.getByRole('radio', { name: '同意', exact: true }).check();
    await town.getByLabel('审核日期').fill('2026-11-16');
    await town.getByLabel('审核说明').fill('程序完备，同意协议出售');
    await look(town, '112-year-disposal-review');
    await save(town, '提交审核意见');
    check(town.url().includes('done=review'), 'not reviewed: ' + (await main(town)).slice(0, 400));

    // The clerk books the proceeds, executes and publicizes the result.
    const account = `${V1}-ZH-0001`;
    await fund(page, { voucher: '收-2026-015', date: '2026-11-25', account,
      direction: '收入', amount: '1200', category: '其他收入', party: '李春生',
      summary: '出售粉碎机价款' });
    await menu(page, '处置申报');
    await page.getByRole('link', { name: code }).click();
    check((await main(page)).includes('下一步：执行'), 'the next step is not 执行');
    await page.getByLabel('执行日期').fill('2026-11-25');
    await page.getByLabel('受让方/承租方').fill('李春生');
    await page.getByLabel('成交价格（元）').fill('1200');
    await page.getByLabel('收款凭证').selectOption('收-2026-015');
    await save(page, '登记执行');
    check(page.url().includes('done=execute'), 'not executed: ' + (await main(page)).slice(0, 400));
    await page.getByLabel('公示起日').fill('2026-11-26');
    await page.getByLabel('公示止日').fill('2026-12-02');
    await save(page, '登记公示');
    text = await main(page);
    check(text.includes('已公开') && text.includes('无（程序已完成）'),
      'the filing is not complete: ' + text.slice(0, 400));
    await look(page, '113-year-disposal-done');
  },

  async audit(_page, browser) {
    const audit = await as(browser, 'audit');
    await look(audit, '100-year-audit-home');
    await menu(audit, '审计');
    // 审计 opens on last year; this year's is one link on.
    await audit.getByRole('link', { name: '下一年度' }).click();
    check(audit.url().endsWith('/audit/2026'), 'not the year 2026: ' + audit.url());
    await look(audit, '101-year-audit-classes');
    await audit.getByRole('navigation', { name: /审计/ })
      .getByRole('link', { name: '审计发现' }).click();
    const rows = await audit.locator('table.list tbody tr').allTextContents();
    const all = rows.join('\n');
    // The year's findings: the store-house and the land without a
    // certificate (ZC02), the 2026 rent not received (HT02: the receipt
    // of 2026-01-15 paid the oldest due, 2025's); the interest is in the
    // books, so no TX01.
    check(/ZC02[\s\S]*村集体库房/.test(all) && /ZC02[\s\S]*后山旱地/.test(all) &&
          all.includes('HT02') && !all.includes('TX01'),
      'the findings: ' + all.replace(/\s+/g, ' '));
    await look(audit, '102-year-findings');
    await audit.getByRole('link', { name: `${V1}-ZC-0001` }).click();
    check((await main(audit)).includes('村集体库房'), 'the finding\'s record is not shown');
    const body = audit.locator('main');
    check(await body.getByRole('button').count() === 0 &&
          await body.getByRole('link', { name: /修改|编辑|作废/ }).count() === 0,
      'the auditor is offered a change');
    await look(audit, '103-year-finding-record');

    // The audit ZIP, built in the background.
    await menu(audit, '审计');
    await audit.getByRole('link', { name: '下一年度' }).click();
    await audit.getByRole('button', { name: '导出审计资料（ZIP）' }).click();
    const link = audit.getByRole('link', { name: '下载审计资料（ZIP）' });
    await link.waitFor({ timeout: 60000 });
    const head = (await audit.locator('#head').textContent()).trim();
    check(/^[0-9a-f]{64}$/.test(head), 'no chain head on the page: ' + head);
    await look(audit, '104-year-export');
    const [dl] = await Promise.all([audit.waitForEvent('download'), link.click()]);
    await dl.saveAs('audit.zip');
    check(readFileSync('audit.zip').subarray(0, 2).toString() === 'PK', 'not a ZIP');
    writeFileSync('head.txt', head + '\n');

    // The change log, verified: the same chain head.
    await menu(audit, '变更日志');
    await look(audit, '105-year-log');
    await save(audit, '立即校验');
    const said = await main(audit);
    check(said.includes(head), 'the verification does not show the export\'s head: ' + said);
    await look(audit, '106-year-log-verified');
  },

  async villager(_page, browser) {
    // The clerk prints the notice board's sheet, with its QR code.
    const clerk = await as(browser, 'clerk');
    await menu(clerk, '资产');
    await clerk.getByRole('link', { name: '打印公开表' }).click();
    await clerk.waitForLoadState();
    // the village's own clerk is not asked which village (the link names it)
    check(clerk.url().endsWith(`/asset/print?village=${V1}`), 'the print link: ' + clerk.url());
    const addr = (await clerk.locator('figure.qr .url').textContent()).trim();
    check(addr === `${URL}/public/${V1}`, 'the QR code\'s address: ' + addr);
    const qr = await clerk.locator('figure.qr img').getAttribute('src');
    const svg = await (await clerk.request.get(`${URL}${qr}`)).text();
    check(svg.startsWith('<?xml') || svg.includes('<svg'), 'no QR code image');
    await look(clerk, '107-year-notice-print');

    // A villager's phone opens the address (no login, no cookie).
    const phone = await as(browser, null, { width: 390, height: 844 });
    await phone.goto(addr);
    const text = await main(phone);
    check(text.includes('王建国') && text.includes('6,000.00'), 'the lease is not public: ' + text);
    check(text.includes('2,000.00'), 'the subsidy received is not public: ' + text);
    check(/粉碎机[\s\S]*1,200\.00/.test(text), 'the sale is not public: ' + text);
    const html = await phone.content();
    for (const secret of [PARTY_ID, BANK_ACCOUNT, 'clerk', 'town', 'county', 'audit'])
      check(!html.includes(secret), `the public page shows ${secret}`);
    const wide = await phone.evaluate(() =>
      document.documentElement.scrollWidth > window.innerWidth + 1);
    check(!wide, 'the public page is wider than the phone');
    await look(phone, '108-year-public-phone');
  },
};

await run(scenarios);
