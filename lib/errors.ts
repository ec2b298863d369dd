/**
 * The one error this library throws for input a user can fix. Its message always reads
 * `<source>: <problem>. Fix: <fix>.`, where the source is the construct's kind and path (`ecs.TaskDefinition
 * app/Task`) or the factory call (`ContainerImage.fromRegistry("MyOrg/app")`), so the offending line can be found
 * without reading this library's code.
 *
 * At run time it is an `Error` (`instanceof Error` holds, and it has a stack trace). Its declaration does not say
 * so because jsii, which checks the public API for other languages, accepts no built-in base class.
 */
export class ValidationError {
  /** Always "ValidationError". */
  public readonly name: string;
  /** The full message, `<source>: <problem>. Fix: <fix>.`. */
  public readonly message: string;
  /** The construct kind and path, or the factory call, that received the bad input. */
  public readonly source: string;
  /** What is wrong, in the words of the props the user wrote. */
  public readonly problem: string;
  /** What to do about it. */
  public readonly fix: string;

  /**
   * @param source the construct kind and path, or the factory call
   * @param problem what is wrong
   * @param fix what to do about it
   */
  constructor(source: string, problem: string, fix: string) {
    this.name = "ValidationError";
    this.message = `${source}: ${problem}. Fix: ${fix}.`;
    this.source = source;
    this.problem = problem;
    this.fix = fix;
    Error.captureStackTrace?.(this, ValidationError);
  }
}

// Make every ValidationError an Error at run time, so `instanceof Error`, stack printing and test matchers work.
Object.setPrototypeOf(ValidationError.prototype, Error.prototype);
