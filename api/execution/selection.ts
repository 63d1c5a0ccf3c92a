import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * What a query selects below a field, through aliases and fragments: lets a hot resolver read
 * only the columns that will be shown. Type conditions and @skip/@include are not evaluated, so
 * it may see more than is finally shown, never less.
 */
export class Selection {
  private constructor(
    private readonly sets: readonly SelectionSetNode[],
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  ) {}

  /** What is selected below the field being resolved. */
  static of(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selection {
    return new Selection(
      info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
      info.fragments,
    );
  }

  /** The names of the fields selected here (not their aliases). */
  fieldNames(): Set<string> {
    const names = new Set<string>();
    this.walk((name) => names.add(name));
    return names;
  }

  /** What is selected below the fields named `name` here (all of them, merged). */
  field(name: string): Selection {
    const sets: SelectionSetNode[] = [];
    this.walk((fieldName, set) => {
      if (fieldName === name && set) sets.push(set);
    });
    return new Selection(sets, this.fragments);
  }

  /** Below a path of field names, e.g. at('edges', 'node'). */
  at(...path: string[]): Selection {
    return path.reduce<Selection>((selection, name) => selection.field(name), this);
  }

  private walk(visit: (name: string, set: SelectionSetNode | undefined) => void): void {
    const seenFragments = new Set<string>();
    const visitSet = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visitSet(selection.selectionSet);
        else if (!seenFragments.has(selection.name.value)) {
          seenFragments.add(selection.name.value);
          const fragment = this.fragments[selection.name.value];
          if (fragment) visitSet(fragment.selectionSet);
        }
      }
    };
    this.sets.forEach(visitSet);
  }
}
