// A worker thread's entry under tsx (npm run dev, the tests): the TypeScript module named in workerData,
// run through tsx's loader. The built server starts its threads' bundled JavaScript instead
// (server/cli/build.ts), and never reads this file.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
