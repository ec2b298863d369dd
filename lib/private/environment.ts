/**
 * Environment variables as the ECS and Batch APIs take them, sorted by name because both return them sorted; any
 * other order would show as a perpetual diff.
 */
export function renderEnvironment(environment: { [name: string]: string }): { name: string; value: string }[] {
  return Object.keys(environment)
    .sort()
    .map((name) => ({ name, value: environment[name] }));
}
