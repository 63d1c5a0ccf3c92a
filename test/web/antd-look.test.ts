import { createElement, type CSSProperties, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Button, ConfigProvider, Flex, Statistic, Tag, Typography } from 'antd';
import {
  flexAttributes,
  flexClass,
  presetTagClass,
  smallButtonClass,
  statisticClass,
  statisticInteger,
  typographyClass,
  type FlexLayout,
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

  it("gives a title, a paragraph and a text the classes antd's Typography gives them", () => {
    const cases = [
      [createElement(Typography.Title, { level: 2 }, 'x'), '<h2', undefined],
      [createElement(Typography.Title, { level: 1 }, 'x'), '<h1', undefined],
      [createElement(Typography.Paragraph, { type: 'secondary' }, 'x'), '<div', 'secondary'],
      [createElement(Typography.Text, { type: 'secondary' }, 'x'), '<span', 'secondary'],
    ] as const;
    for (const [element, tag, type] of cases) {
      const html = antdHtml(element);
      expect(html.startsWith(`${tag} class=`)).toBe(true);
      expect(sorted(typographyClass(hashOf(html), type))).toEqual(firstClassList(html).sort());
    }
  });

  it("draws a box as antd's Flex does: its classes, its gap in the style, the rest as given", () => {
    const cases: Array<
      FlexLayout & { gap?: number; style?: CSSProperties; role?: string; 'aria-label'?: string }
    > = [
      { justify: 'space-between', align: 'center', wrap: true, gap: 12 },
      { align: 'center', gap: 12 },
      { justify: 'center', style: { marginTop: 16 } },
      { gap: 24, wrap: true, role: 'group', 'aria-label': 'c', style: { marginBottom: 16 } },
      { justify: 'flex-end', align: 'center', gap: 16, style: { height: '100%' } },
      { gap: 12, wrap: true, style: { marginBottom: 16 } },
    ];
    for (const props of cases) {
      const html = antdHtml(createElement(Flex, props, 'x'));
      expect(sorted(flexClass(hashOf(html), props))).toEqual(firstClassList(html).sort());
      // PlainFlex's div: the same element but for the order of its classes.
      const { gap, style, wrap, align, justify, ...rest } = props;
      const plain = renderToString(
        createElement(
          'div',
          { ...flexAttributes(hashOf(html), { wrap, align, justify }, style, gap), ...rest },
          'x',
        ),
      );
      const withoutClass = (markup: string) => markup.replace(/class="[^"]*"/, 'class');
      expect(withoutClass(plain)).toBe(withoutClass(html));
    }
  });
});
