// Deterministic CSV shared by the browser page and the Node side of browser.test.js.
export function sortedCsv(rows) {
  const lines = ['timestamp,account_id,user_id,event\n'];
  for (let i = 0; i < rows; ++i) {
    const t = new Date(Date.UTC(2026, 0, 1) + Math.floor((i / rows) * 60 * 86400000)).toISOString();
    lines.push(`${t},acc_${(i * 7919) % 500},u_${(i * 104729) % 3000},event_${i % 23}\n`);
  }
  return lines.join('');
}
