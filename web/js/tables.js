// Tables that reflow on a phone (.data-table in site.css): each body cell is labelled with its column's header,
// which the stylesheet shows beside the value once the rows become blocks, so no table scrolls sideways.
export function labelCells(table) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, index) => {
      if (headers[index]) cell.dataset.label = headers[index];
    });
  }
}
