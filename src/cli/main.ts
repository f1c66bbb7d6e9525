import { run } from './program.js';

// A reader that stops early (`cairn list ci -o json | head`) closes the pipe. That is how pipes
// end, not a failure: stop quietly, as other command-line tools do, rather than print a stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await run(process.argv);
