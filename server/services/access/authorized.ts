declare const granted: unique symbol;

/**
 * A value that proves an access check was made, as Karakeep's `Authorized<T, Access>` does: only the
 * functions in services/access create one, and the services that act on a school, an offer or a bundle
 * require it in their signatures, so a path that forgot the check does not compile. Access levels nest:
 * a value granted "member" and "coordinator" is accepted wherever "member" is asked for.
 */
export type Authorized<T, Access extends string> = T & { readonly [granted]: { readonly [K in Access]: true } };

/** For services/access only: marks a value as checked for these access levels. */
export const grant = <T, Access extends string>(value: T, ..._levels: Access[]) => value as Authorized<T, Access>;
