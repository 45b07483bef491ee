import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { seedLibrary } from "./seed";
const dir = mkdtempSync(join(tmpdir(), "kp-seedtry-"));
const r = await seedLibrary(join(dir, "k.db"), Number(process.argv[2] ?? 5000), { log: console.log });
console.log(r);
rmSync(dir, { recursive: true, force: true });
