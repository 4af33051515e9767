/**
 * A program whose only work is `await diskUsageAsync("/")`: the pending
 * question must keep it alive until the answer comes (a worker left unref'd
 * with nothing else pending would let the event loop end first). Prints the
 * total, as JSON.
 *
 * @module
 */
import * as psutil from "../../mod.ts";

console.log(JSON.stringify({ total: (await psutil.diskUsageAsync("/", { timeout: 20 })).total }));
