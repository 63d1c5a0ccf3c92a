import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { Selection } from '../../api/execution/selection';

function selectionOfRoot(query: string): Selection {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root = operation.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD) throw new Error('test queries start with a field');
  return Selection.of({ fieldNodes: [root], fragments });
}

describe('Selection: what a query shows below a field', () => {
  it('sees through aliases, inline fragments and named fragments, and merges repeated fields', () => {
    const selection = selectionOfRoot(`{
      myTasks { edges { node { id due: dueAt ...T ... on Task { title } period { key } } node { period { status } } } }
    }
    fragment T on Task { priority period { customer { ...C } } }
    fragment C on Customer { code name }`);
    const task = selection.at('edges', 'node');
    expect([...task.fieldNames()].sort()).toEqual(['dueAt', 'id', 'period', 'priority', 'title']);
    expect([...task.field('period').fieldNames()].sort()).toEqual(['customer', 'key', 'status']);
    expect([...task.at('period', 'customer').fieldNames()].sort()).toEqual(['code', 'name']);
    expect([...task.at('nothing', 'here').fieldNames()]).toEqual([]);
  });
});
