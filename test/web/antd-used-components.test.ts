import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  antdComponentsReached,
  antdComponentsUsed,
  antdImportsIn,
} from '../../web/build/antd-used-components';

// Which components antd's build-time style file holds (web/build/antd-style-file.ts).
describe('antd components the app uses', () => {
  const antdDir = path.dirname(require.resolve('antd/package.json'));
  let source: string;

  beforeAll(() => {
    source = mkdtempSync(path.join(tmpdir(), 'recon-antd-used-'));
    mkdirSync(path.join(source, 'pages'));
    writeFileSync(
      path.join(source, 'a.tsx'),
      `import { Button, type TableProps, Tag as Label } from 'antd';\n`,
    );
    writeFileSync(
      path.join(source, 'pages', 'b.ts'),
      `import {\n  Alert,\n  Flex,\n} from 'antd';\nimport type { Rule } from 'antd/es/form';\nimport { Select } from 'other';\n`,
    );
    writeFileSync(path.join(source, 'pages', 'c.css'), `/* import { Upload } from 'antd'; */`);
  });

  afterAll(() => rmSync(source, { recursive: true, force: true }));

  it("reads the names imported from 'antd' in .ts and .tsx files, across lines, types and aliases included", () => {
    expect(antdImportsIn(source)).toEqual(['Alert', 'Button', 'Flex', 'TableProps', 'Tag']);
  });

  it('adds the components a used one renders inside antd, and leaves the rest out', () => {
    const reached = antdComponentsReached(['Table'], antdDir);
    expect(reached).toEqual(
      expect.arrayContaining(['Table', 'Pagination', 'Empty', 'Spin', 'Checkbox', 'Radio']),
    );
    expect(reached).not.toContain('Upload');
    expect(reached).not.toContain('Calendar');
    // Names that are no component (types) are ignored.
    expect(antdComponentsReached(['TableProps'], antdDir)).toEqual([]);
  });

  it("holds the app's components, and not all of antd's", () => {
    const appSource = path.resolve(__dirname, '../../web/src');
    const used = antdComponentsUsed(appSource, antdDir);
    for (const name of ['Button', 'Table', 'Form', 'Modal', 'DatePicker', 'Typography'])
      expect(used).toContain(name);
    expect(used).not.toContain('Upload');
    expect(used).not.toContain('Mentions');
  });
});
