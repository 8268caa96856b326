/**
 * Batch worker thread (compiled to dist-cli/cli/worker.js and started by batch.ts): takes one job
 * at a time from the parent, runs it, answers with its small result record.
 */
import { parentPort } from "worker_threads";
import { Job, runJob } from "./batch";

if (parentPort) {
  const port = parentPort;
  port.on("message", (job: Job) => {
    void runJob(job).then((r) => port.postMessage(r));
  });
}
