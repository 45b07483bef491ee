/**
 * A process that holds nothing but a database and its checkpointer, woken by a bulk write, then stopped:
 * it prints "stopped" when the stop returned (tests/server/wal-checkpoints-leave-the-event-loop.test.ts).
 *
 *   node --import tsx tests/support/checkpointer-alone.ts <database path>
 */
import { openDatabase } from "../../server/db/client";
import { startCheckpointer } from "../../server/db/upkeep/checkpointer";

const path = process.argv[2]!;
const { sqlite, close } = openDatabase(path);
const checkpointer = startCheckpointer(sqlite, path, { everyMs: 50, watchMs: 50, quietMs: 60_000 });
sqlite.exec("CREATE TABLE written (body BLOB)");
const insert = sqlite.prepare("INSERT INTO written (body) VALUES (?)");
// Bulk writing, 2 MB every few milliseconds, look after look, until the thread wakes.
while (!checkpointer.stats.running) {
  for (let i = 0; i < 32; i++) insert.run(Buffer.alloc(64 * 1024, 1));
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await checkpointer.stop();
close();
console.log("stopped");
