import { useMutation, useQuery } from '@apollo/client/react';
import {
  AdminMappingTemplatesDocument,
  AdminSaveMappingTemplateDocument,
  type AdminMappingTemplatesQuery,
} from './admin.generated';

export type MappingTemplateRow = AdminMappingTemplatesQuery['mappingTemplates'][number];

/** The shared templates, and a customer's own when `customerCode` is given. */
export function useMappingTemplates(customerCode: string) {
  const code = customerCode.trim();
  const { data, loading, error, refetch } = useQuery(AdminMappingTemplatesDocument, {
    variables: code ? { customerCode: code } : {},
    fetchPolicy: 'cache-and-network',
  });
  return { templates: data?.mappingTemplates ?? [], loading, error, refetch };
}

/** The editor's text as JSON: the value, or where the text stops being JSON (the server checks the rest). */
export function parseDefinition(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** A definition as the editor shows it. */
export const definitionText = (definition: unknown) => JSON.stringify(definition, null, 2);

/** Saves a template (a new one, or a new version of one with the same name); the server validates it. */
export function useSaveMappingTemplate() {
  const [mutate, { loading }] = useMutation(AdminSaveMappingTemplateDocument, {
    refetchQueries: [AdminMappingTemplatesDocument],
  });
  return {
    save: (input: { customerCode: string; name: string; definition: unknown }) =>
      mutate({
        variables: {
          name: input.name.trim(),
          definition: input.definition,
          ...(input.customerCode.trim() ? { customerCode: input.customerCode.trim() } : {}),
        },
      }),
    saving: loading,
  };
}
