// A staff table that turns into cards on a narrow screen: each cell carries its column's label
// (`data-label`, shown by staff.css), which is why the columns are given once, label and cell
// together, rather than as a header row and body rows written apart.
import type { ReactNode } from 'react';

export type CardColumn<R> = { label: string; cell: (row: R) => ReactNode };

export function CardTable<R>(props: { columns: Array<CardColumn<R>>; rows: readonly R[]; rowKey: (row: R) => string | number; testId?: string; rowTestId?: string }) {
  const { columns, rows, rowKey } = props;
  return (
    <div className="table-scroll">
      <table className="st-table cards" data-testid={props.testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} data-testid={props.rowTestId}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
