/**
 * Every synth-time error in this library reads "<who>: <what is wrong>. Fix: <what to do>." so a user can find the
 * offending construct (or factory call) and act without reading our source.
 */
export function configError(who: string, problem: string, fix: string): Error {
  return new Error(`${who}: ${problem}. Fix: ${fix}.`);
}
