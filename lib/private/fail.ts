import { IConstruct } from "constructs";
import { Token } from "cdktf";
import { ValidationError } from "../errors";

/** Builds the error for one source; renderers take one so their errors name the caller, not themselves. */
export type Fail = (problem: string, fix: string) => ValidationError;

/** Errors of a factory call or a standalone renderer, e.g. `ContainerImage.fromRegistry("x")`. */
export function failFor(source: string): Fail {
  return (problem, fix) => new ValidationError(source, problem, fix);
}

/** Errors of a construct: its public kind (`batch.JobQueue`) and its path in the tree. */
export function constructFail(scope: IConstruct, kind: string): Fail {
  return failFor(`${kind} ${scope.node.path}`);
}

/**
 * Errors of a factory call, its arguments shown as the caller wrote them: strings quoted, a Terraform reference as
 * `<reference>`, an object as `{...}`, and trailing missing arguments left out (`ContainerImage.fromRegistry()`).
 */
export function failForCall(name: string, ...args: unknown[]): Fail {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return failFor(`${name}(${args.map(shownArgument).join(", ")})`);
}

function shownArgument(arg: unknown): string {
  if (Token.isUnresolved(arg)) return "<reference>";
  if (typeof arg === "string") return JSON.stringify(arg);
  if (Array.isArray(arg)) return "[...]";
  if (typeof arg === "object" && arg !== null) return "{...}";
  return String(arg);
}
