import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Button, ConfigProvider, Statistic, Tag } from 'antd';
import {
  presetTagClass,
  smallButtonClass,
  statisticClass,
  statisticInteger,
} from '../../web/src/components/antd-look';
import { CSS_VAR_KEY, THEME } from '../../web/src/app/theme';

/** What antd renders for `element` under the app's theme, as My work's rows would have it. */
const antdHtml = (element: ReactElement) =>
  renderToString(
    createElement(ConfigProvider, { theme: THEME, button: { autoInsertSpace: false } }, element),
  );

const firstClassList = (html: string) => /class="([^"]*)"/.exec(html)![1].split(' ');
/** antd's theme hash class (css-…, not the CSS variables' class). */
const hashOf = (html: string) =>
  firstClassList(html).find((name) => /^css-/.test(name) && name !== CSS_VAR_KEY)!;
const sorted = (classes: string) => classes.split(' ').sort();

// My work draws antd's look with plain elements (components/antd-look.ts): the same classes as
// antd's own Button, Tag and Statistic, or the rows would silently lose their style.
describe("antd's look on plain elements", () => {
  it('gives a small primary or default button the classes antd gives it, the theme hash and variables included', () => {
    for (const kind of ['primary', 'default'] as const) {
      const html = antdHtml(createElement(Button, { size: 'small', type: kind }, 'x'));
      expect(hashOf(html)).toMatch(/^css-[\w-]+$/);
      expect(sorted(smallButtonClass(hashOf(html), kind))).toEqual(firstClassList(html).sort());
      expect(html).toContain(`class="${firstClassList(html).join(' ')}"><span>x</span></button>`);
    }
  });

  it("gives a preset colour's tag the classes antd gives it", () => {
    for (const color of ['red', 'geekblue', 'purple', 'magenta', 'blue', 'cyan']) {
      const html = antdHtml(createElement(Tag, { color }, 'x'));
      expect(sorted(presetTagClass(hashOf(html), color))).toEqual(firstClassList(html).sort());
    }
  });

  it("writes a count as antd's Statistic does, in its classes", () => {
    for (const value of [0, 7, 999, 1000, 12345, 1000000]) {
      const html = antdHtml(createElement(Statistic, { title: 't', value }));
      expect(sorted(statisticClass(hashOf(html)))).toEqual(firstClassList(html).sort());
      expect(html).toContain(
        '<div class="ant-statistic-header"><div class="ant-statistic-title">t</div></div>' +
          '<div class="ant-statistic-content"><span class="ant-statistic-content-value">' +
          `<span class="ant-statistic-content-value-int">${statisticInteger(value)}</span></span></div>`,
      );
    }
    expect(statisticInteger(1234567)).toBe('1,234,567');
  });
});
