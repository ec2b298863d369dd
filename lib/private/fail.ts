import { IConstruct } from "constructs";
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
