// npm run sim: not built yet (the marketplace simulator arrives with the hub issue).
process.stderr.write('npm run sim: not built yet (the marketplace simulator arrives with the hub issue)\n');
process.exitCode = 2;
