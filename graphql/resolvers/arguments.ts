/** Whether an optional argument was given: type-graphql passes an omitted one as undefined, not null. */
export function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
