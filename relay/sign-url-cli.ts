// `npm run relay:url`: prints a signed pixel URL and click URL, to test a deployment by hand.
import { parseArgs } from 'node:util';
import { clickUrl, feedKey, generateSecret, pixelUrl } from './token';

const USAGE = `usage: npm run relay:url -- --base https://relay.example.com [--secret S | RELAY_SECRET=S]
         [--email 1] [--recipient 1] [--link 0] [--target https://example.com/]
       npm run relay:url -- --new-secret`;

function main(): void {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      secret: { type: 'string' },
      email: { type: 'string', default: '1' },
      recipient: { type: 'string', default: '1' },
      link: { type: 'string', default: '0' },
      target: { type: 'string', default: 'https://example.com/' },
      'new-secret': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (values['new-secret']) return console.log(generateSecret());
  const secret = values.secret ?? process.env.RELAY_SECRET;
  if (values.base === undefined || secret === undefined) throw new Error(USAGE);
  const ids = { emailId: Number(values.email), recipientId: Number(values.recipient) };
  console.log(`pixel: ${pixelUrl(values.base, secret, ids)}`);
  console.log(`click: ${clickUrl(values.base, secret, { ...ids, linkIndex: Number(values.link) }, values.target)}`);
  console.log(`feed:  curl -H 'Authorization: Bearer ${feedKey(secret)}' '${values.base.replace(/\/+$/, '')}/v1/events'`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
