import type { ThemeConfig } from 'antd';

/**
 * The class that carries the theme's CSS variables. Fixed, not antd's default (React's useId, which
 * differs between the build's render and the app's): the build's style file can then hold the
 * variables too, and plain elements dressed in antd's classes (pages/work/antd-look.ts) name it.
 */
export const CSS_VAR_KEY = 'css-var-recon';

/**
 * The app's Ant Design theme (App.tsx gives it to ConfigProvider; the build renders antd's styles
 * with it: build/antd-style-file.ts).
 *
 * Ant Design's default blue, grey and red texts fall short of WCAG AA contrast (4.5:1) on white: a
 * darker primary and secondary text read well for everyone (the axe check in test/e2e holds us to it).
 */
export const THEME: ThemeConfig = {
  cssVar: { key: CSS_VAR_KEY },
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd derives a lighter blue for hover, and white text on it falls under 4.5:1 while the pointer
    // rests on a primary button (axe saw it once it waited for the hover to finish): go darker instead.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Red dark enough for text on white (danger buttons, error messages).
    colorError: '#cf1322',
  },
  components: {
    // An empty table's placeholder row is written in the "disabled" grey (1.6:1 on white).
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};
