// tests/browser/subsidy.mjs SCENARIO: an interest subsidy from the
// village's application to the county's payment in chromium (lib.mjs), by
// three users of three roles, each in a browser of their own. Started by
// tests/web/t7260-web-subsidy-browser.sh, which makes the database: the
// programme year 2025 (budget 10,000.00, village cap 2,000.00) and a loan of V1 (LOAN).
import { URL, check, look, login, run } from './lib.mjs';

const LOAN = process.env.LOAN;

// A new browser context logged in as user.
async function as(browser, user) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 },
                                         locale: 'zh-CN' });
  const page = await ctx.newPage();
  await login(page, user, `${user}Pass123`);
  return page;
}

async function main(page) {
  return (await page.textContent('main')).replace(/\s+/g, ' ');
}

const scenarios = {
  async flow(page, browser) {
    // The clerk records the loan's interest and applies.
    await login(page, 'clerk', 'clerkPass123');
    await page.getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '贷款', exact: true }).click();
    await page.getByRole('link', { name: LOAN }).click();
    await page.getByLabel('计息起日').fill('2025-01-01');
    await page.getByLabel('计息止日').fill('2025-07-01');
    await page.getByLabel('实付利息（元）').fill('3000');
    await page.getByLabel('付息日期').fill('2025-07-01');
    await page.getByLabel('付息凭证号').fill('记-2025-07');
    await page.getByRole('button', { name: '登记付息' }).click();
    await page.waitForURL(new RegExp(`/loan/${LOAN}$`));
    check((await main(page)).includes('记-2025-07'), 'the payment is not on the loan');
    await look(page, '50-subsidy-loan');
    await page.getByRole('link', { name: '申请贴息' }).click();
    await page.getByLabel('贷款').selectOption(LOAN);
    await page.getByLabel('年度').fill('2025');
    await page.getByLabel('申请日期').fill('2025-07-10');
    await look(page, '51-subsidy-apply');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/subsidy\/[^/]*-TX-0001\?done=apply$/);
    const app = new globalThis.URL(page.url()).pathname;
    // 100,000.00 × 6% × 181 / 360 = 3,016.67; min(3,000.00, ·) × 50%
    let text = await main(page);
    check(text.includes('贴息合计：2,266.67 元') === false && text.includes('贴息合计：1,500.00 元'),
      'the application does not ask 1,500.00: ' + text);
    check(text.includes('下一步：乡镇初审'), 'the next step is not 乡镇初审');
    await look(page, '52-subsidy-applied');

    // The 乡镇 reviews, then publicizes (a week too short first).
    const town = await as(browser, 'town');
    await town.goto(`${URL}/`);
    await town.getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '贴息', exact: true }).click();
    await look(town, '53-subsidy-list');
    await town.goto(`${URL}${app}`);
    await town.getByLabel('初审日期').fill('2025-07-12');
    await town.getByLabel('意见说明').fill('材料齐全，同意');
    check(await town.getByLabel('同意', { exact: true }).isChecked(), '同意 is not the default');
    await look(town, '59-subsidy-review');
    await town.getByRole('button', { name: '提交初审' }).click();
    await town.waitForURL(/done=review$/);
    await town.getByLabel('公示起日').fill('2025-07-13');
    await town.getByLabel('公示止日').fill('2025-07-18');
    await town.getByRole('button', { name: '登记公示' }).click();
    const err = town.locator('#e-pub-to');
    check((await err.textContent()).includes('7'), 'the short publicity is not refused at 公示止日');
    check(await town.getByLabel('公示止日').getAttribute('aria-invalid') === 'true',
      '公示止日 is not marked invalid');
    await look(town, '54-subsidy-publicity-error');
    await town.getByLabel('公示止日').fill('2025-07-19');
    await town.getByRole('button', { name: '登记公示' }).click();
    await town.waitForURL(/done=publicize$/);
    check(!(await main(town)).includes('县级审定') ||
          await town.getByRole('button', { name: '审定' }).count() === 0,
      'the 乡镇 is offered 县级审定');

    // 县级 approves (cut by the village cap? 1,500.00 < 2,000.00: not cut)
    // and pays.
    const county = await as(browser, 'county');
    await county.goto(`${URL}${app}`);
    text = await main(county);
    check(text.includes('每村年度限额 2,000.00 元，本村本年已审定或拨付 0.00 元'),
      'the approval form does not show the caps: ' + text);
    await county.getByLabel('审定日期').fill('2025-07-20');
    await look(county, '55-subsidy-approve');
    await county.getByRole('button', { name: '审定', exact: true }).click();
    await county.waitForURL(/done=approve$/);
    text = await main(county);
    check(text.includes('审定贴息 1,500.00 元，未核减'), 'the approval is not shown: ' + text);
    await county.getByLabel('拨付日期').fill('2025-07-25');
    await county.getByLabel('拨付凭证号').fill('付-2025-071');
    await county.getByRole('button', { name: '拨付', exact: true }).click();
    await county.waitForURL(/done=pay$/);
    text = await main(county);
    check(text.includes('状态：已拨付'), 'not paid: ' + text);
    await look(county, '56-subsidy-paid');

    // The programme year's bar after it: 1,500.00 paid of 10,000.00.
    await county.goto(`${URL}/program/2025`);
    const cap = await county.locator('#bar-text').textContent();
    check(cap.includes('已拨付 1,500.00 元（15.0%）') && cap.includes('剩余 8,500.00 元'),
      'the bar says: ' + cap);
    await look(county, '57-subsidy-program');
    await county.goto(`${URL}/subsidy/report?year=2025`);
    check((await main(county)).includes('1,500.00'), 'the report does not show the payment');
    await look(county, '58-subsidy-report');
  },
};

await run(scenarios);
