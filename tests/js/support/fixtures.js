// Ingest inputs shared with the C++ tests (tests/ingest/ingest_test.cpp), as cases the JS
// tests feed both to the WebAssembly module and to the native CLI. Each file has the name the
// CLI sees (relative to the case's folder), so both reports name files identically.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

const smallCsv =
  'timestamp,account_id,user_id,event\n' +
  '2024-03-01T09:00:00Z,acme,alice,login\n' +
  '2024-03-01T09:05:00Z,acme,alice,report_created\n' +
  '2024-03-01T09:05:00Z,acme,alice,report_created\n' +
  '2024-03-01T23:30:00-02:00,acme,bob,report_created\n' +
  '2024-03-02T10:00:00Z,globex,carol,login\n' +
  '2024-02-30T10:00:00Z,globex,carol,login\n' +
  '2024-03-02T11:00:00Z,acme,,export_csv\n';

function generatedCsv(rows, shuffled) {
  const lines = [];
  for (let i = 0; i < rows; ++i) {
    const day = Math.floor((i * 7) / rows) * 3 + (i % 3);
    lines.push(`2024-01-${String(day + 1).padStart(2, '0')}T${10 + (i % 10)}:00:00Z,acc${i % 13},"u${i % 41}",ev${i % 5}\n`);
  }
  if (shuffled) {
    let seed = 7;
    for (let i = lines.length - 1; i > 0; --i) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
  }
  return 'timestamp,account_id,user_id,event\n' + lines.join('');
}

function jsonForms() {
  let csv = 'timestamp,account_id,user_id,event\n';
  let ndjson = '';
  const objects = [];
  for (let i = 0; i < 400; ++i) {
    const ts = `2024-02-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`;
    const account = `accé${i % 9}`;
    csv += `${ts},${account},u${i % 17},"ev""${i % 4}"\n`;
    const object = `{"timestamp": "${ts}", "account_id": "${account}", "user_id": "u${i % 17}", "event": "ev\\"${i % 4}", "n": ${i}}`;
    ndjson += object + (i % 2 ? '\r\n' : '\n');
    objects.push(object);
  }
  return { csv, ndjson, array: '[\n  ' + objects.join(',\n  ') + '\n]\n' };
}

const forms = jsonForms();
const brokenRows =
  'timestamp,account_id,user_id,event\n' +
  '2024-01-01,a,u,e,extra\n2024-01-01,a\n' +
  'yesterday,a,u,e\n1969-12-31T23:00:00Z,a,u,e\n,a,u,e\n' +
  '2024-01-01,,,e\n2024-01-01,a,u,\n' +
  '2024-01-01,caf\xE9,u,e\n' +
  '2024-01-02T00:00:00Z,a,u,ok\n';

/** @returns {{name: string, files: {name: string, kind: string, text?: string, bytes?: Uint8Array, path?: string}[], cliArgs: string[], event?: object}[]} */
export function cases() {
  const list = [
    { name: 'small CSV (hand-counted)', files: [{ name: 'events.csv', kind: 'events', text: smallCsv }] },
    { name: 'generated CSV, sorted', files: [{ name: 'gen.csv', kind: 'events', text: generatedCsv(3000, false) }] },
    { name: 'generated CSV, shuffled', files: [{ name: 'shuffled.csv', kind: 'events', text: generatedCsv(5000, true) }] },
    { name: 'CSV with multi-byte ids and escaped quotes', files: [{ name: 'forms.csv', kind: 'events', text: forms.csv }] },
    { name: 'NDJSON with CRLF', files: [{ name: 'forms.ndjson', kind: 'events', text: forms.ndjson }] },
    { name: 'pretty JSON array', files: [{ name: 'forms.json', kind: 'events', text: forms.array }] },
    {
      name: 'Segment track/group/identify',
      files: [{ name: 'segment.ndjson', kind: 'events', text:
        '{"type":"group","userId":"u9","groupId":"g1","timestamp":"2024-04-01T00:00:00Z","messageId":"m0"}\n' +
        '{"type":"track","event":"Report Built","userId":"u9","timestamp":"2024-04-01T08:00:00.123Z","messageId":"m1"}\n' +
        '{"type":"track","event":"Report Built","userId":"u9","timestamp":"2024-04-01T08:00:00.123Z","messageId":"m1"}\n' +
        '{"type":"track","event":"Shared","userId":"u9","context":{"groupId":"g2"},"timestamp":"2024-04-02T08:00:00Z","messageId":"m2"}\n' +
        '{"type":"identify","userId":"u9","traits":{"email":"x@y.z"}}\n' }],
    },
    {
      name: 'Mixpanel with epoch seconds',
      files: [{ name: 'mixpanel.ndjson', kind: 'events', text:
        '{"event":"Signed Up","properties":{"time":1711929600,"distinct_id":"d1","$insert_id":"i1","company_id":"c1"}}\n' +
        '{"event":"Invited","properties":{"time":1712016000,"distinct_id":"d1","$insert_id":"i2","company_id":"c1"}}\n' }],
    },
    {
      name: 'Amplitude JSON array',
      files: [{ name: 'amplitude.json', kind: 'events', text:
        '[{"event_type":"chart_saved","user_id":"a1","event_time":"2024-06-30 23:59:59.999999","groups":{"company":["acme"]},"insert_id":"x"},\n' +
        ' {"event_type":"chart_saved","user_id":"a2","event_time":"2024-07-01 00:00:00.000001","groups":{"company":"acme"},"insert_id":"y"}]' }],
    },
    {
      name: 'PostHog with properties as a JSON string',
      files: [{ name: 'posthog.ndjson', kind: 'events', text:
        '{"event":"$pageview","distinct_id":"p1","timestamp":"2024-01-05T10:00:00+01:00","uuid":"q1","properties":{"$groups":{"company":"co"}}}\n' +
        '{"event":"insight saved","distinct_id":"p1","timestamp":"2024-01-05T10:00:00+01:00","uuid":"q2","properties":"{\\"$groups\\":{\\"company\\":\\"co\\"}}"}\n' }],
    },
    {
      name: 'TSV with an explicit mapping',
      files: [{ name: 'mapped.tsv', kind: 'events', text: 'When\tOrg\tWho\tWhat\tevent\n2024-05-01 10:00:00\to1\tu1\tsaved\tignored\n' }],
      event: { format: 'tsv', mapping: { timestamp: 'When', account: 'Org', user: 'Who', event: 'What' } },
      cliArgs: ['--format', 'tsv', '--map', 'timestamp=When', '--map', 'account=Org', '--map', 'user=Who', '--map', 'event=What'],
    },
    {
      name: 'epoch milliseconds forced',
      files: [{ name: 'epoch.csv', kind: 'events', text: 'time,distinct_id,event\n1704067200000,solo,opened\n1704153600000,solo,opened\n' }],
      event: { epochUnit: 'ms' },
      cliArgs: ['--epoch', 'ms'],
    },
    // A lone 0xE9 byte (Latin-1 é) is invalid UTF-8: these bytes are not a JS string's encoding.
    { name: 'every kind of broken row', files: [{ name: 'broken.csv', kind: 'events', bytes: Buffer.from(brokenRows, 'latin1') }] },
    {
      name: 'broken JSON lines',
      files: [{ name: 'broken.ndjson', kind: 'events', text: '{"event":"a","user_id":"u","timestamp":"2024-01-01"}\n{"event": nope}\n[1]\n' }],
    },
    {
      name: 'events, accounts and communications',
      files: [
        { name: 'events.csv', kind: 'events', text: 'timestamp,account_id,user_id,event\n2024-03-01T09:00:00Z,acme,alice,login\n' },
        { name: 'accounts.csv', kind: 'accounts', text:
          'account_id,name,domain,employees,plan,signup_at,trial_ends_at,deal_value,seats,region\n' +
          'acme,"Acme, Inc.",acme.com,120,Trial,2024-02-20,2024-03-05,12000.5,10,EMEA\n' +
          'quiet,Quiet Co,quiet.io,5000,trial,2024-02-25,,,,\nacme,dup,,,,,,,,\nbad,Bad,,many,,,,,,\n' },
        { name: 'comms.csv', kind: 'communications', text:
          'account_id,timestamp,channel,sentiment\nacme,2024-03-01T10:00:00Z,email,positive\n' +
          'acme,2024-03-01T11:00:00Z,email,positive\nacme,2024-03-02,meeting,-0.4\nquiet,2024-03-02,chat,meh\n' },
      ],
    },
  ];
  // The bundled example, when it has been generated (examples/make-sample.sh).
  const example = `${repo}examples/data`;
  if (existsSync(`${example}/events.csv`)) {
    list.push({
      name: 'bundled example',
      files: [
        { name: 'events.csv', kind: 'events', path: `${example}/events.csv` },
        { name: 'accounts.csv', kind: 'accounts', path: `${example}/accounts.csv` },
        { name: 'communications.csv', kind: 'communications', path: `${example}/communications.csv` },
      ],
    });
  }
  return list.map((c) => ({ cliArgs: [], event: {}, ...c }));
}
