/**
 * `npm run bench`: the emulator's benchmarks (bench/, one file each). Prints every figure beside its
 * target and writes them to BENCHMARKS.md with the machine they ran on, so a rerun refreshes it.
 *
 *   npm run bench                        everything, full sizes (several minutes)
 *   npm run bench -- --quick             small sizes, to try it out (BENCHMARKS.md says so)
 *   npm run bench -- --only scale,fan-out
 *   npm run bench -- --no-write          print only
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { parseArgs } from 'node:util';
import { runFanOut } from '../bench/fan-out.ts';
import { runFootprint } from '../bench/footprint.ts';
import { runRoundTrip } from '../bench/round-trip.ts';
import { runScale } from '../bench/scale.ts';
import { runSite } from '../bench/site.ts';
import { runVersusServerlessOffline } from '../bench/serverless-offline.ts';
import { FULL_SIZES, QUICK_SIZES, type BenchmarkResult } from '../bench/support/report.ts';
import { openFileLimit, raiseFileLimitAndRerun } from '../bench/support/file-limit.ts';

const BENCHMARKS = ['round-trip', 'serverless-offline', 'scale', 'fan-out', 'footprint', 'site'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    output: { type: 'string', default: 'BENCHMARKS.md' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run bench -- [options]

  --quick              small sizes, to try the benchmarks out (a few seconds each)
  --only <names>       some of: ${BENCHMARKS.join(', ')} (comma-separated)
  --no-write           print the figures without writing BENCHMARKS.md
  --output <file>      where to write them (default BENCHMARKS.md)`);
  process.exit(0);
}

const sizes = values.quick ? QUICK_SIZES : FULL_SIZES;
// 10,000 connections need more than 10,000 open files in this process and in the emulator's.
const filesNeeded = sizes.idleConnections + 1000;
raiseFileLimitAndRerun(filesNeeded);

const selected = (values.only?.split(',').map((name) => name.trim()) ?? [...BENCHMARKS]) as BenchmarkName[];
for (const name of selected) {
  if (!BENCHMARKS.includes(name)) {
    console.error(`Unknown benchmark "${name}"; choose from ${BENCHMARKS.join(', ')}`);
    process.exit(1);
  }
}

const machine = describeMachine();
const startedAt = new Date();
console.log(`npm run bench${values.quick ? ' -- --quick' : ''} on ${machine.summary}`);
console.log(`open files allowed: ${openFileLimit()}\n`);

const results: BenchmarkResult[] = [];
for (const name of selected) {
  const started = Date.now();
  console.log(`── ${name} …`);
  let result: BenchmarkResult;
  try {
    if (name === 'round-trip') {
      result = await runRoundTrip(sizes);
    } else if (name === 'serverless-offline') {
      result = await runVersusServerlessOffline(sizes);
    } else if (name === 'scale') {
      result = await runScale(sizes);
    } else if (name === 'fan-out') {
      result = await runFanOut(sizes);
    } else if (name === 'footprint') {
      result = await runFootprint();
    } else {
      // Lighthouse takes about 15 s a page; the quick run measures only the JavaScript shipped.
      result = await runSite({ lighthouse: !values.quick });
    }
  } catch (error) {
    result = { title: name, method: '', figures: [], notes: [`The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] };
  }
  results.push(result);
  printResult(result, Date.now() - started);
}

if (!values['no-write']) {
  // A run of some benchmarks replaces their sections and keeps the others' figures from earlier runs.
  const earlier = values.only && existsSync(values.output) ? readFileSync(values.output, 'utf8') : null;
  writeFileSync(values.output, earlier === null ? markdown(results) : replaceSections(earlier, results));
  console.log(`Wrote ${values.output}.`);
}
const unmet = results.flatMap((result) => result.figures).filter((figure) => figure.met === false);
console.log(unmet.length === 0 ? 'Every target met.' : `Targets not met: ${unmet.map((figure) => figure.name).join('; ')}`);
// Lingering keep-alive sockets must not hold the process open.
process.exit(0);

function printResult(result: BenchmarkResult, elapsedMs: number): void {
  console.log(`\n${result.title} (${(elapsedMs / 1000).toFixed(0)} s)`);
  for (const figure of result.figures) {
    const verdict = figure.met === undefined ? '' : figure.met ? '  [met]' : '  [NOT MET]';
    console.log(`  ${figure.name}: ${figure.value}${figure.target ? `  (target: ${figure.target})` : ''}${verdict}`);
    if (figure.note) console.log(`      ${figure.note}`);
  }
  for (const note of result.notes) console.log(`  Note: ${note}`);
  console.log('');
}

/**
 * The earlier file with the sections of these results replaced (or added), each headed by when and
 * how it was measured, since the file's own header describes the earlier, whole run.
 */
function replaceSections(earlier: string, all: BenchmarkResult[]): string {
  const [head = '', ...sections] = earlier.split(/^(?=## )/m);
  const fresh = new Map(
    all.map((result) => {
      const note = `Measured ${startedAt.toISOString()} by \`npm run bench -- ${values.quick ? '--quick ' : ''}--only ${values.only}\` on ${machine.summary}; ${machine.load}.`;
      return [result.title, sectionMarkdown(result, [note, ''])] as const;
    }),
  );
  const kept = sections.map((section) => {
    const title = section.slice(3, section.indexOf('\n')).trim();
    const replaced = fresh.get(title);
    fresh.delete(title);
    return replaced ?? section.trimEnd();
  });
  return `${[head.trimEnd(), ...kept, ...fresh.values()].join('\n\n').trimEnd()}\n`;
}

function markdown(all: BenchmarkResult[]): string {
  const command = `npm run bench${values.quick ? ' -- --quick' : ''}${values.only ? ` -- --only ${values.only}` : ''}`;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${command}\` (\`scripts/bench.ts\`, benchmarks in \`bench/\`); run it again to refresh this file.`,
    ...(values.quick ? ['', '**Quick run: reduced sizes, for trying the benchmarks out; the figures below are not the full benchmark.**'] : []),
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ram} RAM, ${machine.os}`,
    `- Node.js: ${process.version}`,
    `- Open files allowed: ${openFileLimit()} (the benchmark raises its soft limit to the hard limit when it needs more)`,
    `- Load: ${machine.load}`,
    '',
    'Every server runs in a child process of its own; the figures include the load generator, a single Node.js process on the same machine.',
    '',
  ];
  for (const result of all) lines.push(sectionMarkdown(result), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** One benchmark's section: its title, what was run, its figures and notes. */
function sectionMarkdown(result: BenchmarkResult, preface: string[] = []): string {
  const lines = [`## ${result.title}`, '', ...preface];
  if (result.method) lines.push(result.method, '');
  if (result.figures.length > 0) {
    lines.push('| Measured | Figure | Target | Verdict |', '| --- | --- | --- | --- |');
    for (const figure of result.figures) {
      const verdict = figure.met === undefined ? '' : figure.met ? 'met' : '**not met**';
      lines.push(`| ${cell(figure.name)} | ${cell(figure.value)} | ${cell(figure.target ?? '')} | ${verdict} |`);
    }
    lines.push('');
    for (const figure of result.figures.filter((f) => f.note)) lines.push(`- **${figure.name}**: ${figure.note}`);
    lines.push('');
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  return lines.join('\n').trimEnd();
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function describeMachine() {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const cores = cpus().length;
  const ram = `${(totalmem() / 1024 ** 3).toFixed(1)} GB`;
  const os = readOsName() ?? `${osType()} ${release()}`;
  const loadAverage = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout?.split(' ').slice(0, 3).join(' ');
  const load = loadAverage ? `load average ${loadAverage} when the run started` : 'unknown';
  return { cpu, cores, ram, os, load, summary: `${cpu} (${cores} cores, ${ram}), ${os}, Node.js ${process.version}` };
}

function readOsName(): string | undefined {
  const prettyName = spawnSync('sh', ['-c', '. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"'], { encoding: 'utf8' }).stdout?.trim();
  return prettyName ? `${prettyName} (${osType()} ${release()})` : undefined;
}
