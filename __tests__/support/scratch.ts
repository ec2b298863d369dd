import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Room for the consumer apps of every line at once (about 400 MB each), with a margin.
const MEMORY_NEEDED = 2 * 1024 ** 3;

/**
 * A new scratch directory, in memory (`/dev/shm`) when the machine has it with room to spare: a fresh consumer app
 * writes some 400 MB of provider bindings, which takes about half as long there as on disk. Otherwise (a container's
 * 64 MB /dev/shm, say) in the temp directory.
 */
export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(roomInMemory() ? "/dev/shm" : os.tmpdir(), prefix));
}

function roomInMemory(): boolean {
  try {
    const stats = fs.statfsSync("/dev/shm");
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return stats.bavail * stats.bsize >= MEMORY_NEEDED;
  } catch {
    return false;
  }
}
