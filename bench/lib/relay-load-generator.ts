// Fallback load generator for bench/relay.bench.ts when wrk is not installed: a separate
// process with keep-alive connections, each sending its next request when the last is answered.
// Usage: tsx relay-load-generator.ts <url> <connections> <seconds>; prints one JSON line.
import { Agent, request } from 'node:http';

const [url = '', connectionsText = '50', secondsText = '3'] = process.argv.slice(2);
const connections = Number(connectionsText);
const deadline = performance.now() + Number(secondsText) * 1000;
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies: number[] = [];
let errors = 0;

function one(): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== undefined && res.statusCode < 400) latencies.push(performance.now() - start);
        else errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end();
  });
}

async function loop(): Promise<void> {
  while (performance.now() < deadline) await one();
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, loop));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
console.log(JSON.stringify({ requests: latencies.length, errors, seconds, p99Ms: p99 }));
agent.destroy();
