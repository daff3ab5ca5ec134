/**
 * The same fixture handlers and the same load on serverless-offline (run with osls's `serverless`
 * command), beside the emulator's figures from the round-trip benchmark of this run.
 * Target: the emulator ahead on both throughput and p99.
 */
import { closeClients, openClients } from './support/load.ts';
import { serverlessOfflineVersion, startChildServer, startServerlessOffline } from './support/child-server.ts';
import { describeLoop, FIXTURE_SERVICE, LOADS, measureRoundTrips, type RoundTripFigures } from './round-trip.ts';
import { ms, perSecond, ratio, type BenchmarkResult, type BenchSizes, type Figure } from './support/report.ts';

export async function runVersusServerlessOffline(sizes: BenchSizes): Promise<BenchmarkResult> {
  const title = 'Against serverless-offline';
  const version = serverlessOfflineVersion();
  if (!version) {
    return {
      title,
      method: '',
      figures: [],
      notes: ['serverless-offline is not installed (`npm install` installs it as a devDependency); nothing was compared.'],
    };
  }
  // Both at once, measured in alternation, so that both meet the machine in the same state.
  const server = await startChildServer({ kind: 'emulator', config: `${FIXTURE_SERVICE}/serverless.yml` });
  const offline = await startServerlessOffline(FIXTURE_SERVICE);
  let emulator: { twoWay: RoundTripFigures; post: RoundTripFigures };
  let theirs: { twoWay: RoundTripFigures; post: RoundTripFigures };
  const notes: string[] = [];
  try {
    // serverless-offline accepts any path; /local keeps the URL the same as the emulator's.
    const probe = await openClients(offline.wsUrl, 1, 1);
    await closeClients(probe.clients);
    if (probe.clients.length === 0) throw new Error(`serverless-offline refused the handshake: ${JSON.stringify(probe.failures)}`);
    const [ourTwoWay, theirTwoWay, ourPost, theirPost] = (await measureRoundTrips(
      [
        { server, load: LOADS.twoWay },
        { server: offline, load: LOADS.twoWay },
        { server, load: LOADS.post },
        { server: offline, load: LOADS.post },
      ],
      sizes,
    )) as [RoundTripFigures, RoundTripFigures, RoundTripFigures, RoundTripFigures];
    emulator = { twoWay: ourTwoWay, post: ourPost };
    theirs = { twoWay: theirTwoWay, post: theirPost };
  } catch (error) {
    notes.push(`serverless-offline ${version} started but the run failed: ${error instanceof Error ? error.message : String(error)}. Its last output:\n\n\`\`\`\n${offline.output().slice(-2000)}\n\`\`\``);
    return { title, method: '', figures: [], notes };
  } finally {
    await Promise.all([server.stop(), offline.stop()]);
  }

  const figures: Figure[] = [];
  for (const [route, label] of [
    ['twoWay', 'two-way `echo` route'],
    ['post', '`post` route answering through @connections'],
  ] as const) {
    const ours = emulator[route];
    const other = theirs[route];
    for (const pass of ['sequential', 'load'] as const) {
      const clients = pass === 'sequential' ? '1 client' : `${sizes.loadClients} clients`;
      figures.push({ name: `serverless-offline ${version}, ${label}, ${clients}`, value: describeLoop(other[pass]) });
      const aheadOnThroughput = ours[pass].perSecond > other[pass].perSecond;
      const aheadOnP99 = ours[pass].p99 < other[pass].p99;
      figures.push({
        name: `Emulator, ${label}, ${clients}`,
        value: describeLoop(ours[pass]),
        target: 'ahead of serverless-offline on throughput and p99',
        met: aheadOnThroughput && aheadOnP99,
        note:
          `throughput ${ratio(ours[pass].perSecond / other[pass].perSecond)} serverless-offline's (${perSecond(ours[pass].perSecond)} vs ${perSecond(other[pass].perSecond)}); ` +
          `p99 ${ms(ours[pass].p99)} vs ${ms(other[pass].p99)}.`,
      });
    }
    const wrong = other.sequential.wrongAnswers + other.load.wrongAnswers;
    if (wrong > 0) notes.push(`serverless-offline, ${label}: ${wrong} answers were not the echo, e.g. ${other.sequential.firstWrongAnswer ?? other.load.firstWrongAnswer}`);
  }
  notes.push(
    `serverless-offline ${version} ran \`bench/fixtures/echo-service\` with \`serverless offline --localEnvironment\` (osls ${'provides the `serverless` command; package.json overrides its `serverless` peer dependency with osls'}), ` +
      'its default worker-thread Lambda runner, and its default logging (a line per invocation). The `post` handler is told the @connections URL through `MANAGEMENT_ENDPOINT`, ' +
      'because serverless-offline serves it without the stage and puts no port in `domainName`; on the emulator it builds the URL from the event, as on AWS.',
  );
  return {
    title,
    method: `The fixture's two routes, with the same load generator, sizes and warm-up as the round-trip benchmark, on serverless-offline ${version} and on the emulator, both running at once and measured in alternating rounds.`,
    figures,
    notes,
  };
}
