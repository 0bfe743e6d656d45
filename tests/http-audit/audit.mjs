// Runs graphql-http's GraphQL-over-HTTP server audits against a running server and prints one line per audit.
// Usage: node audit.mjs http://127.0.0.1:5080/graphql
// Exits 1 if any MUST or SHOULD audit fails (MAY audits are reported only), 2 on bad usage.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const levels = ['MUST', 'SHOULD', 'MAY'];
const levelOf = (name) => levels.find((level) => name.startsWith(level));
const required = new Set(['MUST', 'SHOULD']);

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  results.push({ audit, result: await audit.fn() });
}

let failedRequired = 0;
for (const level of levels) {
  for (const { audit, result } of results.filter(({ audit }) => levelOf(audit.name) === level)) {
    const ok = result.status === 'ok';
    if (!ok && required.has(level)) failedRequired++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${audit.id} ${audit.name}${ok ? '' : ` -- ${result.reason}`}`);
  }
}

const failed = results.filter(({ result }) => result.status !== 'ok').length;
console.log(`MUST or SHOULD failures: ${failedRequired}`);
console.log(`audit: ${results.length - failed} passed, ${failed} failed`);
process.exit(failedRequired > 0 ? 1 : 0);
