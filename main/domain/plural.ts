// A count with its noun: "1 day", "3 days", "2 fetches". Pure.

/** `many` when the plural is not the noun and an "s". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
