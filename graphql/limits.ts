import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** The deepest selection an operation may make (fragments counted where they are spread). */
export const MAX_DEPTH = 12;
/** The most an operation may cost: each field 1, a connection its page size times its items. */
export const MAX_COST = 20_000;

/** A validation rule refusing operations nested deeper than `max` fields (`graphql.too_deep`). */
export function depthLimit(max: number = MAX_DEPTH) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode, seen: Set<string>): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          depth = selection.selectionSet === undefined ? 1 : 1 + depthOf(selection.selectionSet, seen);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment cycle is its own validation error; do not loop on it here.
          if (fragment !== undefined && !seen.has(name))
            depth = depthOf(fragment.selectionSet, new Set([...seen, name]));
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`The operation is ${depth} fields deep; at most ${max} are allowed.`, {
              nodes: [operation],
              extensions: { code: 'graphql.too_deep' },
            }),
          );
        }
      },
    };
  };
}

/**
 * What an operation costs: 1 per field, plus its selection's cost times its page size when it takes
 * `first` (the asked value, or the argument's default), so nested connections multiply.
 */
export function operationCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of query.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName === undefined || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  if (operation === undefined) return 0;
  const root = schema.getRootType(operation.operation);
  if (root === undefined || root === null) return 0;
  const costOf = (set: SelectionSetNode, type: GraphQLNamedType, spread: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment === undefined || spread.has(fragment.name.value)) continue;
        total += costOf(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value) ?? type,
          new Set([...spread, fragment.name.value]),
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition =
          selection.typeCondition === undefined ? type : (schema.getType(selection.typeCondition.name.value) ?? type);
        total += costOf(selection.selectionSet, condition, spread);
      } else {
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (field === undefined || selection.selectionSet === undefined) {
          total += 1;
          continue;
        }
        let size = 1;
        if (field.args.some((argument) => argument.name === 'first')) {
          const values = getArgumentValues(field, selection, variables);
          size = typeof values['first'] === 'number' ? values['first'] : 1;
        }
        total += 1 + size * costOf(selection.selectionSet, getNamedType(field.type), spread);
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, new Set());
}

/** Refuses an operation over the cost ceiling, before anything runs. */
export function costError(cost: number, max: number = MAX_COST): GraphQLError | undefined {
  if (cost <= max) return undefined;
  return new GraphQLError(`The operation would cost ${cost}; at most ${max} is allowed. Ask for smaller pages.`, {
    extensions: { code: 'graphql.too_costly', cost, max },
  });
}
