// npm run hub: not built yet (the hub server arrives with the hub issue).
process.stderr.write('npm run hub: not built yet (the hub server arrives with the hub issue)\n');
process.exitCode = 2;
