// npm run web: not built yet (the browser-mode console arrives with the console issue).
process.stderr.write('npm run web: not built yet (the browser-mode console arrives with the console issue)\n');
process.exitCode = 2;
