import * as F from '/tmp/firstnames/dl/x_faker-js-faker-10.6.0/package/dist/index.js';
const out = {};
for (const [k, v] of Object.entries(F)) {
  if (!k.startsWith('faker') || k === 'faker' || typeof v !== 'object' || !v.rawDefinitions) continue;
  const fn = v.rawDefinitions?.person?.first_name;
  if (!fn) continue;
  const s = new Set();
  for (const key of ['generic','female','male']) for (const n of (fn[key]||[])) s.add(n);
  out[k] = [...s].sort();
}
console.log(Object.entries(out).map(([k,v])=>k+':'+v.length).join(' '));
import fs from 'fs'; fs.writeFileSync('/tmp/firstnames/fakerjs.json', JSON.stringify(out));
