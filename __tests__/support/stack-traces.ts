// Loaded first by setup.ts, before the framework. cdktf records where every token was created by reading a stack
// trace of unlimited depth into a plain object, and jest's source-map support maps each of its frames through the
// source maps of every file on the stack, parsed anew in each test file: about a quarter of the unit and construct
// layers' time. Those traces keep V8's own format, so the "Object creation stack" that cdktf adds to a token
// resolution error shows compiled line numbers (MAP_TOKEN_STACKS=1 maps them again, at that cost). A real error's
// stack (anything with a `message`), which is what a failing test prints, is still mapped to the TypeScript lines.
const mapped = Error.prepareStackTrace;
if (mapped !== undefined && process.env.MAP_TOKEN_STACKS !== "1") {
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) =>
    typeof target === "object" && target !== null && !("message" in target)
      ? `${Object.prototype.toString.call(target)}\n${frames.map((frame) => `    at ${frame}`).join("\n")}`
      : mapped(target as Error, frames);
}
