import type { ReactNode } from "react";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Numbers align right so that digits line up. */
  numeric?: boolean;
  /** Long text (names) may wrap; other cells stay on one line. */
  wrap?: boolean;
  /** The header is a name to show as it is spelled (an evaluation name), not a label set in capitals. */
  verbatim?: boolean;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Tighter cells, for wide lists such as traces. */
  dense?: boolean;
  /** A class for a row to mark it (a regression), besides what its cells say. */
  rowClass?: (row: T) => string | undefined;
}

function cellClass({ numeric, wrap, verbatim }: { numeric?: boolean; wrap?: boolean; verbatim?: boolean }): string | undefined {
  return [numeric && "numeric", wrap && "wrap", verbatim && "verbatim"].filter(Boolean).join(" ") || undefined;
}

/** A plain, accessible table; every list in the UI renders through it. */
export function DataTable<T>({ label, columns, rows, rowKey, dense, rowClass }: Props<T>) {
  return (
    <div className="table-wrap">
      <table className={dense ? "data-table dense" : "data-table"} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={cellClass(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((column) => (
                <td key={column.header} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
