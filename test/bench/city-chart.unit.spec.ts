import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cityScaleSteps } from '../../bench/city.bench.js';
import { costChart } from '../../bench/support/cost-chart.js';

describe("the city bench's steps and its chart of cost against communities", () => {
  it('measures at 1, 3, 10, 30… and at the whole city, each once', () => {
    expect(cityScaleSteps(1000)).toEqual([1, 3, 10, 30, 100, 300, 1000]);
    expect(cityScaleSteps(12)).toEqual([1, 3, 10, 12]);
    expect(cityScaleSteps(1)).toEqual([1]);
  });

  it('draws one line per operation through its points, on a log scale of communities, with the 1.2× goal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongzhi-chart-'));
    try {
      const file = costChart(
        [
          { x: 1, values: { ballot: 1, export: 1 } },
          { x: 10, values: { ballot: 1.1, export: 0.9 } },
          { x: 100, values: { ballot: 2, export: 1 } },
        ],
        { ballot: 'a ballot <appended>', export: 'an export' },
        join(dir, 'chart.svg'),
      );
      const svg = readFileSync(file, 'utf8');
      const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) =>
        m[1].split(' ').map((p) => p.slice(1).split(',').map(Number)),
      );
      expect(paths).toHaveLength(2);
      for (const points of paths) expect(points).toHaveLength(3);
      // Log scale: 1, 10 and 100 communities evenly spaced; equal costs at equal heights, a higher cost higher up.
      const [ballot, exported] = paths;
      expect(ballot[1][0] - ballot[0][0]).toBeCloseTo(ballot[2][0] - ballot[1][0], 5);
      expect(ballot[0][1]).toBe(exported[0][1]);
      expect(ballot[2][1]).toBeLessThan(exported[2][1]);
      expect(svg).toContain('goal 1.2×');
      expect(svg).toContain('a ballot &lt;appended&gt;');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
