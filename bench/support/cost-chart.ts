import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ChartPoint {
  /** Communities on the server. */
  x: number;
  /** Each series' cost relative to its cost with one community. */
  values: Record<string, number>;
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 64, right: 240, top: 36, bottom: 52 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The README's chart: each operation's cost against the number of communities (log scale), as a
 * multiple of its cost with one community, with the 1.2× goal drawn across. Plain SVG, no library.
 * Answers the file written.
 */
export function costChart(points: ChartPoint[], names: Record<string, string>, file: string): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xs = points.map((p) => Math.log10(p.x));
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(1.5, ...points.flatMap((p) => Object.values(p.values))) * 1.1;
  const px = (x: number) => MARGIN.left + (Math.log10(x) / xMax) * plotW;
  const py = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14">Cost of one operation against communities on the server (× its cost with 1)</text>`,
    `<line x1="${MARGIN.left}" y1="${py(0)}" x2="${MARGIN.left + plotW}" y2="${py(0)}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" y1="${py(0)}" x2="${MARGIN.left}" y2="${MARGIN.top}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" y1="${py(1.2)}" x2="${MARGIN.left + plotW}" y2="${py(1.2)}" stroke="#888" stroke-dasharray="6 4"/>`,
    `<text x="${MARGIN.left + plotW + 4}" y="${py(1.2) + 4}" fill="#888">goal 1.2×</text>`,
  ];
  for (const p of points)
    parts.push(
      `<text x="${px(p.x)}" y="${py(0) + 18}" text-anchor="middle">${p.x.toLocaleString('en')}</text>`,
      `<line x1="${px(p.x)}" y1="${py(0)}" x2="${px(p.x)}" y2="${py(0) + 4}" stroke="black"/>`,
    );
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">communities (log scale)</text>`,
  );
  for (let tick = 0; tick <= yMax; tick += yMax > 4 ? 1 : 0.5)
    parts.push(`<text x="${MARGIN.left - 8}" y="${py(tick) + 4}" text-anchor="end">${tick.toFixed(1)}×</text>`);
  Object.entries(names).forEach(([key, name], i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = points
      .map((p, j) => `${j ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.values[key]).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of points)
      parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.values[key]).toFixed(1)}" r="3" fill="${colour}"/>`);
    const y = MARGIN.top + 20 + i * 20;
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 16}" y1="${y}" x2="${WIDTH - MARGIN.right + 36}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${WIDTH - MARGIN.right + 42}" y="${y + 4}">${escape(name)}</text>`,
    );
  });
  parts.push('</svg>');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${parts.join('\n')}\n`);
  return file;
}
