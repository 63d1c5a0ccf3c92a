import { useState, type CSSProperties, type ReactNode } from 'react';
import { CSS_VAR_KEY } from '../app/theme';
import { useAntdHashId } from './use-antd-hash';

export interface PlainColumn<T> {
  key: string;
  title: ReactNode;
  /** px, as antd's column width (a `<col>`). */
  width?: number;
  /** The cell's text on one line. */
  oneLine?: boolean;
  render: (row: T) => ReactNode;
}

interface PlainTableProps<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<PlainColumn<T>>;
  ariaLabel: string;
  style?: CSSProperties;
  /** The row drawn as antd's selected row (its CSS variables in `selectedStyle`). */
  selectedKey?: string;
  selectedStyle?: CSSProperties;
  onRowClick?: (row: T) => void;
}

const ONE_LINE = { whiteSpace: 'nowrap' } as const;
/** The content box never scrolls (the page's box around the table does), as WorkPage had it. */
const CONTENT_STYLE = { scrollbarWidth: 'none' } as const;
const TABLE_STYLE = { tableLayout: 'auto' } as const;

/**
 * antd's `<Table size="middle" pagination={false}>` of a list that is there (no loading, not empty),
 * drawn as the same elements in antd's classes (its CSS is in the build's style file, variables
 * included), hovered row included. antd's Table costs a component and its context reads per cell
 * and, on mounting, measures the scrollbar of its box: a style and layout of the whole page forced
 * before the first paint, and a second one after, since the probe adds and removes a stylesheet
 * (~⅓ of My work's main-thread work in its profile). The markup is antd 6.6's for these props.
 */
export function PlainTable<T>({
  rows,
  rowKey,
  columns,
  ariaLabel,
  style,
  selectedKey,
  selectedStyle,
  onRowClick,
}: PlainTableProps<T>) {
  const hashId = useAntdHashId();
  const [hovered, setHovered] = useState<string>();
  // antd writes a <col> for each column up to the last one with a width.
  const lastWidth = columns.reduce((last, column, index) => (column.width ? index : last), -1);
  return (
    <div className={`${CSS_VAR_KEY} ant-table-css-var ant-table-wrapper ${hashId}`} style={style}>
      <div className={`ant-spin ${hashId} ${CSS_VAR_KEY}`} aria-live="polite" aria-busy="false">
        <div className="ant-spin-container">
          <div className={`ant-table ant-table-medium ${CSS_VAR_KEY} ant-table-css-var ${hashId}`}>
            <div className="ant-table-container">
              <div style={CONTENT_STYLE} className="ant-table-content">
                <table style={TABLE_STYLE} aria-label={ariaLabel}>
                  {lastWidth >= 0 && (
                    <colgroup>
                      {columns.slice(0, lastWidth + 1).map((column) => (
                        <col key={column.key} style={column.width ? { width: column.width } : undefined} />
                      ))}
                    </colgroup>
                  )}
                  <thead className="ant-table-thead">
                    <tr>
                      {columns.map((column) => (
                        <th key={column.key} className="ant-table-cell" scope="col">
                          {column.title}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="ant-table-tbody">
                    {rows.map((row) => {
                      const key = rowKey(row);
                      const selected = key === selectedKey;
                      const cellClass =
                        key === hovered ? 'ant-table-cell ant-table-cell-row-hover' : 'ant-table-cell';
                      return (
                        <tr
                          key={key}
                          data-row-key={key}
                          className={`ant-table-row ant-table-row-level-0${selected ? ' ant-table-row-selected' : ''}`}
                          style={selected ? selectedStyle : undefined}
                          onClick={onRowClick && (() => onRowClick(row))}
                          onMouseEnter={() => setHovered(key)}
                          onMouseLeave={() =>
                            setHovered((current) => (current === key ? undefined : current))
                          }
                        >
                          {columns.map((column) => (
                            <td
                              key={column.key}
                              className={cellClass}
                              style={column.oneLine ? ONE_LINE : undefined}
                            >
                              {column.render(row)}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
