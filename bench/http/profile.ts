// Where the product's CPU time went while the FAQ page was measured: reads the .cpuprofile that
// `node --cpu-prof` wrote on exit and sums self time per function and per area (Node core, a package, a
// server module), over the samples inside the measurement window only (startup and seeding excluded).
// V8 stamps samples with the monotonic clock that process.hrtime reads, so the window recorded in the
// benchmark process selects them.
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Samples inside the window, and the share of them the process was busy (not idle). */
  samples: number;
  busyShare: number;
  /** CPU time the process was busy inside the windows, in microseconds. */
  busyMicros: number;
  /** Self time per area, as a share of busy samples. */
  areas: { area: string; share: number }[];
  /** The functions with most self time. */
  functions: { name: string; where: string; share: number }[];
}

/** Microseconds on the monotonic clock, as V8 stamps profile samples. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

function areaOf(url: string, root: string): string {
  if (!url) return '(V8: GC, native, program)';
  if (url.startsWith('node:')) return 'Node core';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scopeOrName, name] = file.slice(modules + '/node_modules/'.length).split('/');
    return scopeOrName?.startsWith('@') ? `${scopeOrName}/${name}` : (scopeOrName ?? file);
  }
  const relative = path.relative(root, file);
  const parts = relative.split(path.sep);
  return parts.slice(0, parts[0] === 'server' ? 5 : 2).join('/');
}

export function summariseProfile(
  dir: string,
  root: string,
  windows: readonly { startUs: number; endUs: number }[] | null,
): ProfileSummary | null {
  if (!fs.existsSync(dir)) return null;
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFunction = new Map<string, { name: string; where: string; n: number }>();
  const selfByArea = new Map<string, number>();
  let time = profile.startTime;
  let samples = 0;
  let busy = 0;
  let busyMicros = 0;
  for (const [i, id] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (windows && !windows.some((w) => time >= w.startUs && time <= w.endUs)) continue;
    samples++;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy++;
    busyMicros += delta;
    const area = areaOf(frame.url, root);
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + 1);
    const where = frame.url
      ? `${areaOf(frame.url, root)}:${path.basename(frame.url)}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName}@${where}`;
    const entry = selfByFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, n: 0 };
    entry.n++;
    selfByFunction.set(key, entry);
  }
  const share = (n: number) => Math.round((n / Math.max(1, busy)) * 1000) / 10;
  return {
    samples,
    busyShare: Math.round((busy / Math.max(1, samples)) * 1000) / 10,
    busyMicros,
    areas: [...selfByArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([area, n]) => ({ area, share: share(n) })),
    functions: [...selfByFunction.values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, 15)
      .map((f) => ({ name: f.name, where: f.where, share: share(f.n) })),
  };
}
