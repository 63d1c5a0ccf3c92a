import { useT } from '../i18n/I18nProvider';
import { refusalHeadline, refusalSentence, type RefusalOverrides } from './refusal-reading';

export {
  problemsOf,
  refusalOf,
  refusalOfBody,
  refusalSentence,
  type FieldProblem,
  type Refusal,
  type RefusalOverrides,
} from './refusal-reading';

/** (error, overrides?) => the sentence to show, in the current language, with the fields the server named. */
export function useRefusalMessage(): (error: unknown, overrides?: RefusalOverrides) => string {
  const t = useT();
  return (error, overrides) => refusalSentence(error, t, overrides);
}

/** (error, overrides?) => the refusal's sentence alone, for a page that shows the named fields itself. */
export function useRefusalHeadline(): (error: unknown, overrides?: RefusalOverrides) => string {
  const t = useT();
  return (error, overrides) => refusalHeadline(error, t, overrides);
}
