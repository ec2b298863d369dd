import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * A new scratch directory, in memory (`/dev/shm`) when the machine has it: a fresh consumer app writes some 400 MB
 * of provider bindings, which takes about half as long there as on disk. Otherwise in the temp directory.
 */
export function scratchDir(prefix: string): string {
  for (const base of ["/dev/shm", os.tmpdir()]) {
    try {
      return fs.mkdtempSync(path.join(base, prefix));
    } catch {
      // not there or not writable: try the next
    }
  }
  throw new Error(`no writable scratch directory for ${prefix}`);
}
