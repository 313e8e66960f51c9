// A table's header row: one column heading per label. Given `sort`, the
// sortable headings are buttons (click, Enter or Space) and the sorted one
// carries aria-sort; the arrow is drawn by CSS, so a heading's text stays its label.

export interface TableSort<L extends string> {
  /** The labels whose columns sort. */
  columns: readonly L[];
  by: L;
  direction: 'ascending' | 'descending';
  onSort(label: L): void;
}

export function TableHead<L extends string>({ labels, sort }: { labels: readonly string[]; sort?: TableSort<L> }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => {
          const sortable = sort !== undefined && (sort.columns as readonly string[]).includes(label);
          return (
            <th key={label} scope="col" aria-sort={sortable && sort.by === label ? sort.direction : undefined}>
              {sortable ? (
                <button type="button" class="sort-button" onClick={() => sort.onSort(label as L)}>
                  {label}
                </button>
              ) : (
                label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
