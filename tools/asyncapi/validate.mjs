// Validates an AsyncAPI document with the AsyncAPI Initiative's own parser (@asyncapi/parser):
// prints every diagnostic, exits 1 on any error.
//   node tools/asyncapi/validate.mjs docs/asyncapi.yaml
import { Parser, fromFile } from '@asyncapi/parser';

const path = process.argv[2];
const { document, diagnostics } = await fromFile(new Parser(), path).parse();
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity]} ${d.code} at /${d.path.join('/')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
console.log(document ? `${path}: valid AsyncAPI ${document.version()}` : `${path}: invalid`);
process.exit(errors > 0 || !document ? 1 : 0);
