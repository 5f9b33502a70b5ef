// tests/browser/disposal.mjs SCENARIO: a disposal filing (处置申报) in
// chromium (lib.mjs), by users of three roles: the village clerk files a
// sale and records the meetings (one vote failing first, its reason shown,
// then passing), the publicity and the appraisal; the township reviews;
// the clerk executes it and publicizes the result; the county auditor
// reads the filing and its 处置申报表. Started by
// tests/web/t7210-web-disposal-browser.sh, which makes the database.
import { URL, SHOTS, check, look, login, run } from './lib.mjs';

const OBJ = process.env.OBJ;

// The text of the page's main element.
async function main(page) {
  return await page.textContent('main');
}

async function vote(page, step, body, date, due, present, vfor, against) {
  await page.getByLabel('程序').selectOption(step);
  await page.locator('#vote-body').selectOption(body);
  await page.getByLabel('会议日期').fill(date);
  await page.getByLabel('应到（人）').fill(String(due));
  await page.getByLabel('实到（人）').fill(String(present));
  await page.locator('#vote-for').fill(String(vfor));
  await page.locator('#vote-against').fill(String(against));
  await page.getByRole('button', { name: '登记会议' }).click();
  await page.waitForLoadState();
}

const scenarios = {
  async sale(page, browser) {
    // ---- the clerk files ----
    await login(page, 'clerk', 'clerkPass123');
    await page.getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '处置申报' }).click();
    await page.getByRole('link', { name: '新建处置申报' }).click();
    await page.getByLabel('处置类型').selectOption('出售');
    await page.getByLabel('处置理由').fill('旧仓库闲置多年，维修费用高');
    await page.getByLabel('处置方式').selectOption('拍卖');
    await page.getByLabel('拟定价格（元）').fill('90000');
    await page.getByLabel('申报日期').fill('2026-11-02');
    // no object picked: refused, the reason at the objects, the rest kept
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForLoadState();
    check((await page.locator('#e-new-objects').textContent()).includes('必填'),
      'a filing without objects is not refused at the objects');
    check(await page.getByLabel('处置理由').inputValue() === '旧仓库闲置多年，维修费用高',
      'what was typed is lost');
    await look(page, 'disp-01-new-refused');
    await page.getByLabel(OBJ).check();
    await look(page, 'disp-01-new');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(/\/disposal\/\d+-CZ-\d+\?done=filed$/);
    const code = page.url().replace(/.*\/disposal\//, '').replace(/\?.*/, '');
    let text = await main(page);
    check(text.includes('已提交申报') && text.includes('83,900.00'),
      'the filing is not shown with its book value: ' + text.slice(0, 400));
    check(text.includes('下一步：提议'), 'the next step is not 提议');
    await look(page, 'disp-02-filed');

    // ---- the meetings; 决议 fails first ----
    await vote(page, '提议', '党支部会议', '2026-11-03', 7, 5, 5, 0);
    await vote(page, '商议', '两委联席会议', '2026-11-04', 9, 7, 6, 1);
    await vote(page, '审议', '党员大会', '2026-11-05', 20, 15, 12, 3);
    text = await main(page);
    check(text.includes('下一步：决议'), 'the next step is not 决议: ' + text.slice(0, 300));
    await vote(page, '决议', '村民代表会议', '2026-11-06', 45, 29, 25, 4);
    const err = page.locator('#e-vote-present');
    check((await err.textContent()).includes('实到 29 人，不足三分之二（至少 30 人）'),
      'the failed vote\'s reason is not at 实到: ' + await err.textContent());
    check(await page.getByLabel('实到（人）').inputValue() === '29',
      'what was typed is lost');
    check((await main(page)).includes('到会至少 30 人'),
      'the numbers the rules require are not beside the fields');
    await look(page, 'disp-03-vote-failed');
    await vote(page, '决议', '村民代表会议', '2026-11-07', 45, 32, 20, 12);
    text = await main(page);
    check(text.includes('表决通过') && text.includes('未通过：实到 29，不足规定的 30'),
      'the passing vote, or the failed one kept, is not shown');
    await page.getByLabel('公示起日').fill('2026-11-08');
    await page.getByLabel('公示止日').fill('2026-11-14');
    await page.getByRole('button', { name: '登记公示' }).click();
    await page.waitForLoadState();
    check((await main(page)).includes('下一步：资产评估'), 'the next step is not 资产评估');
    await page.getByLabel('评估价值（元）').fill('95000');
    await page.getByLabel('评估机构').fill('武川县某资产评估事务所');
    await page.getByLabel('评估报告号').fill('武评字〔2026〕18号');
    await page.getByLabel('评估日期').fill('2026-11-10');
    await page.getByRole('button', { name: '登记评估' }).click();
    await page.waitForLoadState();
    text = await main(page);
    check(text.includes('下一步：乡镇审核'), 'the next step is not 乡镇审核: ' + text.slice(0, 300));
    check(!(await page.getByRole('button', { name: '提交审核意见' }).count()),
      'the clerk is shown the review form');
    await look(page, 'disp-04-ready-for-review');

    // ---- the township reviews ----
    const town = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await login(town, 'town', 'townPass123');
    await town.goto(`${URL}/disposal?status=申报中`);
    await look(town, 'disp-05-town-list');
    await town.getByRole('link', { name: code }).click();
    await town.getByRole('radio', { name: '不同意' }).check();
    await town.getByLabel('审核日期').fill('2026-11-16');
    await town.getByRole('button', { name: '提交审核意见' }).click();
    await town.waitForLoadState();
    check((await town.locator('#e-review-opinion').textContent()).includes('不同意须说明理由'),
      'a 不同意 without its reason is not refused at the field');
    await look(town, 'disp-06-review-refused');
    await town.getByRole('radio', { name: '同意', exact: true }).check();
    await town.getByLabel('审核说明').fill('程序完备，同意按评估价拍卖');
    await town.getByRole('button', { name: '提交审核意见' }).click();
    await town.waitForURL(/done=review$/);
    check((await main(town)).includes('审核同意'), 'the review is not recorded');

    // ---- the clerk executes and publicizes the result ----
    await page.goto(`${URL}/disposal/${code}`);
    await page.getByLabel('执行日期').fill('2026-11-25');
    await page.getByLabel('受让方/承租方').fill('武川县某物流公司');
    await page.getByLabel('成交价格（元）').fill('96000');
    await page.getByLabel('收款凭证').selectOption('记-015');
    await look(page, 'disp-07-execute');
    await page.getByRole('button', { name: '登记执行' }).click();
    await page.waitForURL(/done=execute$/);
    await page.getByLabel('公示起日').fill('2026-11-26');
    await page.getByLabel('公示止日').fill('2026-12-02');
    await page.getByRole('button', { name: '登记公示' }).click();
    await page.waitForURL(/done=publicize$/);
    text = await main(page);
    check(text.includes('已公开') && text.includes('无（程序已完成）'),
      'the filing is not complete: ' + text.slice(0, 300));

    // ---- the county's auditor reads it and its 处置申报表 ----
    const audit = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await login(audit, 'audit', 'auditPass123');
    await audit.goto(`${URL}/disposal`);
    await audit.getByRole('link', { name: code }).click();
    text = await main(audit);
    check(text.includes('96,000.00') && text.includes('武评字〔2026〕18号') &&
      !(await audit.locator('main form[method="post"]').count()),
      'the auditor does not see the whole record, or sees a form');
    await look(audit, 'disp-08-audit-filing');
    await audit.getByRole('link', { name: '打印处置申报表' }).click();
    text = await audit.textContent('body');
    check(text.includes('处置申报表') && text.includes('申报单位（盖章）') &&
      text.includes('乡镇审核意见'), 'the print page lacks its signature lines');
    await look(audit, 'disp-09-print');
  },
};

await run(scenarios);
