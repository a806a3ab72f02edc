// Type-level checks the contract test compiles each golden sample against (see wireContract.unit.test.ts).
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';

/** The params a method or notification of protocol.ts takes. */
export type ParamsOf<T> = T extends RequestType<infer P, unknown, unknown> ? P : T extends NotificationType<infer P> ? P : never;

/** The result a request of protocol.ts answers. */
export type ResultOf<T> = T extends RequestType<unknown, infer R, unknown> ? R : T extends RequestType0<infer R, unknown> ? R : never;

/** Compiles only when T is never: each problem below is a string literal the compiler prints. */
export type Expect<T extends never> = T;

/**
 * Every member declared (T) but not in the sample (S), in the sample but not declared, at any depth; never when none.
 * `satisfies` already rejects what the sample has too much of and what it lacks of T's required members; this also
 * catches T's optional members the sample leaves out, so a sample must show every member and protocol.ts declare no
 * member the server does not have.
 */
export type Problems<T, S, At extends string = ''> = [S] extends [null]
    ? never
    : [NonNullable<T>] extends [readonly (infer TE)[]]
      ? [S] extends [readonly (infer SE)[]]
          ? [SE] extends [never]
              ? never
              : Problems<TE, SE, `${At}[]`>
          : never
      : [NonNullable<T>] extends [object]
        ? [S] extends [object]
            ? ObjectProblems<NonNullable<T>, S, At>
            : never
        : never;

type ObjectProblems<T, S, At extends string> = string extends keyof T
    ? never // a map (Record<string, ...>): its keys are data
    :
          | { [K in Exclude<keyof T, keyof S> & string]: `${At}.${K}: declared in protocol.ts, missing from the sample` }[Exclude<keyof T, keyof S> & string]
          | { [K in Exclude<keyof S, keyof T> & string]: `${At}.${K}: in the sample, not declared in protocol.ts` }[Exclude<keyof S, keyof T> & string]
          | { [K in keyof T & keyof S & string]: Problems<T[K], S[K], `${At}.${K}`> }[keyof T & keyof S & string];
