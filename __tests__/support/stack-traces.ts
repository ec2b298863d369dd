// Loaded first by setup.ts, before the framework. cdktf records where every token was created by reading a stack
// trace of unlimited depth into a plain object, and jest's source-map support maps each of its frames through the
// source maps of every file on the stack, parsed anew in each test file: a third of the unit and construct layers'
// CPU time, for traces no test reads. Those traces keep V8's own format. A real error's stack (anything with a
// `message`) is still mapped to the TypeScript lines, so failures read as before.
const mapped = Error.prepareStackTrace;
if (mapped !== undefined) {
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) =>
    typeof target === "object" && target !== null && !("message" in target)
      ? `${Object.prototype.toString.call(target)}\n${frames.map((frame) => `    at ${frame}`).join("\n")}`
      : mapped(target as Error, frames);
}
