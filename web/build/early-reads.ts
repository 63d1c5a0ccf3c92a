import { addTypenameToDocument } from '@apollo/client/utilities';
import { print, type DocumentNode } from 'graphql';

/**
 * What the page's first script sends: on `path` exactly (no query string), when this browser's last
 * user had one of `roles` (the hint under `roleKey` in local storage), each read's body, posted to
 * /graphql with `headers`; their answers are left under `global` for the app (services/early-reads.ts).
 */
export interface EarlyReadsPlan {
  path: string;
  roles: readonly string[];
  roleKey: string;
  headers: Readonly<Record<string, string>>;
  global: string;
  reads: ReadonlyArray<{ key: string; body: string }>;
}

/**
 * One read as Apollo Client sends it: the document with `__typename` in every selection (as its
 * cache adds them, so the answer normalises the same), operation name and variables.
 */
export function earlyRead(
  document: DocumentNode,
  variables: object,
  keyOf: (operationName: string, variables: object) => string,
): { key: string; body: string } {
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  const operationName = operation?.name?.value;
  if (!operationName) throw new Error('an early read needs a named operation');
  const query = print(addTypenameToDocument(document));
  return { key: keyOf(operationName, variables), body: JSON.stringify({ operationName, variables, query }) };
}

/**
 * The first script's text: a plain script (no module: it runs as soon as it has arrived, while
 * the app's modules are still loading), served as a file like the app's scripts (the pages' CSP
 * allows no inline script). Any failure leaves nothing behind: the app then reads as before.
 */
export function earlyReadsScript(plan: EarlyReadsPlan): string {
  return `(function () {
  var plan = ${JSON.stringify(plan)};
  try {
    if (location.pathname !== plan.path || location.search !== '') return;
    if (plan.roles.indexOf(localStorage.getItem(plan.roleKey)) < 0) return;
    var reads = {};
    plan.reads.forEach(function (read) {
      var answer = fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: plan.headers,
        body: read.body
      }).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      });
      answer.catch(function () {});
      reads[read.key] = { at: Date.now(), answer: answer };
    });
    window[plan.global] = reads;
  } catch (error) {}
})();
`;
}
