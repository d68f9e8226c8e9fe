// Child process of bench/send.bench.ts: an smtp-server sink on loopback, on its own core so the
// server's work is not counted against either side. Prints "listening on <port>"; answers any
// IPC message with the number of messages received.
import { startSmtpSink } from '../../main/send/test-servers/smtp-sink';

const sink = await startSmtpSink({ keep: false });
process.on('message', () => process.send!(sink.count()));
process.on('disconnect', () => void sink.close().then(() => process.exit(0)));
console.log(`listening on ${sink.port}`);
