/**
 * The consent tools with an adapter, by the name `data-cmp` takes: the one list. Each has its
 * adapter in `src/adapters/` and its script-tag entry `src/entries/cmp/{name}.ts`, which the build
 * finds by this file name (a unit test checks that the two agree).
 */
export const CMP_NAMES = ['tcf', 'cookieconsent', 'klaro', 'cookiebot', 'onetrust', 'mautic'] as const;
